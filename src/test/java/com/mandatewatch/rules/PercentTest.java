package com.mandatewatch.rules;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;

import static com.mandatewatch.rules.Fixtures.d;
import static org.junit.jupiter.api.Assertions.assertEquals;

class PercentTest {

    @DisplayName("C06: the displayed percentage never contradicts the verdict against the limit")
    @ParameterizedTest(name = "{0} vs {1} → {2}")
    @CsvSource({
            // ratio,    limit,  shown
            "0.10004,    0.10,   10.004%",
            "0.10,       0.10,   10.00%",
            "0.1,        0.10,   10.00%",
            "0.100001,   0.10,   10.0001%",
            "0.099999,   0.10,   9.9999%",
            "0.0999999,  0.10,   9.99999%",
            "0.1032,     0.10,   10.32%",
            "0.612,      0.60,   61.20%",
            "0.05,       0.05,   5.00%",
            "0.0499,     0.05,   4.99%",
            "0.04999999, 0.05,   4.999999%",
            "-0.053,     -0.05,  -5.30%",
            "-0.050001,  -0.05,  -5.0001%",
            "0,          0.20,   0.00%",
            "0.123456,   ,       12.35%",
            "2,          0.10,   200.00%",
    })
    void formatsAgainstLimit(String ratio, String limit, String shown) {
        assertEquals(shown, Percent.format(d(ratio), d(limit)));
    }

    @Test
    @DisplayName("a value between the warning line and the max stays on the right side of both")
    void formatsAgainstSeveralLimits() {
        assertEquals("54.0001%", Percent.formatAgainst(d("0.540001"), d("0.54"), d("0.60")));
        assertEquals("59.9999%", Percent.formatAgainst(d("0.599999"), d("0.54"), d("0.60")));
    }

    @ParameterizedTest(name = "limit {0} → {1}")
    @CsvSource({"0.10, 10%", "0.60, 60%", "0.540, 54%", "-0.05, -5%", "0.045, 4.5%", "1, 100%", "0, 0%"})
    void formatsLimitsAsWritten(String limit, String shown) {
        assertEquals(shown, Percent.formatLimit(d(limit)));
    }

    @Test
    void nullShowsAsDash() {
        assertEquals("—", Percent.format(null, BigDecimal.ONE));
    }
}
