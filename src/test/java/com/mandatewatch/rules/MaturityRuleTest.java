package com.mandatewatch.rules;

import com.mandatewatch.domain.Condition;
import com.mandatewatch.domain.ContractStatus;
import com.mandatewatch.domain.Rule;
import com.mandatewatch.domain.Severity;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;

import static com.mandatewatch.rules.Fixtures.CAL;
import static com.mandatewatch.rules.Fixtures.date;
import static com.mandatewatch.rules.Fixtures.maturing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MaturityRuleTest {

    @DisplayName("C16 + SPEC §4: first warning = maturity.minusMonths(2) clamped, then the working day on or before")
    @ParameterizedTest(name = "{0} → nominal {1} → first warning {2}, final week {3}")
    @CsvSource({
            // maturity,   nominal,    adjusted,   final week
            "2025-04-30, 2025-02-28, 2025-02-28, 2025-04-23",  // SPEC example, a Friday
            "2026-04-30, 2026-02-28, 2026-02-28, 2026-04-23",  // C16 a: Saturday, but a make-up working day (调休)
            "2028-02-29, 2027-12-29, 2027-12-29, 2028-02-22",  // C16 b: leap day, a Wednesday
            "2026-03-31, 2026-01-31, 2026-01-30, 2026-03-24",  // C16 c: ordinary Saturday → Friday
            "2026-04-29, 2026-02-28, 2026-02-28, 2026-04-22",  // C16 d: clamped like (a)
            "2025-10-10, 2025-08-10, 2025-08-08, 2025-10-03",  // Sunday → Friday
            "2026-04-05, 2026-02-05, 2026-02-05, 2026-03-29",
    })
    void c16FirstWarningAndFinalWeek(String maturity, String nominal, String adjusted, String finalWeek) {
        LocalDate m = date(maturity);
        assertEquals(date(nominal), MaturityRule.nominalFirstWarningDay(m));
        assertEquals(date(adjusted), MaturityRule.firstWarningDay(m, CAL));
        assertEquals(date(finalWeek), MaturityRule.finalWeekStart(m));
    }

    @DisplayName("C16: evaluated daily from 2026-01-01, the first WARNING and the first CRITICAL day")
    @ParameterizedTest(name = "{0}: first warning {1}, first critical {2}")
    @CsvSource({
            "2026-04-30, 2026-02-28, 2026-04-23",
            "2026-03-31, 2026-01-30, 2026-03-24",
            "2026-04-29, 2026-02-28, 2026-04-22",
            "2028-02-29, 2027-12-29, 2028-02-22",
    })
    void c16DailyRun(String maturity, String firstWarning, String firstCritical) {
        var contract = maturing(date(maturity), ContractStatus.ACTIVE);
        LocalDate firstSeen = null;
        LocalDate firstCrit = null;
        for (LocalDate day = date("2026-01-01"); !day.isAfter(date(maturity).plusDays(3)); day = day.plusDays(1)) {
            Optional<Condition> c = MaturityRule.evaluate(contract, day, CAL);
            if (c.isPresent() && firstSeen == null) {
                firstSeen = day;
            }
            if (c.isPresent() && c.get().severity() == Severity.CRITICAL && firstCrit == null) {
                firstCrit = day;
            }
            if (firstSeen != null) {
                assertTrue(c.isPresent(), "once started the condition holds every day: " + day);
            }
        }
        assertEquals(date(firstWarning), firstSeen);
        assertEquals(date(firstCritical), firstCrit);
        // The rejected alternative rule ("first day where today + 2 months ≥ maturity") would say 2026-03-01.
        assertTrue(firstSeen.isBefore(date("2026-03-01")) || firstSeen.getYear() > 2026);
    }

    @Test
    @DisplayName("C18: run at 2026-02-27T16:30Z on a UTC JVM is business date 2026-02-28: first warning, 61 days")
    void c18FirstWarningOnShanghaiDate() {
        TimeZone saved = TimeZone.getDefault();
        try {
            List<String> results = new ArrayList<>();
            for (String zone : List.of("UTC", "Asia/Shanghai")) {
                TimeZone.setDefault(TimeZone.getTimeZone(zone));
                LocalDate today = BusinessCalendar.businessDate(Instant.parse("2026-02-27T16:30:00Z"));
                Condition c = MaturityRule.evaluate(maturing(date("2026-04-30"), ContractStatus.ACTIVE), today, CAL)
                        .orElseThrow();
                assertEquals(Severity.WARNING, c.severity());
                assertEquals(61, c.value().intValueExact());
                assertTrue(MaturityRule.isReminderDay(date("2026-04-30"), today, CAL));
                results.add(today + " " + c.message());
            }
            assertEquals(results.get(0), results.get(1));
        } finally {
            TimeZone.setDefault(saved);
        }
    }

    @DisplayName("severity and days to maturity around the final week and maturity (2025-04-30)")
    @ParameterizedTest(name = "{0}: {1} {2} days")
    @CsvSource({
            "2025-02-27, NONE,     ",
            "2025-02-28, WARNING,  61",
            "2025-04-22, WARNING,  8",
            "2025-04-23, CRITICAL, 7",
            "2025-04-29, CRITICAL, 1",
            "2025-04-30, CRITICAL, 0",
            "2025-05-06, CRITICAL, -6",
    })
    void severityAroundFinalWeek(String today, String severity, Integer days) {
        Optional<Condition> c = MaturityRule.evaluate(maturing(date("2025-04-30"), ContractStatus.ACTIVE),
                date(today), CAL);
        if (severity.equals("NONE")) {
            assertTrue(c.isEmpty());
            return;
        }
        Condition cond = c.orElseThrow();
        assertEquals(Severity.valueOf(severity), cond.severity());
        assertEquals(days.intValue(), cond.value().intValueExact());
        assertEquals(Rule.MATURITY, cond.rule());
        assertEquals("MATURITY:A001:K-2024-007", cond.fingerprint());
        assertEquals(cond.severity() == Severity.CRITICAL ? 7 : 61, cond.limit().intValueExact());
        if (days < 0) {
            // the clause a resolved alert drops (alerts/Resolution): it must be the constant, word for word
            assertEquals("合同 K-2024-007（委托金额 3.00亿元）已于 2025-04-30 到期，已过 " + (-days) + " 天" + MaturityRule.OUTSTANDING_ZH, cond.message());
            assertTrue(cond.messageEn().endsWith(MaturityRule.OUTSTANDING_EN), cond.messageEn());
        }
    }

    @Test
    void messageMatchesSpecExample() {
        Condition c = MaturityRule.evaluate(maturing(date("2025-04-30"), ContractStatus.ACTIVE), date("2025-02-28"), CAL)
                .orElseThrow();
        assertEquals("合同 K-2024-007（委托金额 3.00亿元）将于 2025-04-30 到期，剩余 61 天", c.message(), "the sum finance repays, in 亿元");
        assertEquals("Contract K-2024-007 (CNY 300,000,000.00) matures on 2025-04-30, 61 days left", c.messageEn());
        assertEquals("2025-02-28", c.evidence().get("firstWarningDay"));
    }

    @ParameterizedTest
    @EnumSource(ContractStatus.class)
    void onlyActiveAndMaturedContractsAreWatched(ContractStatus status) {
        boolean fires = MaturityRule.evaluate(maturing(date("2025-04-30"), status), date("2025-05-06"), CAL).isPresent();
        assertEquals(status == ContractStatus.ACTIVE || status == ContractStatus.MATURED, fires, status.name());
    }

    @Test
    @DisplayName("reminders: weekly on the unadjusted cadence, moved back over holidays without shifting, then daily")
    void reminderCadenceSpecExample() {
        LocalDate maturity = date("2025-04-30");
        List<LocalDate> expected = new ArrayList<>(List.of(
                date("2025-02-28"), date("2025-03-07"), date("2025-03-14"), date("2025-03-21"), date("2025-03-28"),
                date("2025-04-03"), // 04-04 is 清明: moved to Thursday
                date("2025-04-11"), // not shifted by the previous move
                date("2025-04-18"), date("2025-04-25"),
                date("2025-04-30"), // cadence 05-02 is in 劳动节: moved back onto the maturity day, not dropped
                date("2025-05-06"), date("2025-05-07"), date("2025-05-08"), date("2025-05-09"), date("2025-05-12")));
        assertEquals(expected, reminders(maturity, date("2025-02-01"), date("2025-05-12")));
    }

    @Test
    @DisplayName("C16 c: reminders from a Saturday first day across 春节 2026 and its make-up Saturdays")
    void reminderCadenceAcrossSpringFestival() {
        LocalDate maturity = date("2026-03-31");
        assertEquals(List.of(
                        date("2026-01-30"),  // nominal 01-31 Saturday
                        date("2026-02-06"),  // nominal 02-07 Saturday
                        date("2026-02-14"),  // nominal 02-14 Saturday, a make-up working day
                        // nominal 02-21 is in 春节: it moves back to 02-14 as well, already a reminder
                        date("2026-02-28"),  // make-up Saturday
                        date("2026-03-06"), date("2026-03-13"), date("2026-03-20"), date("2026-03-27"),
                        date("2026-04-01"), date("2026-04-02"), date("2026-04-03")),  // daily; 04-04..06 清明
                reminders(maturity, date("2026-01-01"), date("2026-04-06")));
    }

    @Test
    void noReminderOnNonWorkingDaysOrBeforeTheFirstWarning() {
        LocalDate maturity = date("2025-04-30");
        assertFalse(MaturityRule.isReminderDay(maturity, date("2025-02-21"), CAL));
        assertFalse(MaturityRule.isReminderDay(maturity, date("2025-04-04"), CAL));
        assertFalse(MaturityRule.isReminderDay(maturity, date("2025-05-03"), CAL));
        assertTrue(MaturityRule.isReminderDay(maturity, date("2025-05-06"), CAL));
    }

    private static List<LocalDate> reminders(LocalDate maturity, LocalDate from, LocalDate to) {
        List<LocalDate> out = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            if (MaturityRule.isReminderDay(maturity, d, CAL)) {
                out.add(d);
            }
        }
        return out;
    }
}
