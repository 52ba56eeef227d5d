package com.mandatewatch.engine;

import com.mandatewatch.alerts.Alert;
import com.mandatewatch.alerts.AlertState;
import com.mandatewatch.alerts.EventKind;
import com.mandatewatch.alerts.Transition;
import com.mandatewatch.domain.Contract;
import com.mandatewatch.domain.ContractType;
import com.mandatewatch.domain.Rule;
import com.mandatewatch.domain.Severity;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.mandatewatch.engine.EngineFixture.*;
import static org.junit.jupiter.api.Assertions.*;

/** Maturity reminders (SPEC §4): the weekly cadence, the daily reminders after maturity, acknowledgement, and C26 catch-up. */
class MaturityReminderTest {

    static Contract maturing(String code, LocalDate maturity) {
        return contract(code, "C001", "A-" + code, "0.10", null, ContractType.NO_GUARANTEE, "-0.1", "0.3", maturity);
    }

    /** Feeds a clock event at {@code time} on every calendar day from {@code from} to {@code to}. */
    static List<Transition> daily(EngineFixture f, String from, String to, String time) {
        List<Transition> out = new ArrayList<>();
        for (LocalDate d = LocalDate.parse(from); !d.isAfter(LocalDate.parse(to)); d = d.plusDays(1)) {
            out.addAll(f.feed(clock(at(d.toString(), time))));
        }
        return out;
    }

    static LocalDate day(Transition t) {
        return LocalDate.ofInstant(t.alert().updatedAt(), java.time.ZoneId.of("Asia/Shanghai"));
    }

