package com.mandatewatch.rules;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ScaledRatioTest {
    private static final long E18 = 1_000_000_000_000_000_000L;

    private static long t(String fraction) {
        return new BigDecimal(fraction).movePointRight(18).longValueExact();
    }

    @DisplayName("Single stock, max 10% and warning line 9%, NAV 10,000,000.00: below, equal, just above each line")
    @ParameterizedTest(name = "value {0} → {1}")
    @CsvSource({
            "899999.99,  0",   // below the warning line
            "900000.00,  0",   // exactly on the warning line: not above it
            "900000.01,  1",   // just above: WARNING
            "1000000.00, 1",   // exactly 10%: not a breach (C06a)
            "1000000.01, 2",   // just above 10%: MAX_BREACH
    })
    void singleStockLines(String value, int verdict) {
        long part = new BigDecimal(value).movePointRight(8).longValueExact();
        long nav = new BigDecimal("10000000.00").movePointRight(8).longValueExact();
        assertEquals(verdict, ScaledRatio.judge(part, nav, ScaledRatio.ABSENT, t("0.10"), t("0.09")));
    }

    @DisplayName("A kind minimum of 20%: below is MIN_BREACH, equal is fine; a maximum breach outranks it")
    @ParameterizedTest(name = "part {0} of 1000 → {1}")
    @CsvSource({"199.9999, 3", "200, 0", "200.0001, 0", "540, 0", "540.0001, 1", "600, 1", "600.0001, 2"})
    void kindBounds(String part, int verdict) {
        long p = new BigDecimal(part).movePointRight(4).longValueExact();
        assertEquals(verdict, ScaledRatio.judge(p, 1000_0000L, t("0.20"), t("0.60"), t("0.54")));
    }

    @Test
    @DisplayName("Products past 2^63 compare exactly over 128 bits, signs included")
    void wideProducts() {
        assertEquals(1, ScaledRatio.compareProducts(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE - 1, Long.MAX_VALUE));
        assertEquals(0, ScaledRatio.compareProducts(Long.MAX_VALUE, 2, 2, Long.MAX_VALUE));
        assertEquals(-1, ScaledRatio.compareProducts(-Long.MAX_VALUE, E18, 1, 1));
        assertEquals(1, ScaledRatio.compareProducts(-3, -Long.MAX_VALUE, 2, Long.MAX_VALUE));
        // the largest NAV a ledger holds against a threshold just above 9: still exact
        assertEquals(-1, ScaledRatio.compareProducts(Long.MAX_VALUE, E18, 9 * E18 + 1, Long.MAX_VALUE));
    }

    @Test
    @DisplayName("Disclosure of an unfiled stake: 4.5% approaches, 5% is reached, a share less is not")
    void disclosure() {
        long total = 1_000_000_000L;
        assertEquals(0, ScaledRatio.disclosure(44_999_999_9999L, 4, total));
        assertEquals(1, ScaledRatio.disclosure(45_000_000_0000L, 4, total));
        assertEquals(1, ScaledRatio.disclosure(49_999_999_9999L, 4, total));
        assertEquals(2, ScaledRatio.disclosure(50_000_000_0000L, 4, total));
        assertEquals(0, ScaledRatio.disclosure(50_000_000_0000L, 4, 0));
    }

    @Test
    @DisplayName("Randomized: the scaled verdict equals Verdict.judge on BigDecimal over 200,000 draws near every line")
    void sameAsBigDecimal() {
        SplittableRandom r = new SplittableRandom(42);
        String[] limits = {"0.1", "0.09", "0.6", "0.2", "0.05", "0.333333333", "1", "0.000000001"};
        for (int n = 0; n < 200_000; n++) {
            long whole = 1 + r.nextLong(1L << 50);
            BigDecimal max = r.nextInt(4) == 0 ? null : new BigDecimal(limits[r.nextInt(limits.length)]);
            BigDecimal min = r.nextInt(3) == 0 ? new BigDecimal(limits[r.nextInt(limits.length)]) : null;
            BigDecimal wf = new BigDecimal(r.nextBoolean() ? "0.9" : "0.75");
            BigDecimal line = max != null ? max : min != null ? min : BigDecimal.ONE;
            // a part within a few units of a threshold × whole, so every boundary is hit
            long near = line.multiply(BigDecimal.valueOf(whole)).longValue();
            long part = Math.max(0, near + r.nextInt(-3, 4));
            if (r.nextInt(5) == 0) part = r.nextLong(whole + 1);
            Verdict expected = Verdict.judge(BigDecimal.valueOf(part), BigDecimal.valueOf(whole), min, max, max == null ? null : wf);
            long min18 = min == null ? ScaledRatio.ABSENT : t(min.toPlainString());
            long max18 = max == null ? ScaledRatio.ABSENT : t(max.toPlainString());
            long warn18 = max == null ? ScaledRatio.ABSENT : t(wf.multiply(max).toPlainString());
            assertEquals(expected.ordinal(), ScaledRatio.judge(part, whole, min18, max18, warn18),
                    () -> "part " + " whole " + whole + " min " + min + " max " + max);
        }
    }
}
