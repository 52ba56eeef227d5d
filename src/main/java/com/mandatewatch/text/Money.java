package com.mandatewatch.text;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/** Amounts as the department reads them: 亿元 from one 亿 up, 万元 below, two decimals (SPEC §7). */
public final class Money {
    private static final BigDecimal YI = new BigDecimal("100000000");
    private static final BigDecimal WAN = new BigDecimal("10000");

    private Money() {
    }

    /** 3.50亿元, 1,234.50万元; yuan exact, rounded half up only for display. */
    public static String wanYi(BigDecimal yuan) {
        if (yuan.abs().compareTo(YI) >= 0) return String.format(Locale.ROOT, "%,.2f亿元", yuan.divide(YI, 2, RoundingMode.HALF_UP));
        return String.format(Locale.ROOT, "%,.2f万元", yuan.divide(WAN, 2, RoundingMode.HALF_UP));
    }
}
