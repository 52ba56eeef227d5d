package com.mandatewatch.domain;

/** Kinds of security a mandate limits by (SPEC §2), with the words the department uses for them. */
public enum SecurityKind {
    STOCK("股票类"), BOND("债券类"), FUND("基金类"), REPO("回购类"), CASH("现金"), OTHER("其他类");

    public final String zh;

    SecurityKind(String zh) { this.zh = zh; }
}
