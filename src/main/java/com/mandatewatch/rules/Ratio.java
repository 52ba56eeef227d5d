package com.mandatewatch.rules;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Owns the one place a ratio is divided out for display, so that the shown number agrees with the exact verdict. */
public final class Ratio {
    // enough significant digits for any reading; more only where a threshold needs them (see of)
    private static final int START_PRECISION = 10;
    // A quotient that still disagrees at this many digits would need inputs no feed can produce.
    private static final int MAX_PRECISION = 1 << 12;

    private Ratio() {
    }

    /**
     * numerator / denominator (denominator must be positive), rounded to as many significant digits as it takes
     * for the result to compare with every threshold exactly as numerator compares with threshold × denominator.
     * The verdicts themselves are taken by cross-multiplication elsewhere; this only keeps the displayed value
     * from contradicting them (a weight of 0.1000…01 must never come out as exactly 0.1).
     */
    public static BigDecimal of(BigDecimal numerator, BigDecimal denominator, BigDecimal... thresholds) {
        if (denominator.signum() <= 0) {
            throw new IllegalArgumentException("denominator must be positive: " + denominator.toPlainString());
        }
        int precision = START_PRECISION;
        while (true) {
            BigDecimal q = numerator.divide(denominator, new MathContext(precision, RoundingMode.HALF_EVEN));
            if (agrees(q, numerator, denominator, thresholds) || precision >= MAX_PRECISION) {
                return tidy(q);
            }
            precision *= 2;
        }
    }

    private static boolean agrees(BigDecimal q, BigDecimal numerator, BigDecimal denominator, BigDecimal[] thresholds) {
        for (BigDecimal t : thresholds) {
            if (t == null) {
                continue;
            }
            if (Integer.signum(q.compareTo(t)) != Integer.signum(numerator.compareTo(t.multiply(denominator)))) {
                return false;
            }
        }
        return true;
    }

    /** Strips trailing zeros but never into exponent notation ("1E+1"), which JSON readers and people dislike. */
    static BigDecimal tidy(BigDecimal v) {
        BigDecimal s = v.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    /** A quantity as people read it, digits grouped by thousands and every decimal kept: 150100 → "150,100". */
    static String grouped(BigDecimal v) {
        String plain = v.toPlainString();
        int dot = plain.indexOf('.');
        String whole = dot < 0 ? plain : plain.substring(0, dot);
        boolean negative = whole.startsWith("-");
        String digits = negative ? whole.substring(1) : whole;
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < digits.length(); i++) {
            if (i > 0 && (digits.length() - i) % 3 == 0) b.append(',');
            b.append(digits.charAt(i));
        }
        return (negative ? "-" : "") + b + (dot < 0 ? "" : plain.substring(dot));
    }

    /** Plain string for evidence: no exponent, ever. */
    static String plain(BigDecimal v) {
        return v.toPlainString();
    }
}
