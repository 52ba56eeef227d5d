package com.mandatewatch.engine;

import com.mandatewatch.alerts.Alert;
import com.mandatewatch.alerts.AlertState;
import com.mandatewatch.alerts.EventKind;
import com.mandatewatch.alerts.Transition;
import com.mandatewatch.domain.Cause;
import com.mandatewatch.domain.Contract;
import com.mandatewatch.domain.ContractType;
import com.mandatewatch.domain.Rule;
import com.mandatewatch.domain.Severity;
import com.mandatewatch.feed.FeedEvent;
import com.mandatewatch.json.AlertJson;
import com.mandatewatch.store.StateDelta;
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

/** The engine on its own: feed events in, alert transitions out (no database, business time from the feed). */
class EngineTest {
    static final String DAY1 = "2026-03-02"; // a Monday, a trading day
    static final String DAY2 = "2026-03-03";

    // ---- C06 boundaries

    /** The HOLDING_RATIO severity of one stock in a fresh account, or null when there is no such alert. */
    private static Severity singleStock(String qty, String price, String cash) {
        EngineFixture f = new EngineFixture(mandate("K1", "C001", "A01"));
        OffsetDateTime t = at(DAY1, "10:00");
        f.feed(security("600519.SH", 1_000_000_000L, t), price("600519.SH", price, t),
                position("A01", "600519.SH", qty, t), cash("A01", cash, t));
        Alert a = f.engine.alerts().get("HOLDING_RATIO:A01:600519.SH");
        assertTrue(f.failures.isEmpty(), f.failures.toString());
        return a == null ? null : a.severity();
    }

    @Test
    @DisplayName("C06a a single-stock weight of exactly 10.000% is no breach, 10.0001% is, 9.9999% is not")
    void c06aWeightExactlyAtLimit() {
        assertEquals(Severity.WARNING, singleStock("10000", "100", "9000000"));          // 1,000,000 / 10,000,000
        assertEquals(Severity.CRITICAL, singleStock("100001", "100", "89999900"));       // 10.0001%
        assertEquals(Severity.WARNING, singleStock("99999", "100", "90000100"));         // 9.9999%
    }

    private static Transition disclosureAfter(String quantity) {
        EngineFixture f = new EngineFixture(mandate("K1", "C001", "A01"));
        OffsetDateTime t = at(DAY1, "10:00");
        List<Transition> ts = f.feed(security("600489.SH", 1_000_000_000L, t), price("600489.SH", "10", t),
                position("A01", "600489.SH", quantity, t), cash("A01", "9000000000", t));
        List<Transition> d = only(ts, Rule.DISCLOSURE, EventKind.OPENED);
        return d.isEmpty() ? null : d.get(0);
    }

    @Test
    @DisplayName("C06b a firm-wide holding of exactly 5% of the issued shares fires DISCLOSURE CRITICAL; 4.9999% is only the approach warning")
    void c06bDisclosureExactlyFivePercent() {
        Transition exact = disclosureAfter("50000000");
        assertNotNull(exact);
        assertEquals(Severity.CRITICAL, exact.alert().severity());
        assertEquals(0, new BigDecimal("0.05").compareTo(exact.alert().value()));
        assertEquals(Severity.CRITICAL, disclosureAfter("50001000").alert().severity());
        assertEquals(Severity.WARNING, disclosureAfter("49999000").alert().severity());
    }

    private static List<Transition> returnBand(ContractType type, String low, String high, String r) {
        EngineFixture f = new EngineFixture(contract("K1", "C001", "A01", "0.10", null, type, low, high, LocalDate.of(2027, 12, 31)));
        OffsetDateTime t = at(DAY1, "15:00");
        return only(f.feed(security("600519.SH", 1_000_000_000L, t), price("600519.SH", "100", t),
                position("A01", "600519.SH", "1000", t), cash("A01", "900000", t), returnOf("A01", r, t)), Rule.RETURN_BAND, EventKind.OPENED);
    }

