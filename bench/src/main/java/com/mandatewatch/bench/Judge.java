package com.mandatewatch.bench;

import com.mandatewatch.rules.ScaledRatio;

import java.math.BigInteger;

/**
 * The SPEC §4 verdicts the peers call on the numbers their engines aggregated: the same exact arithmetic as the
 * product ({@link ScaledRatio}), so that a difference in the trail is a difference in what the engines kept, never
 * in rounding. Also the Esper single-row function that turns a NAV into the value a stock must exceed.
 */
public final class Judge {
    /** Set by the Esper engine before it sends anything: the mandates the single-row function reads. */
    static volatile Workload workload;
    private static final BigInteger E18 = BigInteger.TEN.pow(18);

    private Judge() {
    }

    /** 1 WARNING, 2 CRITICAL, 0 none, from a ScaledRatio verdict code. */
    static int severity(int code) {
        return code == 0 ? 0 : code == 1 ? 1 : 2;
    }

    static boolean limited(Workload.Mandate m, int k) {
        return m.min18[k] != ScaledRatio.ABSENT || m.max18[k] != ScaledRatio.ABSENT;
    }

    static int kind(Workload.Mandate m, int k, long sum, long nav) {
        return nav > 0 && limited(m, k) ? severity(ScaledRatio.judge(sum, nav, m.min18[k], m.max18[k], m.warn18[k])) : 0;
    }

    static int stock(Workload.Mandate m, long value, long nav) {
        return nav > 0 && m.singleMax18 != ScaledRatio.ABSENT
                ? severity(ScaledRatio.judge(value, nav, ScaledRatio.ABSENT, m.singleMax18, m.singleWarn18)) : 0;
    }

    static int low(Workload.Mandate m, long r4, long nav) {
        return nav > 0 && r4 < m.low4 ? (r4 < 0 && m.guaranteed ? 2 : 1) : 0;
    }

    static int high(Workload.Mandate m, long r4, long nav) {
        return nav > 0 && r4 > m.high4 ? (r4 < 0 && m.guaranteed ? 2 : 1) : 0;
    }

    /**
     * Esper single-row function: floor(line × NAV) for the account's lowest single-stock line (the warning line), so
     * that "value above the line" is exactly "value > this" for whole scaled values; Long.MAX_VALUE when no stock can
     * be flagged (no limit, or NAV ≤ 0).
     */
    public static long line(int acct, long nav) {
        Workload.Mandate m = workload.mandate[acct];
        if (nav <= 0 || m.singleMax18 == ScaledRatio.ABSENT) {
            return Long.MAX_VALUE;
        }
        long t = m.singleWarn18 == ScaledRatio.ABSENT ? m.singleMax18 : Math.min(m.singleWarn18, m.singleMax18);
        return BigInteger.valueOf(t).multiply(BigInteger.valueOf(nav)).divide(E18).longValueExact();
    }
}