    static List<LocalDate> dates(String... days) {
        return java.util.Arrays.stream(days).map(LocalDate::parse).toList();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> reminder(Alert a) {
        return (Map<String, Object>) a.evidence().get("reminder");
    }

    @Test
    @DisplayName("C16 a contract maturing 2026-04-30 is reminded every Friday after its 02-28 first warning (the Qingming Saturday 04-04 moves to 04-03 without shifting 04-10; the 劳动节 Saturday 05-02 moves back onto the maturity day 04-30), then on every working day after maturity including make-up Saturday 05-09, never delayed, FINANCE from the final week")
    void weeklyThenDailyCadence() {
        EngineFixture f = new EngineFixture(maturing("K-A", LocalDate.of(2026, 4, 30)));
        List<Transition> ts = daily(f, "2026-02-01", "2026-05-12", "09:00");
        List<Transition> reminders = only(ts, Rule.MATURITY, EventKind.REMINDER);
        assertEquals(dates("2026-03-06", "2026-03-13", "2026-03-20", "2026-03-27", "2026-04-03", "2026-04-10", "2026-04-17",
                        "2026-04-24", "2026-04-30", "2026-05-06", "2026-05-07", "2026-05-08", "2026-05-09", "2026-05-11", "2026-05-12"),
                reminders.stream().map(MaturityReminderTest::day).toList());
        for (Transition r : reminders) {
            LocalDate d = day(r);
            assertEquals(d, r.alert().remindedOn());
            assertEquals(Boolean.FALSE, reminder(r.alert()).get("delayed"), d.toString());
            assertFalse(r.alert().message().contains("延迟"), r.alert().message());
            // the reminder carries today's countdown, not the one of the first warning
            assertEquals(0, BigDecimal.valueOf(java.time.temporal.ChronoUnit.DAYS.between(d, LocalDate.of(2026, 4, 30)))
                    .compareTo(r.alert().value()), d.toString());
            List<String> expected = d.isBefore(LocalDate.of(2026, 4, 23))
                    ? List.of("cm1@example.test", "trader1@example.test")
                    : List.of("cm1@example.test", "fin1@example.test", "trader1@example.test");
            assertEquals(expected, r.recipients(), d.toString());
        }
        assertEquals(1, only(ts, Rule.MATURITY, EventKind.OPENED).size());
        assertEquals(LocalDate.of(2026, 2, 28), day(only(ts, Rule.MATURITY, EventKind.OPENED).get(0)));
        assertEquals(LocalDate.of(2026, 4, 23), day(only(ts, Rule.MATURITY, EventKind.UPDATED).get(0)));
        assertTrue(f.failures.isEmpty(), f.failures.toString());
    }

    @Test
    @DisplayName("§3 the same daily clocks in one batch (a backfill, a Kafka poll spanning days) give the same reminders on the same days, none marked delayed, as one clock per batch")
    void clocksInOneBatchKeepTheirDays() {
        EngineFixture apart = new EngineFixture(maturing("K-A", LocalDate.of(2026, 4, 30)));
        List<Transition> separately = daily(apart, "2026-02-01", "2026-05-12", "09:00");
        EngineFixture together = new EngineFixture(maturing("K-A", LocalDate.of(2026, 4, 30)));
        List<com.mandatewatch.feed.FeedEvent> clocks = new ArrayList<>();
        for (LocalDate d = LocalDate.parse("2026-02-01"); !d.isAfter(LocalDate.parse("2026-05-12")); d = d.plusDays(1)) {
            clocks.add(clock(at(d.toString(), "09:00")));
        }
        List<Transition> batch = together.feed(clocks);
        assertEquals(separately.stream().map(t -> t.kind() + " " + day(t)).toList(), batch.stream().map(t -> t.kind() + " " + day(t)).toList());
        assertEquals(15, only(batch, Rule.MATURITY, EventKind.REMINDER).size());
        for (Transition t : batch) assertFalse(t.alert().message().contains("延迟"), t.alert().message());
    }

    @Test
    @DisplayName("§4 a reminder is due at 09:00 of its day: a clock at 08:59 sends nothing, 09:00 sends it, a second clock that day sends no second one")
    void dueAtNine() {
        EngineFixture f = new EngineFixture(maturing("K-A", LocalDate.of(2026, 4, 30)));
        f.feed(clock(at("2026-02-28", "09:00")));
        assertTrue(only(f.feed(clock(at("2026-03-06", "08:59"))), Rule.MATURITY, EventKind.REMINDER).isEmpty());
        assertEquals(1, only(f.feed(clock(at("2026-03-06", "09:00"))), Rule.MATURITY, EventKind.REMINDER).size());
        assertTrue(f.feed(clock(at("2026-03-06", "16:00"))).isEmpty());
    }

    @Test
    @DisplayName("§5 acknowledging the maturity warning stops its reminders; the final-week severity change clears the acknowledgement and reminders resume")
    void acknowledgementStopsReminders() {
        EngineFixture f = new EngineFixture(maturing("K-A", LocalDate.of(2026, 4, 30)));
        Alert opened = only(daily(f, "2026-02-27", "2026-03-02", "09:00"), Rule.MATURITY, EventKind.OPENED).get(0).alert();
        f.engine.assignIds(Map.of(opened.fingerprint(), 7L));
        assertTrue(f.engine.acknowledge(7L, "cm1", "续约谈判中", Instant.now()).isPresent());
        List<Transition> ts = daily(f, "2026-03-03", "2026-04-27", "09:00");
        List<Transition> reminders = only(ts, Rule.MATURITY, EventKind.REMINDER);
        assertEquals(dates("2026-04-24"), reminders.stream().map(MaturityReminderTest::day).toList(),
                "none while acknowledged, then the Friday after the 04-23 change");
        Transition change = only(ts, Rule.MATURITY, EventKind.UPDATED).get(0);
        assertEquals(AlertState.FIRING, change.alert().state());
        assertEquals(Severity.CRITICAL, change.alert().severity());
    }

    @Test
    @DisplayName("C26 down from 08:00 to 11:00 on Mon 2026-03-09, a weekly reminder day: after the restart the reminder is sent once, marked delayed (延迟); a second restart does not repeat it and the next week's is on time")
    void reminderDueWhileDown() {
        Contract k = maturing("K-M", LocalDate.of(2026, 5, 2)); // first warning Mon 03-02, reminders on Mondays
        EngineFixture f = new EngineFixture(Duration.ofHours(24), k);
        assertEquals(1, only(f.feed(clock(at("2026-03-02", "09:00"))), Rule.MATURITY, EventKind.OPENED).size());
        assertTrue(f.feed(clock(at("2026-03-09", "08:00"))).isEmpty());

        Engine first = restart(f.engine, k);
        List<Transition> after = first.apply(List.of(clock(at("2026-03-09", "11:00"))), Set.of(), Instant.now()).transitions();
        assertEquals(1, after.size(), after.toString());
        Transition r = after.get(0);
        assertEquals(EventKind.REMINDER, r.kind());
        assertEquals(LocalDate.of(2026, 3, 9), r.alert().remindedOn());
        assertEquals(Boolean.TRUE, reminder(r.alert()).get("delayed"));
        assertEquals("2026-03-09", reminder(r.alert()).get("dueOn"));
        assertTrue(r.alert().message().startsWith("【延迟提醒】原定 2026-03-09 09:00"), r.alert().message());
        assertTrue(r.alert().messageEn().contains("Delayed"), r.alert().messageEn());
        assertEquals(List.of("cm1@example.test", "trader1@example.test"), r.recipients());

        Engine second = restart(first, k);
        assertTrue(second.apply(List.of(clock(at("2026-03-09", "11:05"))), Set.of(), Instant.now()).transitions().isEmpty(),
                "restarting twice does not duplicate it");
        List<Transition> next = second.apply(List.of(clock(at("2026-03-16", "09:00"))), Set.of(), Instant.now()).transitions();
        assertEquals(1, next.size());
        assertEquals(Boolean.FALSE, reminder(next.get(0).alert()).get("delayed"));
    }

    @Test
    @DisplayName("C26 control: without an outage the 2026-03-09 reminder goes out at 09:00 and is not marked delayed")
    void reminderOnTimeWithoutOutage() {
        EngineFixture f = new EngineFixture(Duration.ofHours(24), maturing("K-M", LocalDate.of(2026, 5, 2)));
        f.feed(clock(at("2026-03-02", "09:00")));
        f.feed(clock(at("2026-03-09", "08:00")));
        Transition r = only(f.feed(clock(at("2026-03-09", "09:00"))), Rule.MATURITY, EventKind.REMINDER).get(0);
        assertEquals(Boolean.FALSE, reminder(r.alert()).get("delayed"));
        assertFalse(r.alert().message().contains("延迟"));
    }

    @Test
    @DisplayName("C26 down across two reminder days (03-09 and 03-16): one delayed reminder after the restart naming both, not one per missed day")
    void severalMissedRemindersGiveOne() {
        Contract k = maturing("K-M", LocalDate.of(2026, 5, 2));
        EngineFixture f = new EngineFixture(Duration.ofHours(24), k);
        f.feed(clock(at("2026-03-02", "09:00")));
        f.feed(clock(at("2026-03-06", "15:30")));
        Engine restarted = restart(f.engine, k);
        List<Transition> ts = restarted.apply(List.of(clock(at("2026-03-17", "10:00"))), Set.of(), Instant.now()).transitions();
        assertEquals(1, ts.size(), ts.toString());
        assertEquals(EventKind.REMINDER, ts.get(0).kind());
        assertEquals(List.of("2026-03-09", "2026-03-16"), reminder(ts.get(0).alert()).get("covers"));
        assertEquals("2026-03-16", reminder(ts.get(0).alert()).get("dueOn"));
        assertEquals(Boolean.TRUE, reminder(ts.get(0).alert()).get("delayed"));
        assertTrue(restarted.apply(List.of(clock(at("2026-03-18", "10:00"))), Set.of(), Instant.now()).transitions().isEmpty());
    }

    @Test
    @DisplayName("C26 down all day on the first-warning day (Tue 2026-03-10): the warning opens once the next day, marked delayed, and no extra reminder is sent that day")
    void firstWarningDayMissed() {
        Contract k = maturing("K-T", LocalDate.of(2026, 5, 10)); // nominal first warning Tue 03-10
        EngineFixture f = new EngineFixture(Duration.ofHours(24), k);
        assertTrue(f.feed(clock(at("2026-03-09", "15:00"))).isEmpty());
        Engine restarted = restart(f.engine, k);
        List<Transition> ts = restarted.apply(List.of(clock(at("2026-03-11", "09:30"))), Set.of(), Instant.now()).transitions();
        assertEquals(1, ts.size(), ts.toString());
        Transition opened = ts.get(0);
        assertEquals(EventKind.OPENED, opened.kind());
        assertEquals(LocalDate.of(2026, 3, 11), opened.alert().remindedOn());
        assertTrue(opened.alert().message().startsWith("【延迟提醒】原定 2026-03-10"), opened.alert().message());
        assertEquals(Boolean.TRUE, reminder(opened.alert()).get("delayed"));
        assertFalse(opened.recipients().isEmpty());
        assertTrue(restart(restarted, k).apply(List.of(clock(at("2026-03-11", "15:00"))), Set.of(), Instant.now()).transitions().isEmpty(),
                "a second restart neither reopens nor reminds");
    }

    @Test
    @DisplayName("C26 control: a contract first seen after its first-warning day (the engine never ran before) opens without a delayed mark")
    void lateContractIsNotDelayed() {
        EngineFixture f = new EngineFixture(Duration.ofHours(24), maturing("K-T", LocalDate.of(2026, 5, 10)));
        Transition opened = only(f.feed(clock(at("2026-03-11", "09:30"))), Rule.MATURITY, EventKind.OPENED).get(0);
        assertFalse(opened.alert().message().contains("延迟"), opened.alert().message());
        assertNull(reminder(opened.alert()));
    }

    /** A new engine restored from what the store would hold: the open alerts as they are and the business time. */
    static Engine restart(Engine before, Contract... contracts) {
        Engine e = new Engine(CAL, Engine.Clock.FEED, Duration.ofHours(24), 10, (w, x) -> fail(w + ": " + x));
        List<Alert> open = new ArrayList<>();
        for (Alert a : before.alerts().open()) open.add(a);
        e.restore(directory(contracts), List.of(), List.of(), List.of(), Map.of(), before.businessTime(), open);
        List<Transition> ts = e.reevaluateAll(directory(contracts), Instant.now());
        assertTrue(ts.isEmpty(), "a restart at the same business time announces nothing: " + ts);
        return e;
    }


    @Test
    @DisplayName("C16 a contract without a trading manager opens its maturity warning and reminds the client manager alone (a missing trading manager once failed the whole feed batch)")
    void noTradingManager() {
        Contract k = new Contract("K-N", "C001", "A-N", new BigDecimal("10000000.00"), LocalDate.of(2025, 1, 2), LocalDate.of(2026, 5, 2),
                ContractType.NO_GUARANTEE, com.mandatewatch.domain.ContractStatus.ACTIVE, null, null, null, null, null, null,
                com.mandatewatch.domain.RecordStatus.SEALED);
        EngineFixture f = new EngineFixture(Duration.ofHours(24), k);
        assertEquals(List.of("cm1@example.test"), only(f.feed(clock(at("2026-03-02", "09:00"))), Rule.MATURITY, EventKind.OPENED).get(0).recipients());
        assertEquals(List.of("cm1@example.test"), only(f.feed(clock(at("2026-03-09", "09:00"))), Rule.MATURITY, EventKind.REMINDER).get(0).recipients());
    }
}