    @Test
    @DisplayName("C06c a return exactly on the band's high (8%) or low (0) end is inside the inclusive band; 0.0001 pp outside alerts")
    void c06cReturnBandInclusive() {
        assertTrue(returnBand(ContractType.NO_GUARANTEE, "0", "0.08", "0.08").isEmpty());
        assertTrue(returnBand(ContractType.NO_GUARANTEE, "0", "0.08", "0.079999").isEmpty());
        List<Transition> above = returnBand(ContractType.NO_GUARANTEE, "0", "0.08", "0.080001");
        assertEquals(1, above.size());
        assertEquals("HIGH", above.get(0).alert().subject());
        assertEquals(Severity.WARNING, above.get(0).alert().severity());
        assertTrue(returnBand(ContractType.CAPITAL_GUARANTEED, "0", "0.08", "0").isEmpty());
        List<Transition> below = returnBand(ContractType.CAPITAL_GUARANTEED, "0", "0.08", "-0.000001");
        assertEquals("LOW", below.get(0).alert().subject());
        assertEquals(Severity.CRITICAL, below.get(0).alert().severity());
    }

    // ---- C09 NAV ≤ 0

    private static void assertNoRatioAlertAndOneNavWarning(List<Transition> ts, String account) {
        assertTrue(ts.stream().noneMatch(t -> t.alert().rule() == Rule.HOLDING_RATIO || t.alert().rule() == Rule.RETURN_BAND),
                ts.toString());
        List<Transition> dq = only(ts, Rule.DATA_QUALITY, EventKind.OPENED);
        assertEquals(1, dq.size(), ts.toString());
        assertEquals("DATA_QUALITY:" + account + ":NAV", dq.get(0).alert().fingerprint());
        assertEquals(List.of("ops1@example.test"), dq.get(0).recipients());
        for (Transition t : ts) {
            String json = AlertJson.toJson(t.alert()).encode();
            assertFalse(json.contains("NaN") || json.contains("Infinity"), json);
        }
    }

    @Test
    @DisplayName("C09 NAV 0 with a leftover position and NAV −50,000 with a 100,000 position give no ratio or return alert, one DATA_QUALITY NAV warning, and no NaN/Infinity in any alert JSON")
    void c09NonPositiveNav() {
        EngineFixture f = new EngineFixture(mandate("K1", "C001", "A01"), mandate("K2", "C002", "A02"));
        OffsetDateTime t = at(DAY1, "15:00");
        List<Transition> ts = f.feed(security("600519.SH", 1_000_000_000L, t), price("600519.SH", "100", t),
                position("A01", "600519.SH", "1000", t), cash("A01", "-100000", t), returnOf("A01", "-1", t),
                position("A02", "600519.SH", "1000", t), cash("A02", "-150000", t), returnOf("A02", "-1.5", t));
        assertNoRatioAlertAndOneNavWarning(ts.stream().filter(x -> x.alert().account().equals("A01")).toList(), "A01");
        assertNoRatioAlertAndOneNavWarning(ts.stream().filter(x -> x.alert().account().equals("A02")).toList(), "A02");
        assertEquals(0, new BigDecimal("-50000").compareTo(f.engine.alerts().get("DATA_QUALITY:A02:NAV").value()));
    }

    @Test
    @DisplayName("C09a a fully redeemed account (every position closed, NAV 0.00) raises DATA_QUALITY NAV and resolves its ratio breach")
    void c09FullyRedeemed() {
        EngineFixture f = new EngineFixture(mandate("K1", "C001", "A01"));
        OffsetDateTime t = at(DAY1, "10:00");
        f.feed(security("600519.SH", 1_000_000_000L, t), price("600519.SH", "100", t),
                position("A01", "600519.SH", "11000", t), cash("A01", "8900000", t));
        assertEquals(Severity.CRITICAL, f.engine.alerts().get("HOLDING_RATIO:A01:600519.SH").severity());
        OffsetDateTime t2 = at(DAY1, "10:05");
        List<Transition> ts = f.feed(position("A01", "600519.SH", "0", t2), cash("A01", "0", t2));
        assertEquals(1, only(ts, Rule.HOLDING_RATIO, EventKind.RESOLVED).size(), ts.toString());
        assertNoRatioAlertAndOneNavWarning(ts.stream().filter(x -> x.kind() != EventKind.RESOLVED).toList(), "A01");
    }

