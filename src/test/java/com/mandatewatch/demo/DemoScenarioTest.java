package com.mandatewatch.demo;

import com.mandatewatch.domain.Contract;
import com.mandatewatch.domain.ContractType;
import com.mandatewatch.domain.Security;
import com.mandatewatch.domain.SecurityKind;
import com.mandatewatch.feed.FeedEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checks, by plain arithmetic over the replayed events of 2015 (no rules package), that every rule kind of
 * SPEC §4 has a real occasion in the demo data set.
 */
class DemoScenarioTest {
    static final BigDecimal FIVE_PERCENT = new BigDecimal("0.05");
    static DemoData data;
    static Map<String, Contract> contracts = new TreeMap<>();
    static Map<String, Security> securities = new HashMap<>();
    /** One snapshot per replayed day of 2015, taken after all its events. */
    static List<Snapshot> days = new ArrayList<>();
    static Snapshot start;

    record Snapshot(LocalDate date, Map<String, Map<String, BigDecimal>> weights, Map<String, BigDecimal> stockWeight,
                    Map<String, BigDecimal> returns, BigDecimal firmRatio, Map<String, BigDecimal> firmShare,
                    List<FeedEvent.Position> trades, Map<String, BigDecimal> cash) {}

    @BeforeAll
    static void replay2015() {
        data = DemoDataSet.build();
        data.contracts().forEach(c -> contracts.put(c.account(), c));
        data.securities().forEach(s -> securities.put(s.code(), s));
        Ledger l = new Ledger();
        data.openingEvents().forEach(l::apply);
        start = snapshot(l, data.replayStart().minusDays(1), List.of());
        PriceReplay replay = new PriceReplay(data);
        while (replay.hasNext()) {
            ReplayDay d = replay.next();
            if (d.date().getYear() > 2015) break;
            d.events().forEach(l::apply);
            days.add(snapshot(l, d.date(), d.events().stream().filter(e -> e instanceof FeedEvent.Position)
                    .map(FeedEvent.Position.class::cast).toList()));
        }
    }

    static Snapshot snapshot(Ledger l, LocalDate date, List<FeedEvent.Position> trades) {
        Map<String, Map<String, BigDecimal>> weights = new TreeMap<>();
        Map<String, BigDecimal> stock = new TreeMap<>(), cash = new TreeMap<>(), share = new TreeMap<>();
        for (String a : l.positions.keySet()) {
            Map<String, BigDecimal> w = new TreeMap<>();
            for (String code : l.positions.get(a).keySet()) if (!code.equals(Security.CASH_CODE)) w.put(code, l.weight(a, code));
            weights.put(a, w);
            stock.put(a, l.stockWeight(a));
            cash.put(a, l.positions.get(a).get(Security.CASH_CODE));
            share.put(a, l.positions.get(a).getOrDefault(DemoDataSet.DISCLOSURE_CODE, BigDecimal.ZERO)
                    .divide(BigDecimal.valueOf(total()), Ledger.MC));
        }
        BigDecimal firm = l.firmQuantity(DemoDataSet.DISCLOSURE_CODE).divide(BigDecimal.valueOf(total()), Ledger.MC);
        return new Snapshot(date, weights, stock, new TreeMap<>(l.returns), firm, share, trades, cash);
    }

    static long total() { return securities.get(DemoDataSet.DISCLOSURE_CODE).totalShares(); }

    static boolean tradedBefore(String account, LocalDate date) {
        return days.stream().anyMatch(s -> !s.date().isAfter(date)
                && s.trades().stream().anyMatch(t -> t.account().equals(account)));
    }

    static List<Snapshot> between(String from, String to) {
        LocalDate f = LocalDate.parse(from), t = LocalDate.parse(to);
        return days.stream().filter(s -> !s.date().isBefore(f) && !s.date().isAfter(t)).toList();
    }

    @Test
    @DisplayName("HOLDING_RATIO passive: a single stock under 10% at the start rallies past 10% in H1 2015 with no trade in its account")
    void passiveSingleStockBreach() {
        Set<String> found = new HashSet<>();
        for (Snapshot s : between("2015-01-05", "2015-06-30")) {
            s.weights().forEach((a, ws) -> ws.forEach((code, w) -> {
                BigDecimal max = contracts.get(a).limits().singleSecurityMax();
                if (max != null && w.compareTo(max) > 0 && start.weights().get(a).get(code).compareTo(max) <= 0
                        && !tradedBefore(a, s.date())) {
                    found.add(a + " " + code);
                }
            }));
        }
        assertTrue(found.contains("A002 601390.SH"), found.toString());
        BigDecimal w0 = start.weights().get("A002").get("601390.SH");
        assertTrue(w0.compareTo(new BigDecimal("0.092")) > 0 && w0.compareTo(new BigDecimal("0.094")) < 0, w0.toString());
    }

    @Test
    @DisplayName("HOLDING_RATIO passive: an account's STOCK weight rises past its STOCK max in H1 2015 with no trade")
    void passiveStockKindBreach() {
        Set<String> found = new HashSet<>();
        for (Snapshot s : between("2015-01-05", "2015-06-30")) {
            s.stockWeight().forEach((a, w) -> {
                BigDecimal max = contracts.get(a).limits().kinds().get(SecurityKind.STOCK).max();
                if (w.compareTo(max) > 0 && !tradedBefore(a, s.date())) found.add(a);
            });
        }
        assertTrue(found.contains("A003"), found.toString());
        assertTrue(start.stockWeight().get("A003").compareTo(new BigDecimal("0.54")) < 0, "A003 starts below the warning level");
    }

