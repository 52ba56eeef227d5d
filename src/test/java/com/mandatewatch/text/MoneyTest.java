package com.mandatewatch.text;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MoneyTest {
    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({"46500000.0, 46500000.00", "19332560, 19332560.00", "16369155.00, 16369155.00", "1E+3, 1000.00",
            "0.125, 0.125", "1234.5670, 1234.567", "-150000.0, -150000.00", "0, 0.00"})
    void yuanKeepsAtLeastTwoDecimalsAndNeverRounds(String in, String out) {
        assertEquals(out, Money.yuan(new BigDecimal(in)));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({"300000000, 3.00亿元", "99990000, '9,999.00万元'", "12345000, '1,234.50万元'", "-250000000, -2.50亿元"})
    void wanYiAsTheDepartmentReadsThem(String in, String out) {
        assertEquals(out, Money.wanYi(new BigDecimal(in)));
    }
}