    // ---- C10 passive vs active

    @Test
    @DisplayName("C10 a price rise from 9.8% to 10.3% is a passive breach (cause PRICE, cureBy 10 trading days later); a drift to 10.5% updates the same alert")
    void c10PassiveBreach() {
        EngineFixture f = new EngineFixture(mandate("K1", "C001", "A01"));
        OffsetDateTime t1 = at(DAY1, "10:00");
        f.feed(security("600519.SH", 1_000_000_000L, t1), price("600519.SH", "98", t1),
                position("A01", "600519.SH", "10000", t1), cash("A01", "9020000", t1)); // 9.8%: a warning
        String fp = "HOLDING_RATIO:A01:600519.SH";
        assertEquals(Severity.WARNING, f.engine.alerts().get(fp).severity());

        List<Transition> day2 = f.feed(price("600519.SH", "103.6", at(DAY2, "10:00"))); // 10.30%
        assertEquals(1, day2.size(), day2.toString());
        Transition breach = day2.get(0);
        assertEquals(EventKind.UPDATED, breach.kind());
        assertEquals(Severity.CRITICAL, breach.alert().severity());
        assertEquals(Cause.PRICE, breach.alert().cause());
        assertEquals(LocalDate.of(2026, 3, 17), breach.alert().cureBy());
        assertEquals(CAL.plusTradingDays(LocalDate.parse(DAY2), 10), breach.alert().cureBy());
        assertEquals(List.of("cm1@example.test"), breach.recipients());

        List<Transition> drift = f.feed(price("600519.SH", "105.83", at(DAY2, "10:30"))); // 10.50%
        assertEquals(1, drift.size());
        assertEquals(EventKind.UPDATED, drift.get(0).kind());
        assertEquals(Cause.PRICE, drift.get(0).alert().cause());
        assertEquals(LocalDate.of(2026, 3, 17), drift.get(0).alert().cureBy(), "the cure period does not restart on a drift");
        assertTrue(drift.get(0).recipients().isEmpty(), "a new reading without a severity change is not mailed");
        assertEquals(1, only(f.all, Rule.HOLDING_RATIO, EventKind.OPENED).size());
    }

    @Test
    @DisplayName("C10 a buy from 10,000 to 12,000 shares taking A03 from 9.5% to 10.6% is an active breach (cause TRADE, no cureBy) and a later price move keeps cause TRADE")
    void c10ActiveBreach() {
        EngineFixture f = new EngineFixture(mandate("K3", "C003", "A03"));
        OffsetDateTime t1 = at(DAY1, "10:00");
        f.feed(security("600519.SH", 1_000_000_000L, t1), price("600519.SH", "50.35", t1),
                position("A03", "600519.SH", "10000", t1), cash("A03", "4796500", t1)); // 503,500 / 5,300,000 = 9.5%
        String fp = "HOLDING_RATIO:A03:600519.SH";
        assertEquals(0, new BigDecimal("0.095").compareTo(f.engine.alerts().get(fp).value()));

        OffsetDateTime t2 = at(DAY2, "10:00");
        List<Transition> buy = f.feed(position("A03", "600519.SH", "12000", t2), cash("A03", "5095800", t2)); // 604,200 / 5,700,000
        Transition breach = only(buy, fp).get(0);
        assertEquals(Severity.CRITICAL, breach.alert().severity());
        assertEquals(0, new BigDecimal("0.106").compareTo(breach.alert().value()));
        assertEquals(Cause.TRADE, breach.alert().cause());
        assertNull(breach.alert().cureBy(), "an active breach has no cure period");

        Transition moved = only(f.feed(price("600519.SH", "55", at(DAY2, "11:00"))), fp).get(0);
        assertEquals(EventKind.UPDATED, moved.kind());
        assertEquals(Severity.CRITICAL, moved.alert().severity());
        assertEquals(Cause.TRADE, moved.alert().cause(), "an active breach is never relabelled passive by a price move");
        assertNull(moved.alert().cureBy());
    }

    // ---- C13 firm-wide disclosure

