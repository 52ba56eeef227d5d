package com.mandatewatch.engine.ledger;

import java.math.BigDecimal;

/**
 * Owns the conversion of exact decimals into the ledger's scaled longs: a value either fits exactly at the scale or
 * is {@link #UNREPRESENTABLE}, never rounded. A ledger account holding such a value is judged by the BigDecimal rules.
 */
public final class Scaled {
    /** Decimal places of a quantity: the position table's NUMERIC(24,4). */
    public static final int QTY_SCALE = 4;
    /** Decimal places of a price kept in the ledger. A-share, bond and fund prices have at most 4 (finer ones fall back). */
    public static final int PRICE_SCALE = 4;
    /** A market value is quantity × price, so it has both scales: 8 decimals. */
    public static final int VALUE_SCALE = QTY_SCALE + PRICE_SCALE;
    public static final long UNREPRESENTABLE = Long.MIN_VALUE;

    private Scaled() {
    }

    /** v × 10^scale as a long when that is an exact integer that fits; otherwise {@link #UNREPRESENTABLE}. */
    public static long of(BigDecimal v, int scale) {
        if (v == null) {
            return UNREPRESENTABLE;
        }
        BigDecimal moved = v.movePointRight(scale);
        if (moved.scale() > 0) {
            moved = moved.stripTrailingZeros();
            if (moved.scale() > 0) {
                return UNREPRESENTABLE; // finer than the scale: would need rounding
            }
        }
        java.math.BigInteger exact = moved.toBigInteger();
        if (exact.bitLength() > 63) {
            return UNREPRESENTABLE;
        }
        long out = exact.longValue();
        return out == UNREPRESENTABLE ? UNREPRESENTABLE : out;
    }

    /** The decimal a scaled long stands for (for tests and messages; never on the hot path). */
    public static BigDecimal toDecimal(long scaled, int scale) {
        return BigDecimal.valueOf(scaled, scale);
    }
}
