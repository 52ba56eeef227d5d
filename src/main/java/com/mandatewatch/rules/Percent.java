package com.mandatewatch.rules;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Owns how ratios and limits are shown as percentages in messages, so that no display contradicts a verdict. */
public final class Percent {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final int MIN_DECIMALS = 2;

    private Percent() {
    }

    /**
     * Format a ratio as percent with enough digits that it never contradicts the verdict against limit:
     * 0.10004 vs 0.10 → "10.004%", not "10.00%"; at least 2 decimals, more only when needed; limit may be null.
     * A null ratio shows as "—".
     */
    public static String format(BigDecimal ratio, BigDecimal limit) {
        return formatAgainst(ratio, limit);
    }

    /** Like {@link #format} but keeps the display on the right side of several limits at once (warning line and max). */
    public static String formatAgainst(BigDecimal ratio, BigDecimal... limits) {
        if (ratio == null) {
            return "—";
        }
        BigDecimal pct = ratio.multiply(HUNDRED);
        // Once the scale reaches the ratio's own, the display is exact, so the loop always ends.
        int exact = Math.max(MIN_DECIMALS, pct.scale());
        for (int scale = MIN_DECIMALS; ; scale++) {
            BigDecimal shown = pct.setScale(scale, RoundingMode.HALF_UP);
            if (scale >= exact || sameSide(shown, pct, limits)) {
                return shown.toPlainString() + "%";
            }
        }
    }

    /** A limit as people write it: 0.60 → "60%", 0.054 → "5.4%", -0.05 → "-5%". */
    public static String formatLimit(BigDecimal limit) {
        if (limit == null) {
            return "—";
        }
        return Ratio.tidy(limit.multiply(HUNDRED)).toPlainString() + "%";
    }

    private static boolean sameSide(BigDecimal shown, BigDecimal exactPct, BigDecimal[] limits) {
        if (limits == null) {
            return true;
        }
        for (BigDecimal limit : limits) {
            if (limit == null) {
                continue;
            }
            BigDecimal limitPct = limit.multiply(HUNDRED);
            if (Integer.signum(shown.compareTo(limitPct)) != Integer.signum(exactPct.compareTo(limitPct))) {
                return false;
            }
        }
        return true;
    }
}