    @Test
    @DisplayName("C13 three accounts of 2.0%, 1.8% and 1.2% make one firm-wide DISCLOSURE CRITICAL at exactly 5.00% listing all three; a sale to 4.99% updates it to the approach warning with a notification")
    void c13FirmWideDisclosure() {
        EngineFixture f = new EngineFixture(mandate("K1", "C001", "A01"), mandate("K5", "C002", "A05"), mandate("K9", "C003", "A09"));
        OffsetDateTime t = at(DAY1, "10:00");
        List<Transition> ts = f.feed(security("600489.SH", 1_000_000_000L, t), price("600489.SH", "1", t),
                position("A01", "600489.SH", "20000000", t), cash("A01", "1000000000", t),
                position("A05", "600489.SH", "18000000", t), cash("A05", "1000000000", t),
                position("A09", "600489.SH", "12000000", t), cash("A09", "1000000000", t));
        List<Transition> opened = only(ts, Rule.DISCLOSURE, EventKind.OPENED);
        assertEquals(1, opened.size(), ts.toString());
        Alert a = opened.get(0).alert();
        assertEquals("DISCLOSURE:FIRM:600489.SH", a.fingerprint());
        assertEquals(Severity.CRITICAL, a.severity());
        assertEquals(0, new BigDecimal("0.05").compareTo(a.value()));
        assertEquals(Set.of("A01", "A05", "A09"), ((Map<?, ?>) a.evidence().get("accounts")).keySet());
        assertEquals(List.of("cm1@example.test", "cm2@example.test", "cm3@example.test", "comp1@example.test"),
                opened.get(0).recipients());

        List<Transition> sale = f.feed(position("A09", "600489.SH", "11900000", at(DAY1, "10:30")));
        List<Transition> d = only(sale, "DISCLOSURE:FIRM:600489.SH");
        assertEquals(1, d.size(), sale.toString());
        assertEquals(EventKind.UPDATED, d.get(0).kind(), "the alert moves below the threshold, it does not vanish");
        assertEquals(Severity.WARNING, d.get(0).alert().severity());
        assertEquals(0, new BigDecimal("0.0499").compareTo(d.get(0).alert().value()));
        assertTrue(d.get(0).recipients().contains("comp1@example.test"));
        assertTrue(d.get(0).recipients().contains("cm3@example.test"));
        assertEquals(a.openedAt(), d.get(0).alert().openedAt());
    }

    // ---- C16 / C18 maturity

    @Test
    @DisplayName("C16 maturities 2026-04-30, 2028-02-29, 2026-03-31, 2026-04-29 open MATURITY on the working day on or before maturity − 2 months, turn CRITICAL with FINANCE at maturity − 7 days, and the daily countdown is no update")
    void c16MaturitySchedule() {
        Map<String, LocalDate> maturities = Map.of("K-A", LocalDate.of(2026, 4, 30), "K-B", LocalDate.of(2028, 2, 29),
                "K-C", LocalDate.of(2026, 3, 31), "K-D", LocalDate.of(2026, 4, 29));
        List<Contract> contracts = new ArrayList<>();
        maturities.forEach((code, m) -> contracts.add(contract(code, "C001", "A-" + code, "0.10", null, ContractType.NO_GUARANTEE,
                "-0.1", "0.3", m)));
        EngineFixture f = new EngineFixture(contracts.toArray(Contract[]::new));
        Map<String, LocalDate> openedOn = new java.util.HashMap<>();
        Map<String, LocalDate> criticalOn = new java.util.HashMap<>();
        Map<String, Integer> updates = new java.util.HashMap<>();
        for (LocalDate day = LocalDate.of(2026, 1, 1); !day.isAfter(LocalDate.of(2028, 3, 10)); day = day.plusDays(1)) {
            for (Transition t : f.feed(clock(at(day.toString(), "08:00")))) {
                String k = t.alert().subject();
                assertEquals(Rule.MATURITY, t.alert().rule());
                switch (t.kind()) {
                    case OPENED -> {
                        assertNull(openedOn.put(k, day), "opened once");
                        assertEquals(Severity.WARNING, t.alert().severity());
                        assertTrue(t.recipients().containsAll(List.of("cm1@example.test", "trader1@example.test")));
                        assertFalse(t.recipients().contains("fin1@example.test"));
                    }
                    case UPDATED -> {
                        updates.merge(k, 1, Integer::sum);
                        assertEquals(Severity.CRITICAL, t.alert().severity());
                        assertNull(criticalOn.put(k, day));
                        assertTrue(t.recipients().contains("fin1@example.test"), t.recipients().toString());
                    }
                    case REMINDER -> { } // the weekly and daily reminders: MaturityReminderTest
                    default -> fail("unexpected " + t.kind() + " on " + day);
                }
            }
        }
        assertEquals(Map.of("K-A", LocalDate.of(2026, 2, 28), "K-B", LocalDate.of(2027, 12, 29),
                "K-C", LocalDate.of(2026, 1, 30), "K-D", LocalDate.of(2026, 2, 28)), openedOn);
        assertEquals(Map.of("K-A", LocalDate.of(2026, 4, 23), "K-B", LocalDate.of(2028, 2, 22),
                "K-C", LocalDate.of(2026, 3, 24), "K-D", LocalDate.of(2026, 4, 22)), criticalOn);
        assertEquals(Map.of("K-A", 1, "K-B", 1, "K-C", 1, "K-D", 1), updates, "one UPDATED each: the severity change");
        assertTrue(f.failures.isEmpty(), f.failures.toString());
    }

