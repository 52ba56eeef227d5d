package com.mandatewatch.engine.ledger;

import com.mandatewatch.domain.Bounds;
import com.mandatewatch.domain.Contract;
import com.mandatewatch.domain.ContractType;
import com.mandatewatch.domain.Exclusions;
import com.mandatewatch.domain.Limits;
import com.mandatewatch.domain.Security;
import com.mandatewatch.domain.SecurityKind;
import com.mandatewatch.rules.ScaledRatio;

import java.math.BigDecimal;
import java.util.Arrays;

/**
 * One account's mandate as the ledger judges it: every bound as a fraction scaled by 10^18, the warning lines
 * (warnFraction × max) multiplied out once, the exclusions and the return band. {@link #exact} is false when a bound
 * does not fit that scale: the account is then judged by the BigDecimal rules only.
 */
final class CompiledMandate {
    static final int KINDS = SecurityKind.values().length;

    final long[] min = new long[KINDS];
    final long[] max = new long[KINDS];
    final long[] warn = new long[KINDS];
    /** The kinds with a minimum or a maximum, in SecurityKind order. */
    final int[] limitedKinds;
    final long singleMax;
    final long singleWarn;
    final boolean exact;
    private final Exclusions excluded;
    private final BigDecimal low;
    private final BigDecimal high;
    private final boolean guaranteed;

    private CompiledMandate(Contract c) {
        Limits limits = c.limits();
        BigDecimal wf = limits.warnFraction();
        boolean ok = true;
        int[] kinds = new int[KINDS];
        int n = 0;
        Arrays.fill(min, ScaledRatio.ABSENT);
        Arrays.fill(max, ScaledRatio.ABSENT);
        Arrays.fill(warn, ScaledRatio.ABSENT);
        for (SecurityKind kind : SecurityKind.values()) {
            Bounds b = limits.kinds().get(kind);
            if (b == null || (b.min() == null && b.max() == null)) {
                continue;
            }
            int k = kind.ordinal();
            kinds[n++] = k;
            if (b.min() != null) {
                min[k] = threshold(b.min());
                ok &= min[k] != ScaledRatio.ABSENT;
            }
            if (b.max() != null) {
                max[k] = threshold(b.max());
                ok &= max[k] != ScaledRatio.ABSENT;
                if (wf != null) {
                    warn[k] = threshold(wf.multiply(b.max()));
                    ok &= warn[k] != ScaledRatio.ABSENT;
                }
            }
        }
        this.limitedKinds = Arrays.copyOf(kinds, n);
        BigDecimal single = limits.singleSecurityMax();
        long sm = ScaledRatio.ABSENT;
        long sw = ScaledRatio.ABSENT;
        if (single != null) {
            sm = threshold(single);
            ok &= sm != ScaledRatio.ABSENT;
            if (wf != null) {
                sw = threshold(wf.multiply(single));
                ok &= sw != ScaledRatio.ABSENT;
            }
        }
        this.singleMax = sm;
        this.singleWarn = sw;
        this.exact = ok;
        this.excluded = c.excluded();
        this.low = c.returnBand().low();
        this.high = c.returnBand().high();
        this.guaranteed = c.type() == ContractType.CAPITAL_GUARANTEED;
    }

    /** null for an account without a watched contract: only DATA_QUALITY applies to it. */
    static CompiledMandate of(Contract c) {
        return c == null ? null : new CompiledMandate(c);
    }

    boolean hasSingleLimit() {
        return singleMax != ScaledRatio.ABSENT;
    }

    /** EXCLUDED_SECURITY by code, issuer or flag, exactly as the exclusion rule matches. */
    boolean excludes(String code, Security s) {
        if (excluded.codes().contains(code)) {
            return true;
        }
        if (s == null) {
            return false;
        }
        if (!s.issuer().isEmpty() && excluded.issuers().contains(s.issuer())) {
            return true;
        }
        for (String flag : s.flags()) {
            if (excluded.flags().contains(flag)) {
                return true;
            }
        }
        return false;
    }

    /** RETURN_BAND LOW code for a cumulative return (band inclusive): 0 inside, 2 for a guaranteed loss, else 1. */
    int returnLow(BigDecimal r) {
        return r != null && low != null && r.compareTo(low) < 0 ? severity(r) : 0;
    }

    int returnHigh(BigDecimal r) {
        return r != null && high != null && r.compareTo(high) > 0 ? severity(r) : 0;
    }

    private int severity(BigDecimal r) {
        // a loss on a capital-guaranteed contract is money the firm owes: CRITICAL, as the return band rule says
        return r.signum() < 0 && guaranteed ? 2 : 1;
    }

    private static long threshold(BigDecimal v) {
        long t = Scaled.of(v, ScaledRatio.THRESHOLD_SCALE);
        return t == Scaled.UNREPRESENTABLE ? ScaledRatio.ABSENT : t;
    }
}
