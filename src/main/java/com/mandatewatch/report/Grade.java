package com.mandatewatch.report;

/** A client class within one dimension (SPEC §2): A is the most important, D the least. */
public enum Grade { A, B, C, D }
