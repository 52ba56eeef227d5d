package com.mandatewatch.demo;

import com.mandatewatch.alerts.EventKind;
import com.mandatewatch.alerts.Transition;
import com.mandatewatch.auth.Role;
import com.mandatewatch.auth.User;
import com.mandatewatch.domain.Cause;
import com.mandatewatch.domain.Security;
import com.mandatewatch.domain.Severity;
import com.mandatewatch.engine.Directory;
import com.mandatewatch.engine.Engine;
import com.mandatewatch.json.AlertJson;
import com.mandatewatch.rules.BusinessCalendar;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The demo data set and its real 2015 closes run through a real {@link Engine} (no database), one replayed trading
 * day per batch as the replay verticle sends them, from 2015-01-05 to 2015-09-30. Each assertion is an alert that
 * DEMO.md documents from the prices; dates are replay days (trading days only, so a non-trading due date shows on
 * the next trading day).
 */
class ReplayAlertsTest {
    static final BusinessCalendar CAL = BusinessCalendar.loadDefault();
    static final LocalDate END = LocalDate.of(2015, 9, 30);

    record Seen(LocalDate date, Transition t) {
        EventKind kind() { return t.kind(); }

        Severity severity() { return t.alert().severity(); }
    }

    static final List<Seen> seen = new ArrayList<>();
    static final List<String> failures = new ArrayList<>();
    static final List<String> badJson = new ArrayList<>();

    @BeforeAll
    static void replay() {
        DemoData data = DemoDataSet.build();
        List<User> users = data.users().stream()
                .map(u -> new User(u.username(), u.name(), Role.valueOf(u.role()), u.email(), true)).toList();
        Map<String, Security> securities = new HashMap<>();
        data.securities().forEach(s -> securities.put(s.code(), s));
        Engine engine = new Engine(CAL, Engine.Clock.FEED, Duration.ofMinutes(10), 10, (what, e) -> failures.add(what + ": " + e));
        engine.restore(new Directory(data.clients(), data.contracts(), users), List.of(), List.of(), List.of(), securities, null, List.of());
        record(engine, engine.apply(data.openingEvents(), Set.of(), Instant.now()).transitions());
        PriceReplay replay = new PriceReplay(data);
        while (replay.hasNext()) {
            ReplayDay day = replay.next();
            if (day.date().isAfter(END)) break;
            record(engine, engine.apply(day.events(), Set.of(), Instant.now()).transitions());
        }
    }

    static void record(Engine engine, List<Transition> ts) {
        for (Transition t : ts) {
            seen.add(new Seen(engine.businessDate(), t));
            String json = AlertJson.toJson(t.alert()).encode();
            if (json.contains("NaN") || json.contains("Infinity")) badJson.add(json);
        }
    }

    static List<Seen> of(String fingerprint) {
        return seen.stream().filter(s -> s.t().alert().fingerprint().equals(fingerprint)).toList();
    }

    /** The first transition of the fingerprint matching the predicate; fails when there is none. */
    static Seen first(String fingerprint, Predicate<Seen> p) {
        return of(fingerprint).stream().filter(p).findFirst()
                .orElseThrow(() -> new AssertionError("no such transition of " + fingerprint + " in " + of(fingerprint).stream()
                        .map(s -> s.date() + " " + s.kind() + " " + s.severity() + " " + s.t().alert().cause()).toList()));
    }

    static boolean becameCritical(Seen s) {
        return s.severity() == Severity.CRITICAL && (s.kind() == EventKind.OPENED || s.kind() == EventKind.UPDATED);
    }

    static void assertOn(String expected, Seen s) {
        assertEquals(LocalDate.parse(expected), s.date(), s.t().alert().fingerprint() + " " + s.kind());
    }

    static void assertWithin(String from, String to, Seen s) {
        assertFalse(s.date().isBefore(LocalDate.parse(from)) || s.date().isAfter(LocalDate.parse(to)),
                s.t().alert().fingerprint() + " " + s.kind() + " on " + s.date() + ", expected " + from + " … " + to);
    }

    @Test
    @DisplayName("C09/C05 replaying 2015 raises no rule evaluation error and no NaN or Infinity in any alert JSON")
    void cleanRun() {
        assertTrue(failures.isEmpty(), failures.toString());
        assertTrue(badJson.isEmpty(), badJson.toString());
        assertTrue(seen.size() > 50, "the replay produces alerts: " + seen.size());
    }

