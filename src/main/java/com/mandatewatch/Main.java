package com.mandatewatch;
public class Main { public static void main(String[] a){} }
