package com.mandatewatch.bench.drools;

import com.mandatewatch.bench.Trail;
import com.mandatewatch.bench.Workload;
import com.mandatewatch.rules.ScaledRatio;

import java.math.BigInteger;

/** Static helpers the DRL calls: the exact SPEC §4 arithmetic, the same as every engine uses. */
public final class Rules {
    private static final BigInteger E18 = BigInteger.TEN.pow(18);

    private Rules() {
    }

    public static long key(int subject, int account, int id) {
        return Trail.key(subject, account, id);
    }

    public static int severity(int code) {
        return code == 0 ? 0 : code == 1 ? 1 : 2;
    }

    public static int kind(Workload.Mandate m, int k, long sum, long nav) {
        return nav > 0 ? severity(ScaledRatio.judge(sum, nav, m.min18[k], m.max18[k], m.warn18[k])) : 0;
    }

    public static int stock(Workload.Mandate m, long value, long nav) {
        return nav > 0 && m.singleMax18 != ScaledRatio.ABSENT
                ? severity(ScaledRatio.judge(value, nav, ScaledRatio.ABSENT, m.singleMax18, m.singleWarn18)) : 0;
    }

    /** floor(lowest single-stock line × NAV): a stock is flagged exactly when its value is above this. */
    public static long line(Workload.Mandate m, long nav) {
        if (nav <= 0 || m.singleMax18 == ScaledRatio.ABSENT) return Long.MAX_VALUE;
        long t = m.singleWarn18 == ScaledRatio.ABSENT ? m.singleMax18 : Math.min(m.singleWarn18, m.singleMax18);
        return BigInteger.valueOf(t).multiply(BigInteger.valueOf(nav)).divide(E18).longValueExact();
    }

    public static int low(Workload.Mandate m, long r4) {
        return r4 < m.low4 ? (r4 < 0 && m.guaranteed ? 2 : 1) : 0;
    }

    public static int high(Workload.Mandate m, long r4) {
        return r4 > m.high4 ? (r4 < 0 && m.guaranteed ? 2 : 1) : 0;
    }

    public static int disclosure(long q, long total) {
        return ScaledRatio.disclosure(q, 4, total);
    }
}
