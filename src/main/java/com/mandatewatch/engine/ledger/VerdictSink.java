package com.mandatewatch.engine.ledger;

/**
 * Where the {@link Ledger} reports what moved: one call per verdict that changed (subject, id, from and to codes,
 * 0 meaning no condition), and {@link #mustJudge} for an account whose verdicts the ledger cannot vouch for on its
 * own (it holds a value too large or too fine for scaled longs, or its open alerts show numbers that follow prices).
 * Codes: 0 none, 1 WARNING, 2 and 3 CRITICAL (for a kind, 2 is above the maximum and 3 below the minimum).
 */
public interface VerdictSink {
    /** DATA_QUALITY on the account's NAV (≤ 0); id −1. */
    int NAV = 0;
    /** HOLDING_RATIO of a security kind; id the {@link com.mandatewatch.domain.SecurityKind} ordinal. */
    int KIND = 1;
    /** HOLDING_RATIO of one stock (single-security maximum); id the security. */
    int STOCK = 2;
    /** EXCLUDED_SECURITY; id the security. */
    int EXCLUDED = 3;
    /** DATA_QUALITY of a position that cannot be valued; id the security. */
    int UNVALUED = 4;
    /** RETURN_BAND LOW and HIGH; id −1. */
    int RETURN_LOW = 5;
    int RETURN_HIGH = 6;
    /** DISCLOSURE of the firm's stake with no filing (account −1); id the security. */
    int DISCLOSURE = 7;

    void changed(int account, int subject, int id, int from, int to);

    /** The account must be judged by the exact BigDecimal rules: the ledger alone cannot say what changed. */
    default void mustJudge(int account) {
    }

    VerdictSink NONE = (account, subject, id, from, to) -> { };

    /** 1 is WARNING, 2 and 3 are CRITICAL, 0 is no condition (null). */
    static String severity(int code) {
        return code == 0 ? null : code == 1 ? "WARNING" : "CRITICAL";
    }
}
