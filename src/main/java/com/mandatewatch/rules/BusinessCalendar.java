package com.mandatewatch.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Owns the two mainland calendars of SPEC §4, built from holiday-cn files: working days (make-up weekend days
 * count) and trading days (exchanges never open on a weekend), plus the Asia/Shanghai business date.
 * Years without a file are treated as ordinary Monday–Friday weeks.
 */
public final class BusinessCalendar {
    public static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    // Scanning a wide range lets a new year's file be dropped into conf/calendar without a code change.
    private static final int FIRST_YEAR = 2000;
    private static final int LAST_YEAR = 2100;
    // No holiday arrangement is longer than a few weeks; a longer run means broken data, not a long holiday.
    private static final int MAX_STEPS_WITHOUT_DAY = 60;

    private static final LocalTime MORNING_OPEN = LocalTime.of(9, 30);
    private static final LocalTime MORNING_CLOSE = LocalTime.of(11, 30);
    private static final LocalTime AFTERNOON_OPEN = LocalTime.of(13, 0);
    private static final LocalTime AFTERNOON_CLOSE = LocalTime.of(15, 0);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Set<LocalDate> offDays;
    private final Set<LocalDate> makeUpDays;
    private final Set<Integer> yearsWithData;

    private BusinessCalendar(Set<LocalDate> offDays, Set<LocalDate> makeUpDays, Set<Integer> yearsWithData) {
        this.offDays = Set.copyOf(offDays);
        this.makeUpDays = Set.copyOf(makeUpDays);
        this.yearsWithData = Set.copyOf(yearsWithData);
    }