    @Test
    @DisplayName("C10 A002's 中国中铁 601390.SH passes 10% by price on 2015-03-20: HOLDING_RATIO CRITICAL, cause PRICE, cureBy 10 trading days later")
    void a002PassiveBreach() {
        Seen warn = first("HOLDING_RATIO:A002:601390.SH", s -> s.kind() == EventKind.OPENED && s.date().getMonthValue() == 3);
        assertWithin("2015-03-18", "2015-03-20", warn); // back above the 9% warning level
        Seen breach = first("HOLDING_RATIO:A002:601390.SH", ReplayAlertsTest::becameCritical);
        assertOn("2015-03-20", breach);
        assertEquals(Cause.PRICE, breach.t().alert().cause());
        assertEquals(CAL.plusTradingDays(breach.date(), 10), breach.t().alert().cureBy());
        assertEquals(LocalDate.of(2015, 4, 3), breach.t().alert().cureBy());
        assertTrue(breach.t().recipients().contains("cm1@example.com"), breach.t().recipients().toString());
    }

    @Test
    @DisplayName("C10 A004 raises 招商银行 600036.SH to 11.2% by trade on 2015-04-16: HOLDING_RATIO CRITICAL, cause TRADE, no cure period")
    void a004ActiveBreach() {
        Seen breach = first("HOLDING_RATIO:A004:600036.SH", ReplayAlertsTest::becameCritical);
        assertOn("2015-04-16", breach);
        assertEquals(Cause.TRADE, breach.t().alert().cause());
        assertNull(breach.t().alert().cureBy());
        // it stays above 10% for the rest of the period: never resolved, never relabelled passive
        assertTrue(of("HOLDING_RATIO:A004:600036.SH").stream().filter(s -> !s.date().isBefore(breach.date()))
                .allMatch(s -> s.kind() != EventKind.RESOLVED && s.t().alert().cause() == Cause.TRADE));
    }

    @Test
    @DisplayName("§4 A003's STOCK weight passes its 60% maximum by price on 2015-04-17 (passive)")
    void a003KindBreach() {
        Seen breach = first("HOLDING_RATIO:A003:STOCK", ReplayAlertsTest::becameCritical);
        assertWithin("2015-04-16", "2015-04-20", breach);
        assertEquals(Cause.PRICE, breach.t().alert().cause());
    }

    @Test
    @DisplayName("§4 A005's buy of excluded 上海医药 601607.SH on 2015-03-10 opens EXCLUDED_SECURITY to the manager and SALES_LEAD; the sale on 2015-03-24 resolves it")
    void a005ExcludedSecurity() {
        Seen opened = first("EXCLUDED_SECURITY:A005:601607.SH", s -> s.kind() == EventKind.OPENED);
        assertOn("2015-03-10", opened);
        assertEquals(Severity.CRITICAL, opened.severity());
        assertEquals(Cause.TRADE, opened.t().alert().cause());
        assertTrue(opened.t().recipients().containsAll(List.of("cm3@example.com", "lead1@example.com")), opened.t().recipients().toString());
        assertOn("2015-03-24", first("EXCLUDED_SECURITY:A005:601607.SH", s -> s.kind() == EventKind.RESOLVED));
        assertEquals(2, of("EXCLUDED_SECURITY:A005:601607.SH").size());
    }

    @Test
    @DisplayName("C13 DISCLOSURE 600489.SH: approach WARNING at 4.58% from the start, CRITICAL at 5.25% on 2015-04-14 by trade, back to WARNING at 4.90% on 2015-09-17")
    void disclosureLadder() {
        String fp = "DISCLOSURE:FIRM:600489.SH";
        Seen opened = first(fp, s -> s.kind() == EventKind.OPENED);
        assertOn("2015-01-05", opened);
        assertEquals(Severity.WARNING, opened.severity());
        Seen reached = first(fp, ReplayAlertsTest::becameCritical);
        assertOn("2015-04-14", reached);
        assertEquals(Cause.TRADE, reached.t().alert().cause());
        assertTrue(reached.t().recipients().contains("comp1@example.com"));
        assertEquals(Set.of("A009", "A010", "A011", "A012", "A013"), ((Map<?, ?>) reached.t().alert().evidence().get("accounts")).keySet());
        assertOn("2015-03-18", first(fp, s -> s.kind() == EventKind.UPDATED)); // 4.58% → 4.85%, still a warning
        Seen back = first(fp, s -> s.kind() == EventKind.UPDATED && s.severity() == Severity.WARNING && s.date().isAfter(reached.date()));
        assertOn("2015-09-17", back);
        assertTrue(of(fp).stream().noneMatch(s -> s.kind() == EventKind.RESOLVED));
        assertEquals(1, of(fp).stream().filter(s -> s.kind() == EventKind.OPENED).count());
    }

