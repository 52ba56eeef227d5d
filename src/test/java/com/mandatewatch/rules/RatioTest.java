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
        // 1/10 + 1e-40 relative: 34 significant digits would round it to exactly 0.1.
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
}