    @Test
    @DisplayName("HOLDING_RATIO active: a scripted trade takes a single stock from under 10% to over 10% of NAV")
    void activeSingleStockBreach() {
        boolean found = false;
        for (int i = 1; i < days.size(); i++) {
            Snapshot s = days.get(i), before = days.get(i - 1);
            for (FeedEvent.Position t : s.trades()) {
                BigDecimal max = contracts.get(t.account()).limits().singleSecurityMax();
                if (max == null || t.code().equals(Security.CASH_CODE)) continue;
                BigDecimal was = before.weights().get(t.account()).getOrDefault(t.code(), BigDecimal.ZERO);
                BigDecimal now = s.weights().get(t.account()).get(t.code());
                if (was.compareTo(max) <= 0 && now.compareTo(max) > 0) found = true;
            }
        }
        assertTrue(found);
    }

    @Test
    @DisplayName("RETURN_BAND: accounts go above their high band in the spring 2015 rally")
    void aboveHighBandInSpring() {
        Set<String> found = new HashSet<>();
        for (Snapshot s : between("2015-03-01", "2015-06-12")) {
            s.returns().forEach((a, r) -> {
                if (r.compareTo(contracts.get(a).returnBand().high()) > 0) found.add(a);
            });
        }
        assertTrue(found.containsAll(Set.of("A001", "A019")), found.toString());
    }

    @Test
    @DisplayName("RETURN_BAND: a capital-guaranteed account above 0 before the crash falls below 0 between 2015-06-15 and 2015-09-30")
    void capitalGuaranteedBelowZeroInTheCrash() {
        Snapshot before = between("2015-06-12", "2015-06-12").get(0);
        Set<String> found = new HashSet<>();
        for (Snapshot s : between("2015-06-15", "2015-09-30")) {
            s.returns().forEach((a, r) -> {
                if (contracts.get(a).type() == ContractType.CAPITAL_GUARANTEED && r.signum() < 0
                        && before.returns().get(a).signum() > 0) found.add(a);
            });
        }
        assertTrue(found.containsAll(Set.of("A006", "A007")), found.toString());
    }

    @Test
    @DisplayName("EXCLUDED_SECURITY: a scripted trade in Feb/March 2015 buys a security the account's contract excludes")
    void excludedSecurityBought() {
        boolean found = false;
        for (Snapshot s : between("2015-02-01", "2015-03-31")) {
            for (FeedEvent.Position t : s.trades()) {
                Contract c = contracts.get(t.account());
                Security sec = securities.get(t.code());
                if (sec != null && t.quantity().signum() > 0
                        && (c.excluded().codes().contains(t.code()) || c.excluded().issuers().contains(sec.issuer()))) {
                    found = true;
                    assertFalse(start.weights().get(t.account()).containsKey(t.code()), "held from the start");
                }
            }
        }
        assertTrue(found);
        // and nobody holds an excluded security at the start
        start.weights().forEach((a, ws) -> ws.keySet().forEach(code -> {
            Contract c = contracts.get(a);
            assertFalse(c.excluded().codes().contains(code) || c.excluded().issuers().contains(securities.get(code).issuer()),
                    a + " starts with excluded " + code);
        }));
    }

    @Test
    @DisplayName("DISCLOSURE: firm-wide 中金黄金 starts at ~4.6% (no account near 2%), crosses 5% in spring 2015 by trades, and goes back under")
    void firmWideStakeCrossesFivePercent() {
        assertTrue(start.firmRatio().compareTo(new BigDecimal("0.045")) >= 0
                && start.firmRatio().compareTo(new BigDecimal("0.047")) < 0, start.firmRatio().toString());
        long holders = start.firmShare().values().stream().filter(v -> v.signum() > 0).count();
        assertTrue(holders >= 4, "holders: " + holders);
        start.firmShare().forEach((a, v) -> assertTrue(v.compareTo(new BigDecimal("0.015")) < 0, a + " holds " + v));
        LocalDate crossed = days.stream().filter(s -> s.firmRatio().compareTo(FIVE_PERCENT) >= 0).map(Snapshot::date)
                .findFirst().orElseThrow();
        assertTrue(crossed.isAfter(LocalDate.of(2015, 3, 1)) && crossed.isBefore(LocalDate.of(2015, 6, 1)), crossed.toString());
        assertTrue(days.stream().anyMatch(s -> s.date().isAfter(crossed) && s.firmRatio().compareTo(FIVE_PERCENT) < 0));
    }

    @Test
    @DisplayName("Scripted trades always fit the account: cash never goes negative")
    void cashNeverNegative() {
        for (Snapshot s : days) s.cash().forEach((a, c) -> assertTrue(c.signum() >= 0, s.date() + " " + a + " cash " + c));
    }

    @Test
    @DisplayName("DATA_QUALITY: an account holds a stock that never gets a price")
    void unpricedHolding() {
        Ledger l = new Ledger();
        data.openingEvents().forEach(l::apply);
        assertTrue(l.positions.get("A014").get(DemoDataSet.UNPRICED_CODE).signum() > 0);
        PriceReplay replay = new PriceReplay(data);
        while (replay.hasNext()) {
            for (FeedEvent e : replay.next().events()) {
                assertFalse(e instanceof FeedEvent.Price p && p.code().equals(DemoDataSet.UNPRICED_CODE));
            }
        }
    }

    @Test
    @DisplayName("The 2015 days are all replayed: 244 trading days from 2015-01-05 to 2015-12-31")
    void year2015() {
        assertEquals(LocalDate.of(2015, 1, 5), days.get(0).date());
        assertEquals(LocalDate.of(2015, 12, 31), days.get(days.size() - 1).date());
        assertEquals(244, days.size());
    }
}