    @Test
    @DisplayName("C06c/§4 capital-guaranteed A006 and A007 go under their 0 band low in the July 2015 crash: RETURN_BAND LOW CRITICAL")
    void crashReturnBand() {
        for (String account : List.of("A006", "A007")) {
            Seen crash = first("RETURN_BAND:" + account + ":LOW",
                    s -> becameCritical(s) && s.date().isAfter(LocalDate.of(2015, 6, 1)));
            assertWithin("2015-07-01", "2015-07-03", crash);
            assertEquals("LOW", crash.t().alert().subject());
            // the January "1·19" dip below 0 was an earlier episode, resolved by the spring rally
            Seen january = first("RETURN_BAND:" + account + ":LOW", s -> s.kind() == EventKind.OPENED);
            assertWithin("2015-01-16", "2015-01-20", january);
        }
        Seen high = first("RETURN_BAND:A006:HIGH", s -> s.kind() == EventKind.OPENED);
        assertWithin("2015-04-03", "2015-04-08", high);
        Seen a002 = first("RETURN_BAND:A002:LOW", s -> s.kind() == EventKind.OPENED);
        assertWithin("2015-08-25", "2015-08-27", a002);
        assertEquals(Severity.WARNING, a002.severity(), "a NO_GUARANTEE loss below the band is a warning");
    }

    @Test
    @DisplayName("C16 MATURITY: K-2014-001 first warns on 2015-01-20, K-2014-006 is due at the start and turns CRITICAL in its final week, K-2014-002's make-up Saturday shows on the next replay day")
    void maturity() {
        Seen a001 = first("MATURITY:A001:K-2014-001", s -> s.kind() == EventKind.OPENED);
        assertOn("2015-01-20", a001);
        assertTrue(a001.t().recipients().containsAll(List.of("cm1@example.com", "trader1@example.com")));
        assertOn("2015-01-05", first("MATURITY:A006:K-2014-006", s -> s.kind() == EventKind.OPENED));
        // final week from 2015-02-20, inside the Spring Festival closure: the next replay day is 2015-02-25
        Seen critical = first("MATURITY:A006:K-2014-006", ReplayAlertsTest::becameCritical);
        assertOn("2015-02-25", critical);
        assertTrue(critical.t().recipients().contains("fin1@example.com"));
        assertOn("2015-03-02", first("MATURITY:A002:K-2014-002", s -> s.kind() == EventKind.OPENED));
        assertOn("2015-03-13", first("MATURITY:A013:K-2014-013", s -> s.kind() == EventKind.OPENED));
        // no daily countdown events: per contract one OPENED and at most one UPDATED (to CRITICAL); the scheduled
        // REMINDERs are announcements of their own (MaturityReminderTest)
        seen.stream().filter(s -> s.t().alert().rule() == com.mandatewatch.domain.Rule.MATURITY && s.kind() != EventKind.REMINDER)
                .collect(java.util.stream.Collectors.groupingBy(s -> s.t().alert().fingerprint()))
                .forEach((fp, list) -> assertTrue(list.size() <= 2, fp + ": " + list.size()));
    }

    @Test
    @DisplayName("§3 A014's never-priced 浦发银行 600000.SH raises DATA_QUALITY to OPS from the first batch and stays open")
    void a014Unvalued() {
        List<Seen> dq = of("DATA_QUALITY:A014:600000.SH");
        assertFalse(dq.isEmpty());
        assertOn("2015-01-05", dq.get(0));
        assertEquals(EventKind.OPENED, dq.get(0).kind());
        assertEquals(List.of("ops1@example.com"), dq.get(0).t().recipients());
        assertTrue(dq.stream().noneMatch(s -> s.kind() == EventKind.RESOLVED));
    }
}
