package com.mandatewatch.engine;

import com.mandatewatch.alerts.Alert;
import com.mandatewatch.alerts.AlertState;
import com.mandatewatch.alerts.EventKind;
import com.mandatewatch.alerts.Transition;
import com.mandatewatch.domain.Cause;
import com.mandatewatch.domain.ContractType;
import com.mandatewatch.domain.Rule;
import com.mandatewatch.domain.Severity;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static com.mandatewatch.engine.EngineFixture.*;
import static org.junit.jupiter.api.Assertions.*;

/** Cure periods (SPEC §4): a passive breach not cured by cureBy escalates to SALES_LEAD once. */
class CureEscalationTest {
    static final String FP = "HOLDING_RATIO:A01:600519.SH";

    /** C10's passive breach: 9.8% on Mon 03-02, 10.30% by price on Tue 03-03, so cureBy is Tue 03-17. */
    static EngineFixture passiveBreach(String warnFraction) {
        EngineFixture f = new EngineFixture(Duration.ofHours(24), contract("K1", "C001", "A01", "0.10", warnFraction,
                ContractType.NO_GUARANTEE, "-0.1", "0.3", LocalDate.of(2027, 12, 31)));
        OffsetDateTime t1 = at("2026-03-02", "10:00");
        f.feed(security("600519.SH", 1_000_000_000L, t1), price("600519.SH", "98", t1),
                position("A01", "600519.SH", "10000", t1), cash("A01", "9020000", t1));
        f.feed(price("600519.SH", "103.6", at("2026-03-03", "10:00")));
        Alert a = f.engine.alerts().get(FP);
        assertEquals(Severity.CRITICAL, a.severity());
        assertEquals(Cause.PRICE, a.cause());
        assertEquals(LocalDate.of(2026, 3, 17), a.cureBy());
        return f;
    }

    @Test
    @DisplayName("C10 a passive breach still held after its cureBy 2026-03-17 escalates once on 03-18: one UPDATED to the client manager and SALES_LEAD with escalatedAt set, silent on re-evaluation; later severity mails keep SALES_LEAD")
    void escalatesOnceAfterCureBy() {
        EngineFixture f = passiveBreach(null);
        assertTrue(f.feed(clock(at("2026-03-17", "16:00"))).isEmpty(), "cureBy itself is still within the period");
        List<Transition> ts = f.feed(clock(at("2026-03-18", "08:00")));
        assertEquals(1, ts.size(), ts.toString());
        Transition esc = ts.get(0);
        assertEquals(EventKind.UPDATED, esc.kind());
        assertEquals(FP, esc.alert().fingerprint());
        assertEquals(List.of("cm1@example.test", "lead1@example.test"), esc.recipients());
        assertEquals(at("2026-03-18", "08:00").toInstant(), esc.alert().escalatedAt());
        assertEquals("2026-03-18", ((java.util.Map<?, ?>) esc.alert().evidence().get("escalation")).get("escalatedOn"));
        assertEquals(Severity.CRITICAL, esc.alert().severity());
        assertEquals(esc.alert(), f.engine.alerts().get(FP));

        assertTrue(f.feed(clock(at("2026-03-19", "08:00"))).isEmpty(), "escalated once, not daily");
        assertTrue(f.reference(contract("K1", "C001", "A01", "0.10", null, ContractType.NO_GUARANTEE, "-0.1", "0.3",
                LocalDate.of(2027, 12, 31))).isEmpty(), "C19 re-evaluating unchanged data (a restart) announces nothing");
        Transition down = only(f.feed(price("600519.SH", "99", at("2026-03-19", "10:00"))), FP).get(0); // 9.89%: warning
        assertEquals(Severity.WARNING, down.alert().severity());
        assertEquals(List.of("cm1@example.test", "lead1@example.test"), down.recipients(), "SALES_LEAD stays on an escalated alert");
        assertEquals(esc.alert().escalatedAt(), down.alert().escalatedAt());
    }

