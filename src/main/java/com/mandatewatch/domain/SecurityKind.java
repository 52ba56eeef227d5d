package com.mandatewatch.domain;

/** Kinds of security a mandate limits by (SPEC §2). */
public enum SecurityKind { STOCK, BOND, FUND, REPO, CASH, OTHER }