    /** Reads the classpath resources conf/calendar/YYYY.json (2014 … 2027 ship today); fails if none is found. */
    public static BusinessCalendar loadDefault() {
        ClassLoader loader = BusinessCalendar.class.getClassLoader();
        List<String> texts = new ArrayList<>();
        for (int year = FIRST_YEAR; year <= LAST_YEAR; year++) {
            String name = "conf/calendar/" + year + ".json";
            try (InputStream in = loader.getResourceAsStream(name)) {
                if (in != null) {
                    texts.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read calendar resource " + name, e);
            }
        }
        if (texts.isEmpty()) {
            throw new IllegalStateException("no calendar resources conf/calendar/YYYY.json on the classpath");
        }
        return fromJson(texts);
    }

    /** Builds a calendar from holiday-cn JSON texts; malformed entries are refused, never guessed at. */
    public static BusinessCalendar fromJson(List<String> holidayJsonTexts) {
        Set<LocalDate> off = new HashSet<>();
        Set<LocalDate> makeUp = new HashSet<>();
        Set<Integer> years = new HashSet<>();
        for (String text : holidayJsonTexts) {
            JsonNode root;
            try {
                root = JSON.readTree(text);
            } catch (IOException e) {
                throw new IllegalArgumentException("calendar file is not JSON: " + e.getMessage(), e);
            }
            JsonNode days = root == null ? null : root.get("days");
            if (days == null || !days.isArray()) {
                throw new IllegalArgumentException("calendar file has no \"days\" array");
            }
            for (JsonNode day : days) {
                LocalDate date = parseDate(day.get("date"));
                JsonNode isOff = day.get("isOffDay");
                if (isOff == null || !isOff.isBoolean()) {
                    throw new IllegalArgumentException("calendar day " + date + " has no boolean isOffDay");
                }
                (isOff.booleanValue() ? off : makeUp).add(date);
                years.add(date.getYear());
            }
        }
        Set<LocalDate> both = new HashSet<>(off);
        both.retainAll(makeUp);
        if (!both.isEmpty()) {
            throw new IllegalArgumentException("calendar days both off and make-up: " + both);
        }
        return new BusinessCalendar(off, makeUp, years);
    }

    private static LocalDate parseDate(JsonNode node) {
        if (node == null || !node.isTextual()) {
            throw new IllegalArgumentException("calendar day without a date string");
        }
        try {
            // ISO_LOCAL_DATE is strict about ranges: 2025-02-30 is refused, not rolled over.
            return LocalDate.parse(node.asText());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("bad calendar date: " + node.asText(), e);
        }
    }

    /** True when the year had at least one published exception; a year without (e.g. 2027 today) is a guess. */
    public boolean hasDataFor(int year) {
        return yearsWithData.contains(year);
    }

    /** Monday–Friday that is not a holiday, or a make-up working weekend day (调休). */
    public boolean isWorkingDay(LocalDate d) {
        if (makeUpDays.contains(d)) {
            return true;
        }
        return isWeekday(d) && !offDays.contains(d);
    }

    /** Monday–Friday that is not a holiday: make-up weekend days are working days but never trading days. */
    public boolean isTradingDay(LocalDate d) {
        return isWeekday(d) && !offDays.contains(d);
    }

    /** d itself if it is a working day, else the closest working day before it. */
    public LocalDate workingDayOnOrBefore(LocalDate d) {
        LocalDate day = d;
        for (int i = 0; i <= MAX_STEPS_WITHOUT_DAY; i++) {
            if (isWorkingDay(day)) {
                return day;
            }
            day = day.minusDays(1);
        }
        throw new IllegalStateException("no working day within " + MAX_STEPS_WITHOUT_DAY + " days before " + d);
    }

    /** The n-th trading day after d (n = 0: d itself; negative n counts backwards). */
    public LocalDate plusTradingDays(LocalDate d, int n) {
        int step = n >= 0 ? 1 : -1;
        int left = Math.abs(n);
        LocalDate day = d;
        int sinceLast = 0;
        while (left > 0) {
            day = day.plusDays(step);
            if (isTradingDay(day)) {
                left--;
                sinceLast = 0;
            } else if (++sinceLast > MAX_STEPS_WITHOUT_DAY) {
                throw new IllegalStateException("no trading day within " + MAX_STEPS_WITHOUT_DAY + " days of " + day);
            }
        }
        return day;
    }

    /**
     * True on a trading day in the continuous sessions 09:30–11:30 and 13:00–15:00 Shanghai time, start inclusive
     * and end exclusive (at 11:30:00 the morning session is over). Any zone is accepted and converted first.
     */
    public boolean isTradingHours(ZonedDateTime time) {
        ZonedDateTime sh = time.withZoneSameInstant(SHANGHAI);
        if (!isTradingDay(sh.toLocalDate())) {
            return false;
        }
        LocalTime t = sh.toLocalTime();
        return within(t, MORNING_OPEN, MORNING_CLOSE) || within(t, AFTERNOON_OPEN, AFTERNOON_CLOSE);
    }

    /**
     * How much of the time from {@code from} to {@code to} lies inside the trading sessions, counting up to just
     * past {@code cap} (the caller only asks whether it exceeds cap). A feed is silent only while the market is
     * open: the night, the lunch break, weekends and holidays between two ticks are not silence (C04).
     */
    public Duration tradingTimeBetween(Instant from, Instant to, Duration cap) {
        Duration sum = Duration.ZERO;
        LocalDate last = businessDate(to);
        for (LocalDate day = businessDate(from); !day.isAfter(last) && sum.compareTo(cap) <= 0; day = day.plusDays(1)) {
            if (!isTradingDay(day)) {
                continue;
            }
            sum = sum.plus(overlap(from, to, day, MORNING_OPEN, MORNING_CLOSE))
                    .plus(overlap(from, to, day, AFTERNOON_OPEN, AFTERNOON_CLOSE));
        }
        return sum;
    }

    private static Duration overlap(Instant from, Instant to, LocalDate day, LocalTime open, LocalTime close) {
        Instant start = day.atTime(open).atZone(SHANGHAI).toInstant();
        Instant end = day.atTime(close).atZone(SHANGHAI).toInstant();
        Instant a = from.isAfter(start) ? from : start;
        Instant b = to.isBefore(end) ? to : end;
        return b.isAfter(a) ? Duration.between(a, b) : Duration.ZERO;
    }

    /** The Asia/Shanghai date of an instant, whatever the JVM default zone is (C18). */
    public static LocalDate businessDate(Instant t) {
        return LocalDate.ofInstant(t, SHANGHAI);
    }

    /** The Asia/Shanghai date of a timestamp with offset: 2026-02-27T16:30Z is 2026-02-28 (C18). */
    public static LocalDate businessDate(OffsetDateTime t) {
        return businessDate(t.toInstant());
    }

    private static boolean within(LocalTime t, LocalTime start, LocalTime end) {
        return !t.isBefore(start) && t.isBefore(end);
    }

    private static boolean isWeekday(LocalDate d) {
        DayOfWeek w = d.getDayOfWeek();
        return w != DayOfWeek.SATURDAY && w != DayOfWeek.SUNDAY;
    }
}
