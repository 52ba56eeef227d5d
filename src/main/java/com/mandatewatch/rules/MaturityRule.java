package com.mandatewatch.rules;

import com.mandatewatch.domain.Condition;
import com.mandatewatch.domain.Contract;
import com.mandatewatch.domain.Rule;
import com.mandatewatch.domain.Severity;
import com.mandatewatch.text.Money;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Owns the MATURITY rule: when a contract's countdown starts, when it turns critical, and which days remind. */
public final class MaturityRule {
    private static final int FINAL_WEEK_DAYS = 7;
    private static final int MONTHS_AHEAD = 2;
    /** Longer than any run of non-working days in the State Council's notices (春节, 国庆: 8–9 days). */
    private static final int LONGEST_HOLIDAY_DAYS = 14;

    private MaturityRule() {
    }

    /** maturity.minusMonths(2), clamped to month end (2026-04-30 → 2026-02-28, C16), before working-day adjustment. */
    public static LocalDate nominalFirstWarningDay(LocalDate maturity) {
        // java.time clamps to the last valid day, which is the chosen rule; "today + 2 months ≥ maturity" is not.
        return maturity.minusMonths(MONTHS_AHEAD);
    }

    /** The nominal first warning day moved to the working day on or before it. */
    public static LocalDate firstWarningDay(LocalDate maturity, BusinessCalendar cal) {
        return cal.workingDayOnOrBefore(nominalFirstWarningDay(maturity));
    }

    /** maturity − 7 days: severity is CRITICAL from this day on (calendar days, no adjustment). */
    public static LocalDate finalWeekStart(LocalDate maturity) {
        return maturity.minusDays(FINAL_WEEK_DAYS);
    }

    /**
     * The condition for a contract with status ACTIVE or MATURED when today ≥ firstWarningDay; WARNING, CRITICAL
     * from finalWeekStart on and after maturity. value = days to maturity (negative after), limit = the days-to-go
     * it was compared with (days from first warning day to maturity, or 7 in the final week).
     */
    public static Optional<Condition> evaluate(Contract c, LocalDate today, BusinessCalendar cal) {
        if (c == null || c.maturityDate() == null || c.status() == null || !c.status().watched()) {
            return Optional.empty();
        }
        LocalDate maturity = c.maturityDate();
        LocalDate first = firstWarningDay(maturity, cal);
        if (today.isBefore(first)) {
            return Optional.empty();
        }
        LocalDate finalWeek = finalWeekStart(maturity);
        boolean critical = !today.isBefore(finalWeek);
        long days = ChronoUnit.DAYS.between(today, maturity);
        long limitDays = critical ? FINAL_WEEK_DAYS : ChronoUnit.DAYS.between(first, maturity);

        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("contract", c.code());
        evidence.put("status", c.status().name());
        evidence.put("today", today.toString());
        evidence.put("maturityDate", maturity.toString());
        evidence.put("firstWarningDay", first.toString());
        evidence.put("finalWeekStart", finalWeek.toString());
        evidence.put("daysToMaturity", days);
        if (c.tradingManager() != null) {
            evidence.put("tradingManager", c.tradingManager());
        }
        if (c.amount() != null) {
            evidence.put("amount", c.amount().toPlainString());
        }
        if (c.expectedRenewal() != null) {
            evidence.put("expectedRenewal", c.expectedRenewal().toPlainString());
        }

        return Optional.of(new Condition(Rule.MATURITY, c.account(), c.code(),
                critical ? Severity.CRITICAL : Severity.WARNING, BigDecimal.valueOf(days), BigDecimal.valueOf(limitDays),
                messageZh(nameZh(c), maturity, days, critical), messageEn(nameEn(c), maturity, days, critical), evidence));
    }

    /**
     * True when today is a reminder day: the first warning day, then every 7 days on the cadence of the UNADJUSTED
     * nominal first warning day + 7k, each moved to the working day on or before without shifting later ones;
     * every working day after maturity. False before the first warning day and on non-working days.
     */
    public static boolean isReminderDay(LocalDate maturity, LocalDate today, BusinessCalendar cal) {
        if (!cal.isWorkingDay(today)) {
            return false;
        }
        if (today.isAfter(maturity)) {
            return true;
        }
        LocalDate base = nominalFirstWarningDay(maturity);
        // A holiday can pull a reminder back more than a week (国庆, 春节), so test every cadence day rather than only
        // the nearest one. A cadence day just after maturity that falls in a holiday moves back onto or before the
        // maturity day like any other (2025-05-02 in 劳动节 → 2025-04-30): otherwise the last week before maturity
        // would pass without a reminder. A cadence day after maturity can never come back further than a holiday is
        // long, hence the bound.
        for (LocalDate nominal = base; !nominal.isAfter(maturity.plusDays(LONGEST_HOLIDAY_DAYS)); nominal = nominal.plusDays(7)) {
            if (cal.workingDayOnOrBefore(nominal).equals(today)) {
                return true;
            }
        }
        return false;
    }

    /** The clause an overdue reading ends with; a resolved alert drops it from the reading it keeps (alerts/Resolution). */
    public static final String OUTSTANDING_ZH = "，尚未续约、终止或清算";
    public static final String OUTSTANDING_EN = ", not yet renewed, terminated or settled";

    /** "K-2014-001（委托金额 3.00亿元）": finance prepares the repayment from this mail, and needs the sum. */
    private static String nameZh(Contract c) {
        return c.amount() == null ? c.code() : c.code() + "（委托金额 " + Money.wanYi(c.amount()) + "）";
    }

    private static String nameEn(Contract c) {
        return c.amount() == null ? c.code() : c.code() + " (CNY " + String.format(Locale.ROOT, "%,.2f", c.amount()) + ")";
    }

    private static String messageZh(String name, LocalDate maturity, long days, boolean critical) {
        // no space after a full-width bracket: "（委托金额 3.00亿元）将于", as Chinese is set
        String head = "合同 " + name + (name.endsWith("）") ? "" : " ");
        if (days > 0) {
            return head + "将于 " + maturity + " 到期，剩余 " + days + " 天" + (critical ? "（到期前最后一周）" : "");
        }
        if (days == 0) {
            return head + "于今日 " + maturity + " 到期";
        }
        return head + "已于 " + maturity + " 到期，已过 " + (-days) + " 天" + OUTSTANDING_ZH;
    }

    private static String messageEn(String code, LocalDate maturity, long days, boolean critical) {
        if (days > 0) {
            return "Contract " + code + " matures on " + maturity + ", " + days + (days == 1 ? " day" : " days") + " left"
                    + (critical ? " (final week)" : "");
        }
        if (days == 0) {
            return "Contract " + code + " matures today, " + maturity;
        }
        return "Contract " + code + " matured on " + maturity + ", " + (-days) + (days == -1 ? " day" : " days")
                + " ago" + OUTSTANDING_EN;
    }
}