    @Test
    @DisplayName("C18 a clock event at 2026-02-27T16:30:00Z is business date 2026-02-28 and opens the 2026-04-30 maturity warning with 61 days to go, whatever the JVM zone")
    void c18ShanghaiBusinessDate() {
        java.util.TimeZone saved = java.util.TimeZone.getDefault();
        try {
            for (String zone : List.of("UTC", "Asia/Shanghai", "America/New_York")) {
                java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone(zone));
                EngineFixture f = new EngineFixture(contract("K-A", "C001", "A01", "0.10", null, ContractType.NO_GUARANTEE,
                        "-0.1", "0.3", LocalDate.of(2026, 4, 30)));
                assertTrue(f.feed(clock(OffsetDateTime.parse("2026-02-27T15:59:59Z"))).isEmpty(), zone);
                List<Transition> ts = f.feed(clock(OffsetDateTime.parse("2026-02-27T16:30:00Z")));
                assertEquals(LocalDate.of(2026, 2, 28), f.engine.businessDate(), zone);
                assertEquals(1, ts.size(), zone);
                assertEquals(EventKind.OPENED, ts.get(0).kind());
                assertEquals(0, BigDecimal.valueOf(61).compareTo(ts.get(0).alert().value()), zone);
            }
        } finally {
            java.util.TimeZone.setDefault(saved);
        }
    }

    // ---- C04 feed outage

    @Test
    @DisplayName("C04 a feed silent 30 minutes in trading hours raises one DATA_QUALITY FEED warning to OPS only, leaves the open breach alone, and resolves when data resumes")
    void c04FeedOutage() {
        EngineFixture f = new EngineFixture(mandate("K1", "C001", "A01"));
        OffsetDateTime t = at(DAY1, "10:00");
        f.feed(security("600519.SH", 1_000_000_000L, t), price("600519.SH", "100", t),
                position("A01", "600519.SH", "11000", t), cash("A01", "8900000", t));
        Alert breach = f.engine.alerts().get("HOLDING_RATIO:A01:600519.SH");
        assertEquals(Severity.CRITICAL, breach.severity());

        List<Transition> outage = new ArrayList<>();
        for (int m = 1; m <= 30; m++) outage.addAll(f.feed(clock(t.plusMinutes(m))));
        List<Transition> feed = only(outage, "DATA_QUALITY:FEED:FEED");
        assertEquals(1, feed.size(), "one OPENED and no per-minute UPDATED: " + outage);
        assertEquals(EventKind.OPENED, feed.get(0).kind());
        assertEquals(t.plusMinutes(11).toInstant(), feed.get(0).alert().openedAt(), "silent more than 10 minutes");
        assertEquals(List.of("ops1@example.test"), feed.get(0).recipients());
        assertTrue(only(outage, "HOLDING_RATIO:A01:600519.SH").isEmpty(), "the breach is not resolved by silence");

        List<Transition> resumed = f.feed(price("600519.SH", "100", t.plusMinutes(31)));
        assertEquals(List.of(EventKind.RESOLVED), resumed.stream().map(Transition::kind).toList(), resumed.toString());
        assertEquals("DATA_QUALITY:FEED:FEED", resumed.get(0).alert().fingerprint());
        Alert same = f.engine.alerts().get("HOLDING_RATIO:A01:600519.SH");
        assertEquals(breach.openedAt(), same.openedAt());
        assertEquals(AlertState.FIRING, same.state());
        assertEquals(1, only(f.all, Rule.HOLDING_RATIO, EventKind.OPENED).size());
    }

    @Test
    @DisplayName("C04 silence is counted in trading time only: the overnight gap, the lunch break and a quiet weekend do not raise a FEED alert at the open")
    void c04SilenceCountsTradingTimeOnly() {
        EngineFixture f = new EngineFixture(mandate("K1", "C001", "A01"));
        f.feed(price("600519.SH", "100", at("2026-03-06", "14:59"))); // a Friday
        assertTrue(f.feed(clock(at("2026-03-09", "09:30"))).isEmpty(), "Monday open: 1 trading minute of silence");
        assertTrue(f.feed(clock(at("2026-03-09", "09:39"))).isEmpty());
        List<Transition> late = f.feed(clock(at("2026-03-09", "09:41")));
        assertEquals(1, only(late, Rule.DATA_QUALITY, EventKind.OPENED).size(), "11 trading minutes: stale");

        f.feed(price("600519.SH", "100", at("2026-03-09", "11:29")));
        assertTrue(only(f.feed(clock(at("2026-03-09", "13:05"))), Rule.DATA_QUALITY, EventKind.OPENED).isEmpty(),
                "1 + 5 trading minutes across lunch");
        assertEquals(1, only(f.feed(clock(at("2026-03-09", "13:10"))), Rule.DATA_QUALITY, EventKind.OPENED).size());
    }

    @Test
    @DisplayName("C04 a FEED warning opened in trading hours lasts through the lunch break, the close and the night until data comes: one alert for a silent stretch, not one per session")
    void c04StaleWarningLastsUntilDataComes() {
        EngineFixture f = new EngineFixture(mandate("K1", "C001", "A01"));
        f.feed(price("600519.SH", "100", at("2026-03-09", "11:00")));
        List<Transition> day = new ArrayList<>();
        for (String hhmm : List.of("11:20", "11:45", "13:10", "15:30", "20:00")) day.addAll(f.feed(clock(at("2026-03-09", hhmm))));
        day.addAll(f.feed(clock(at("2026-03-10", "09:40"))));
        day.addAll(f.feed(clock(at("2026-03-10", "13:30"))));
        assertEquals(List.of(EventKind.OPENED), only(day, "DATA_QUALITY:FEED:FEED").stream().map(Transition::kind).toList(), day.toString());
        List<Transition> resumed = f.feed(price("600519.SH", "101", at("2026-03-10", "13:31")));
        assertEquals(List.of(EventKind.RESOLVED), only(resumed, "DATA_QUALITY:FEED:FEED").stream().map(Transition::kind).toList());
    }

    @Test
    @DisplayName("C04 after a restart the engine still knows when data last came, so a feed that stays silent is reported")
    void c04StalenessSurvivesRestore() {
        EngineFixture f = new EngineFixture(mandate("K1", "C001", "A01"));
        OffsetDateTime t = at(DAY1, "10:00");
        Engine restarted = new Engine(CAL, Engine.Clock.FEED, Duration.ofMinutes(10), 10, (w, e) -> { });
        restarted.restore(f.engine.directory(), List.of(new StateDelta.Price("600519.SH", new BigDecimal("100"), t)),
                List.of(), List.of(), Map.of(), t, List.of());
        List<Transition> ts = restarted.apply(List.of(clock(t.plusMinutes(15))), Set.of(), Instant.now()).transitions();
        assertEquals(1, only(ts, Rule.DATA_QUALITY, EventKind.OPENED).size(), ts.toString());
    }

    // ---- C20 flapping

    @Test
    @DisplayName("C20 weights 9.99, 10.01, 9.98, 10.02% with the 9% warning line keep one alert open: one OPENED, severity flips as UPDATED, no RESOLVED")
    void c20FlappingWithWarningLine() {
        EngineFixture f = new EngineFixture(mandate("K1", "C001", "A01"));
        OffsetDateTime t = at(DAY1, "10:00");
        // 10,000 shares and 9,000,000 cash: weight = 10000p / (10000p + 9,000,000)
        f.feed(security("600519.SH", 1_000_000_000L, t), cash("A01", "9000000", t), position("A01", "600519.SH", "10000", t));
        String[] prices = {"99.88", "100.12", "99.78", "100.23"}; // 9.99%, 10.01%, 9.98%, 10.02%
        List<Transition> ts = new ArrayList<>();
        for (int i = 0; i < prices.length; i++) ts.addAll(f.feed(price("600519.SH", prices[i], t.plusMinutes(i + 1))));
        List<Transition> mine = only(ts, "HOLDING_RATIO:A01:600519.SH");
        assertEquals(List.of(EventKind.OPENED, EventKind.UPDATED, EventKind.UPDATED, EventKind.UPDATED),
                mine.stream().map(Transition::kind).toList());
        assertEquals(List.of(Severity.WARNING, Severity.CRITICAL, Severity.WARNING, Severity.CRITICAL),
                mine.stream().map(x -> x.alert().severity()).toList());
        // Each severity flip is addressed to the manager: limiting those e-mails is the notifier's min-interval's job.
        assertTrue(mine.stream().allMatch(x -> x.recipients().equals(List.of("cm1@example.test"))));
    }

    @Test
    @DisplayName("C20 without a warning line (warnFraction 1) the same flapping opens and resolves an alert at every crossing: documented, no hysteresis in the engine")
    void c20FlappingWithoutWarningLine() {
        EngineFixture f = new EngineFixture(contract("K1", "C001", "A01", "0.10", "1", ContractType.NO_GUARANTEE, "-0.1", "0.3",
                LocalDate.of(2027, 12, 31)));
        OffsetDateTime t = at(DAY1, "10:00");
        f.feed(security("600519.SH", 1_000_000_000L, t), cash("A01", "9000000", t), position("A01", "600519.SH", "10000", t));
        String[] prices = {"99.88", "100.12", "99.78", "100.23"};
        List<Transition> ts = new ArrayList<>();
        for (int i = 0; i < prices.length; i++) ts.addAll(f.feed(price("600519.SH", prices[i], t.plusMinutes(i + 1))));
        assertEquals(List.of(EventKind.OPENED, EventKind.RESOLVED, EventKind.OPENED),
                only(ts, "HOLDING_RATIO:A01:600519.SH").stream().map(Transition::kind).toList());
    }

    // ---- C21 re-fire after resolution

    @Test
    @DisplayName("C21 a breach, resolution at 9.5% and a new breach at 10.4% open a new alert instance; the earlier one stays RESOLVED")
    void c21RefireAfterResolution() {
        EngineFixture f = new EngineFixture(contract("K1", "C001", "A01", "0.10", "1", ContractType.NO_GUARANTEE, "-0.1", "0.3",
                LocalDate.of(2027, 12, 31)));
        OffsetDateTime t = at(DAY1, "10:00");
        // 10,000 shares and 9,000,000 cash
        f.feed(security("600519.SH", 1_000_000_000L, t), cash("A01", "9000000", t), position("A01", "600519.SH", "10000", t),
                price("600519.SH", "105.59", t)); // 10.50%
        String fp = "HOLDING_RATIO:A01:600519.SH";
        Alert first = f.engine.alerts().get(fp);
        assertEquals(Severity.CRITICAL, first.severity());
        List<Transition> cured = f.feed(price("600519.SH", "94.48", at(DAY1, "14:00"))); // 9.50%
        assertEquals(EventKind.RESOLVED, only(cured, fp).get(0).kind());
        assertEquals(AlertState.RESOLVED, only(cured, fp).get(0).alert().state());
        assertNull(f.engine.alerts().get(fp));
        List<Transition> again = f.feed(price("600519.SH", "104.47", at(DAY2, "10:00"))); // 10.40%
        Transition reopened = only(again, fp).get(0);
        assertEquals(EventKind.OPENED, reopened.kind());
        assertEquals(0L, reopened.alert().id(), "a new instance: the store gives it a new id");
        assertTrue(reopened.alert().openedAt().isAfter(first.openedAt()));
        assertFalse(reopened.recipients().isEmpty());
    }

    @Test
    @DisplayName("C21 with the default 9% warning line, 9.5% is not a resolution: the alert stays open as a WARNING and 10.4% updates it back")
    void c21WarningLineKeepsAlertOpen() {
        EngineFixture f = new EngineFixture(mandate("K1", "C001", "A01"));
        OffsetDateTime t = at(DAY1, "10:00");
        f.feed(security("600519.SH", 1_000_000_000L, t), cash("A01", "9000000", t), position("A01", "600519.SH", "10000", t),
                price("600519.SH", "105.59", t));
        String fp = "HOLDING_RATIO:A01:600519.SH";
        assertEquals(EventKind.UPDATED, only(f.feed(price("600519.SH", "94.48", at(DAY1, "14:00"))), fp).get(0).kind());
        assertEquals(EventKind.UPDATED, only(f.feed(price("600519.SH", "104.47", at(DAY2, "10:00"))), fp).get(0).kind());
        assertEquals(1, only(f.all, Rule.HOLDING_RATIO, EventKind.OPENED).size());
    }

    // ---- feed ordering and idempotency

    @Test
    @DisplayName("C01/§3 an event older than the last applied one for the same key is ignored and counted as late, in a later batch and within a batch")
    void lateEventsIgnored() {
        EngineFixture f = new EngineFixture(mandate("K1", "C001", "A01"));
        OffsetDateTime t = at(DAY1, "10:00");
        f.feed(security("600519.SH", 1_000_000_000L, t), price("600519.SH", "100", t),
                position("A01", "600519.SH", "10000", t), cash("A01", "9000000", t));
        Engine.Result r = f.engine.apply(List.of(position("A01", "600519.SH", "20000", t.minusMinutes(1))), Set.of(), Instant.now());
        assertEquals(1, r.late());
        assertEquals(0, r.applied());
        assertTrue(r.transitions().isEmpty());
        assertEquals(0, new BigDecimal("10000").compareTo(f.engine.book().quantity("A01", "600519.SH")));

        Engine.Result inBatch = f.engine.apply(List.of(price("600519.SH", "99", t.plusMinutes(5)),
                price("600519.SH", "150", t.plusMinutes(4))), Set.of(), Instant.now());
        assertEquals(1, inBatch.applied());
        assertEquals(1, inBatch.late());
        assertEquals(0, new BigDecimal("99").compareTo(f.engine.book().price("600519.SH")));
        assertEquals(Severity.WARNING, f.engine.alerts().get("HOLDING_RATIO:A01:600519.SH").severity());
    }

    @Test
    @DisplayName("C01 a repeated id, within one batch or already seen before, is applied once: one alert, duplicates counted")
    void duplicateIds() {
        EngineFixture f = new EngineFixture(mandate("K1", "C001", "A01"));
        OffsetDateTime t = at(DAY1, "10:00");
        f.feed(security("600519.SH", 1_000_000_000L, t), price("600519.SH", "100", t), cash("A01", "8920000", t));
        FeedEvent p = new FeedEvent.Position("P-1001", t, "A01", "600519.SH", new BigDecimal("10800")); // 10.8%
        Engine.Result r = f.engine.apply(List.of(p, p, p), Set.of(), Instant.now());
        assertEquals(1, r.applied());
        assertEquals(2, r.duplicates());
        assertEquals(List.of("P-1001"), r.delta().seenIds);
        assertEquals(1, only(r.transitions(), Rule.HOLDING_RATIO, EventKind.OPENED).size());
        Engine.Result again = f.engine.apply(List.of(p), Set.of("P-1001"), Instant.now());
        assertEquals(1, again.duplicates());
        assertTrue(again.transitions().isEmpty());
    }
}
