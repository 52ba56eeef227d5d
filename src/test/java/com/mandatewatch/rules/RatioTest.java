package com.mandatewatch.rules;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static com.mandatewatch.rules.Fixtures.d;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RatioTest {

    @Test
    void exactQuotientsComeOutExact() {
        assertEquals("0.1", Ratio.of(d("1000000.00"), d("10000000.00"), d("0.10")).toPlainString());
        assertEquals("0.1032", Ratio.of(d("1032000.00"), d("10000000.00")).toPlainString());
        assertEquals("10", Ratio.of(d("100"), d("10")).toPlainString());
    }

    @Test
    void aQuotientJustAboveALimitIsNeverRoundedOntoIt() {
        // 1/10 + 1e-40 relative: 10, and even 34, significant digits would round it to exactly 0.1.
        BigDecimal nav = new BigDecimal("1" + "0".repeat(40));
        BigDecimal mv = new BigDecimal("1" + "0".repeat(39)).add(BigDecimal.ONE);
        BigDecimal w = Ratio.of(mv, nav, d("0.1"));
        assertTrue(w.compareTo(d("0.1")) > 0, w.toPlainString());
    }

    @Test
    void nonPositiveDenominatorIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Ratio.of(BigDecimal.ONE, BigDecimal.ZERO));
        assertThrows(IllegalArgumentException.class, () -> Ratio.of(BigDecimal.ONE, d("-1")));
    }

    @Test
    void aQuotientFarFromEveryLimitKeepsTenSignificantDigits() {
        assertEquals("0.6751208831", Ratio.of(d("6751208831039958643"), d("10000000000000000000"), d("0.1")).toPlainString());
    }

    @Test
    void quantitiesAreGroupedByThousandsWithEveryDecimalKept() {
        assertEquals("150,100", Ratio.grouped(d("150100")));
        assertEquals("100", Ratio.grouped(d("100")));
        assertEquals("1,000", Ratio.grouped(d("1000")));
        assertEquals("2,500,000.125", Ratio.grouped(d("2500000.125")));
        assertEquals("-12,345.5", Ratio.grouped(d("-12345.5")));
        assertEquals("0.0001", Ratio.grouped(d("0.0001")));
    }
}