    /** Each trading day 03-04 … 03-20: the day's price at 10:00, then a clock at 10:00:30; cured (9.89%) from 03-12. */
    static List<com.mandatewatch.feed.FeedEvent> dailyPricesAndClocks() {
        List<com.mandatewatch.feed.FeedEvent> out = new java.util.ArrayList<>();
        for (LocalDate d = LocalDate.of(2026, 3, 4); !d.isAfter(LocalDate.of(2026, 3, 20)); d = d.plusDays(1)) {
            if (d.getDayOfWeek().getValue() > 5) continue;
            out.add(price("600519.SH", d.isBefore(LocalDate.of(2026, 3, 12)) ? "103.6" : "99", at(d.toString(), "10:00")));
            out.add(clock(at(d.toString(), "10:00").plusSeconds(30)));
        }
        return out;
    }

    @Test
    @DisplayName("§3 one batch of daily prices and clocks is judged as the daily posts it carries: the breach cured on 03-12 is a WARNING from 03-12 and never escalates on 03-18, exactly as posted day by day")
    void batchIsJudgedAtEachClock() {
        EngineFixture daily = passiveBreach(null);
        List<Transition> byDay = new java.util.ArrayList<>();
        List<com.mandatewatch.feed.FeedEvent> events = dailyPricesAndClocks();
        for (int i = 0; i < events.size(); i += 2) byDay.addAll(daily.feed(events.subList(i, i + 2)));
        EngineFixture batched = passiveBreach(null);
        List<Transition> inOne = batched.feed(events);
        java.util.function.Function<Transition, String> shown = t -> t.kind() + " " + t.alert().severity() + " "
                + t.alert().updatedAt() + " " + t.alert().escalatedAt();
        assertEquals(byDay.stream().map(shown).toList(), inOne.stream().map(shown).toList());
        Transition cured = only(inOne, FP).get(0);
        assertEquals(Severity.WARNING, cured.alert().severity());
        assertEquals(at("2026-03-12", "10:00").plusSeconds(30).toInstant(), cured.alert().updatedAt(), "judged at that day's clock");
        assertTrue(inOne.stream().noneMatch(t -> t.alert().escalatedAt() != null), inOne.toString());
    }

    @Test
    @DisplayName("§3 a clock and data of the same moment belong together in either order: [clock 10:00, price 10:00] after a silent morning raises no feed-outage alert")
    void clockAndDataOfOneMoment() {
        for (boolean withData : new boolean[]{true, false}) {
            EngineFixture f = new EngineFixture(Duration.ofMinutes(10), contract("K1", "C001", "A01", "0.10", null,
                    ContractType.NO_GUARANTEE, "-0.1", "0.3", LocalDate.of(2027, 12, 31)));
            OffsetDateTime t1 = at("2026-03-02", "10:00");
            f.feed(security("600519.SH", 1_000_000_000L, t1), price("600519.SH", "80", t1),
                    position("A01", "600519.SH", "10000", t1), cash("A01", "9020000", t1));
            OffsetDateTime t2 = at("2026-03-03", "13:30");
            List<Transition> ts = f.feed(withData ? List.of(clock(t2), price("600519.SH", "81", t2)) : List.of(clock(t2)));
            boolean outage = ts.stream().anyMatch(t -> t.alert().account().equals("FEED"));
            assertEquals(!withData, outage, (withData ? "data of the clock's moment: no outage " : "the clock alone: the silence is an outage ") + ts);
        }
    }

    @Test
    @DisplayName("C10 a passive breach cured before cureBy (back to 9.5%, no warning line) resolves normally and nothing escalates after cureBy")
    void curedInTimeResolves() {
        EngineFixture f = passiveBreach("1");
        List<Transition> cured = f.feed(price("600519.SH", "94.48", at("2026-03-10", "10:00")));
        assertEquals(EventKind.RESOLVED, only(cured, FP).get(0).kind());
        assertTrue(f.feed(clock(at("2026-03-18", "08:00"))).isEmpty());
        assertTrue(f.all.stream().noneMatch(t -> t.alert().escalatedAt() != null));
    }

