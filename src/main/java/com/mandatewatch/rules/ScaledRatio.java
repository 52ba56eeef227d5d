package com.mandatewatch.rules;

/**
 * Owns the SPEC §4 comparison operators on scaled longs, for the engine's hot path: the same verdicts as
 * {@link Verdict#judge} (which works on BigDecimal), taken by exact 128-bit cross-multiplication, never by division
 * or floating point. Thresholds are fractions scaled by 10^18 ({@link #THRESHOLD_SCALE}); a part and its whole are
 * two amounts at one common scale, whatever it is.
 */
public final class ScaledRatio {
    /** Decimal places of a threshold: 0.09 is 90_000_000_000_000_000. Any limit with ≤ 18 decimals below 9.2 fits. */
    public static final int THRESHOLD_SCALE = 18;
    private static final long ONE = 1_000_000_000_000_000_000L;
    /** An absent bound ({@code min} or {@code max} null in the mandate). */
    public static final long ABSENT = Long.MIN_VALUE;

    /** Verdict codes, in the order of {@link Verdict}: NONE, WARNING, MAX_BREACH, MIN_BREACH. */
    public static final int NONE = 0;
    public static final int WARNING = 1;
    public static final int MAX_BREACH = 2;
    public static final int MIN_BREACH = 3;

    private ScaledRatio() {
    }

    /**
     * part / whole against {min, max, warn line} with whole > 0 (the caller checks: NAV ≤ 0 has no ratio, C09).
     * A maximum is broken when the weight is above it (equal is not a breach, C06a); a minimum when below it; the
     * warning when above the warn line (warnFraction × max, precomputed). Exactly {@link Verdict#judge}'s order.
     */
    public static int judge(long part, long whole, long min18, long max18, long warn18) {
        if (max18 != ABSENT && above(part, whole, max18)) {
            return MAX_BREACH;
        }
        // A minimum breach outranks a warning: it is CRITICAL.
        if (min18 != ABSENT && below(part, whole, min18)) {
            return MIN_BREACH;
        }
        if (warn18 != ABSENT && above(part, whole, warn18)) {
            return WARNING;
        }
        return NONE;
    }

    /** part / whole > t (t scaled by 10^18), i.e. part × 10^18 > t × whole, exactly. */
    public static boolean above(long part, long whole, long t18) {
        return compareProducts(part, ONE, t18, whole) > 0;
    }

    /** part / whole < t, i.e. part × 10^18 < t × whole, exactly. */
    public static boolean below(long part, long whole, long t18) {
        return compareProducts(part, ONE, t18, whole) < 0;
    }

    /**
     * The sign of a × b − c × d over the full 128-bit products: the high halves are signed, the low halves compare
     * unsigned. Never overflows, whatever the four longs.
     */
    public static int compareProducts(long a, long b, long c, long d) {
        long hi1 = Math.multiplyHigh(a, b);
        long hi2 = Math.multiplyHigh(c, d);
        if (hi1 != hi2) {
            return hi1 < hi2 ? -1 : 1;
        }
        return Long.compareUnsigned(a * b, c * d);
    }

    /** Disclosure severity codes of the unfiled ladder: below 4.5%, approaching (≥ 4.5%), reached (≥ 5%, each step). */
    public static final int DISCLOSURE_APPROACH = 1;
    public static final int DISCLOSURE_REACHED = 2;

    /**
     * The firm-wide stake of a security with no filed disclosure yet, as {@link DisclosureRule} judges it: reached at
     * ≥ 5% (20 q ≥ T), approaching at ≥ 4.5% (1000 q ≥ 45 T), else none. q is at scale {@code qtyScale}, T in shares.
     */
    public static int disclosure(long firmQty, int qtyScale, long totalShares) {
        if (totalShares <= 0) {
            return NONE;
        }
        long unit = pow10(qtyScale);
        if (compareProducts(firmQty, 20, totalShares, unit) >= 0) {
            return DISCLOSURE_REACHED;
        }
        if (compareProducts(firmQty, 1000, totalShares, 45 * unit) >= 0) {
            return DISCLOSURE_APPROACH;
        }
        return NONE;
    }

    static long pow10(int n) {
        long p = 1;
        for (int i = 0; i < n; i++) {
            p *= 10;
        }
        return p;
    }
}
