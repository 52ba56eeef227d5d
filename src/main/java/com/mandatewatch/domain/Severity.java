package com.mandatewatch.domain;

/** How urgent an alert is; CRITICAL outranks WARNING. */
public enum Severity {
    WARNING("预警"), CRITICAL("严重");

    public final String zh;

    Severity(String zh) { this.zh = zh; }
}
