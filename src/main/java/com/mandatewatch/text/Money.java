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

    /**
     * Yuan as the API writes them: exact, with at least the two decimals of an amount ("930000.00", not "930000.0",
     * beside a NAV of "16369155.00"); more only where the product of quantity and price has them.
     */
    public static String yuan(BigDecimal yuan) {
        BigDecimal v = yuan.stripTrailingZeros();
        return (v.scale() < 2 ? v.setScale(2) : v).toPlainString();
    }

    /**
     * 3.50亿元, 1,234.50万元; yuan exact, rounded half up only for display. An amount just under 1亿 that would round to
     * "10,000.00万元" is shown as 1.00亿元, as the dashboard does (fmt.js formatAmount).
     */
    public static String wanYi(BigDecimal yuan) {
        BigDecimal wan = yuan.divide(WAN, 2, RoundingMode.HALF_UP);
        if (wan.abs().compareTo(WAN) >= 0) return String.format(Locale.ROOT, "%,.2f亿元", yuan.divide(YI, 2, RoundingMode.HALF_UP));
        return String.format(Locale.ROOT, "%,.2f万元", wan);
    }
}