    @Test
    @DisplayName("C10 a passive breach brought below its limit but above the warning line by cureBy is cured: the WARNING stays open and does not escalate")
    void curedToWarningDoesNotEscalate() {
        EngineFixture f = passiveBreach(null);
        assertEquals(Severity.WARNING, only(f.feed(price("600519.SH", "99", at("2026-03-16", "10:00"))), FP).get(0).alert().severity());
        assertTrue(f.feed(clock(at("2026-03-18", "08:00"))).isEmpty());
        assertNull(f.engine.alerts().get(FP).escalatedAt());
    }

    @Test
    @DisplayName("C10 an active breach (a buy) has no cure period and never escalates")
    void activeBreachNeverEscalates() {
        EngineFixture f = new EngineFixture(Duration.ofHours(24), mandate("K3", "C003", "A03"));
        OffsetDateTime t = at("2026-03-02", "10:00");
        f.feed(security("600519.SH", 1_000_000_000L, t), price("600519.SH", "50.35", t),
                position("A03", "600519.SH", "12000", t), cash("A03", "5095800", t));
        assertEquals(Cause.TRADE, f.engine.alerts().get("HOLDING_RATIO:A03:600519.SH").cause());
        assertTrue(f.feed(clock(at("2026-04-30", "08:00"))).isEmpty());
    }

    @Test
    @DisplayName("C10 an acknowledged passive breach still escalates when its cure period lapses, and the escalation clears the acknowledgement")
    void acknowledgedBreachEscalates() {
        EngineFixture f = passiveBreach(null);
        f.engine.assignIds(Map.of(FP, 11L));
        assertEquals(AlertState.ACKNOWLEDGED, f.engine.acknowledge(11L, "cm1", "将在整改期内减持", Instant.now()).orElseThrow().alert().state());
        Transition esc = f.feed(clock(at("2026-03-18", "08:00"))).get(0);
        assertEquals(AlertState.FIRING, esc.alert().state());
        assertNull(esc.alert().acknowledgedBy());
        assertTrue(esc.recipients().contains("lead1@example.test"));
    }

    @Test
    @DisplayName("C10/issue 4 while the feed is stale the escalation waits (the breach is not known to persist); the first fresh price that still breaches escalates it, mailed")
    void escalationWaitsForFreshData() {
        EngineFixture f = new EngineFixture(Duration.ofMinutes(10), contract("K1", "C001", "A01", "0.10", null,
                ContractType.NO_GUARANTEE, "-0.1", "0.3", LocalDate.of(2027, 12, 31)));
        OffsetDateTime t1 = at("2026-03-02", "10:00");
        f.feed(security("600519.SH", 1_000_000_000L, t1), price("600519.SH", "98", t1),
                position("A01", "600519.SH", "10000", t1), cash("A01", "9020000", t1));
        f.feed(price("600519.SH", "103.6", at("2026-03-03", "10:00")));
        List<Transition> stale = f.feed(clock(at("2026-03-18", "10:00")));
        assertEquals(1, stale.size(), stale.toString());
        assertEquals("DATA_QUALITY:FEED:FEED", stale.get(0).alert().fingerprint());
        assertNull(f.engine.alerts().get(FP).escalatedAt());

        List<Transition> fresh = f.feed(price("600519.SH", "103.7", at("2026-03-18", "10:05")));
        assertEquals(EventKind.RESOLVED, only(fresh, "DATA_QUALITY:FEED:FEED").get(0).kind());
        Transition esc = only(fresh, FP).stream().filter(t -> t.alert().escalatedAt() != null).findFirst().orElseThrow();
        assertEquals(List.of("cm1@example.test", "lead1@example.test"), esc.recipients());
    }
}
