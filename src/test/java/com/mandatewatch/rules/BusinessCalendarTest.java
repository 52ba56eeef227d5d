package com.mandatewatch.rules;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.TimeZone;

import static com.mandatewatch.rules.Fixtures.CAL;
import static com.mandatewatch.rules.Fixtures.date;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BusinessCalendarTest {

    @ParameterizedTest(name = "{0}: working {1}, trading {2}")
    @CsvSource({
            "2025-04-25, true,  true",   // ordinary Friday
            "2025-04-26, false, false",  // ordinary Saturday
            "2025-04-27, true,  false",  // Sunday, make-up working day (调休): exchanges stay closed
            "2025-04-30, true,  true",
            "2025-05-01, false, false",  // 劳动节 1–5 May
            "2025-05-02, false, false",
            "2025-05-03, false, false",
            "2025-05-04, false, false",
            "2025-05-05, false, false",  // a Monday, still holiday
            "2025-05-06, true,  true",
            "2025-10-08, false, false",  // 国庆 + 中秋 1–8 Oct
            "2025-10-11, true,  false",  // Saturday make-up day
            "2026-02-28, true,  false",  // Saturday make-up day after 春节 (C16)
            "2026-01-31, false, false",  // ordinary Saturday (C16 c)
            "2026-02-16, false, false",  // 春节
            "2014-01-01, false, false",  // first year shipped
            "2027-12-29, true,  true",   // 2027 has no published arrangement yet: ordinary Wednesday
            "2030-01-01, true,  true",   // no file at all: ordinary week (a Tuesday)
    })
    void workingAndTradingDays(String day, boolean working, boolean trading) {
        assertEquals(working, CAL.isWorkingDay(date(day)), "working " + day);
        assertEquals(trading, CAL.isTradingDay(date(day)), "trading " + day);
    }

    @ParameterizedTest(name = "working day on or before {0} is {1}")
    @CsvSource({
            "2025-02-28, 2025-02-28",
            "2025-05-05, 2025-04-30",
            "2025-10-08, 2025-09-30",
            "2026-01-31, 2026-01-30",
            "2026-02-28, 2026-02-28",
            "2026-02-23, 2026-02-14",  // 春节 2026 is nine days off; the make-up Saturday 02-14 is before it
            "2025-04-27, 2025-04-27",
    })
    void workingDayOnOrBefore(String day, String expected) {
        assertEquals(date(expected), CAL.workingDayOnOrBefore(date(day)));
    }

    @ParameterizedTest(name = "{0} + {1} trading days = {2}")
    @CsvSource({
            "2025-09-30, 0, 2025-09-30",
            "2025-09-30, 1, 2025-10-09",   // over 国庆: 1–8 Oct closed
            "2025-09-30, 2, 2025-10-10",
            "2025-09-30, 3, 2025-10-13",   // 10-11 is a make-up Saturday: working, but no trading
            "2025-09-26, 1, 2025-09-29",   // 09-28 make-up Sunday is skipped
            "2025-04-25, 1, 2025-04-28",   // 04-27 make-up Sunday is skipped
            "2025-04-30, 1, 2025-05-06",
            "2025-03-03, 10, 2025-03-17",  // SPEC §5 cureBy example: 10 trading days
            "2025-10-09, -1, 2025-09-30",
    })
    void plusTradingDays(String day, int n, String expected) {
        assertEquals(date(expected), CAL.plusTradingDays(date(day), n));
    }

    @ParameterizedTest(name = "{0} trading hours: {1}")
    @CsvSource({
            "2025-03-03T09:29:59+08:00, false",
            "2025-03-03T09:30:00+08:00, true",
            "2025-03-03T11:29:59+08:00, true",
            "2025-03-03T11:30:00+08:00, false",
            "2025-03-03T12:00:00+08:00, false",
            "2025-03-03T13:00:00+08:00, true",
            "2025-03-03T14:59:59+08:00, true",
            "2025-03-03T15:00:00+08:00, false",
            "2025-03-03T02:00:00Z,      true",   // 10:00 in Shanghai
            "2025-03-02T10:00:00+08:00, false",  // Sunday
            "2025-04-27T10:00:00+08:00, false",  // make-up Sunday: working, not trading
            "2025-05-02T10:00:00+08:00, false",  // holiday
    })
    void tradingHours(String time, boolean expected) {
        assertEquals(expected, CAL.isTradingHours(ZonedDateTime.parse(time)));
    }

    @Test
    @DisplayName("C18: business date is the Shanghai date whatever the JVM default zone")
    void c18BusinessDateIndependentOfDefaultZone() {
        TimeZone saved = TimeZone.getDefault();
        try {
            List<String> results = new java.util.ArrayList<>();
            for (String zone : List.of("UTC", "Asia/Shanghai", "America/Los_Angeles")) {
                TimeZone.setDefault(TimeZone.getTimeZone(zone));
                LocalDate run = BusinessCalendar.businessDate(Instant.parse("2026-02-27T16:30:00Z"));
                LocalDate snapshot = BusinessCalendar.businessDate(OffsetDateTime.parse("2026-03-31T23:30:00+08:00"));
                assertEquals(date("2026-02-28"), run, zone);
                assertEquals(date("2026-03-31"), snapshot, zone);
                assertEquals(date("2026-02-28"),
                        BusinessCalendar.businessDate(OffsetDateTime.parse("2026-02-27T16:30:00Z")), zone);
                results.add(run + "/" + snapshot);
            }
            assertEquals(1, results.stream().distinct().count(), results.toString());
        } finally {
            TimeZone.setDefault(saved);
        }
    }

    @Test
    void yearsWithPublishedData() {
        assertTrue(CAL.hasDataFor(2014));
        assertTrue(CAL.hasDataFor(2026));
        assertFalse(CAL.hasDataFor(2027), "2027.json has no days yet: callers can warn that the year is a guess");
    }

    @Test
    void fromJsonReadsExceptionsAndRefusesBadData() {
        BusinessCalendar cal = BusinessCalendar.fromJson(List.of(
                "{\"year\":2025,\"days\":[{\"name\":\"x\",\"date\":\"2025-04-27\",\"isOffDay\":false},"
                        + "{\"name\":\"y\",\"date\":\"2025-05-01\",\"isOffDay\":true}]}"));
        assertTrue(cal.isWorkingDay(date("2025-04-27")));
        assertFalse(cal.isTradingDay(date("2025-04-27")));
        assertFalse(cal.isWorkingDay(date("2025-05-01")));
        assertTrue(cal.isWorkingDay(date("2025-05-02")));
        assertThrows(IllegalArgumentException.class, () -> BusinessCalendar.fromJson(List.of("not json")));
        assertThrows(IllegalArgumentException.class, () -> BusinessCalendar.fromJson(List.of("{\"year\":2025}")));
        assertThrows(IllegalArgumentException.class, () -> BusinessCalendar.fromJson(List.of(
                "{\"days\":[{\"date\":\"2025-02-30\",\"isOffDay\":true}]}")));
        assertThrows(IllegalArgumentException.class, () -> BusinessCalendar.fromJson(List.of(
                "{\"days\":[{\"date\":\"2025-05-01\"}]}")));
    }
}
