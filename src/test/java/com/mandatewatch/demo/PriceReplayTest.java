package com.mandatewatch.demo;

import com.mandatewatch.feed.FeedEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PriceReplayTest {
    static final ZoneOffset CST = ZoneOffset.ofHours(8);
    static DemoData data;

    @BeforeAll
    static void build() { data = DemoDataSet.build(); }

    @Test
    @DisplayName("The first day is 2015-01-05: the opening clock at 09:00, ~64 closes at 15:00, then one return per account at 15:00:30, then the clock at 15:01")
    void firstDay() {
        ReplayDay day = new PriceReplay(data).next();
        assertEquals(LocalDate.of(2015, 1, 5), day.date());
        List<FeedEvent> ev = day.events();
        long prices = ev.stream().filter(e -> e instanceof FeedEvent.Price).count();
        assertTrue(prices >= 60 && prices <= 64, "prices: " + prices);
        assertEquals(20, ev.stream().filter(e -> e instanceof FeedEvent.Return).count());
        assertInstanceOf(FeedEvent.Clock.class, ev.get(0));
        assertEquals(OffsetDateTime.of(day.date(), LocalTime.of(9, 0), CST), ev.get(0).ts());
        assertInstanceOf(FeedEvent.Clock.class, ev.get(ev.size() - 1));
        assertEquals(OffsetDateTime.of(day.date(), LocalTime.of(15, 1), CST), ev.get(ev.size() - 1).ts());
        for (FeedEvent e : ev) {
            assertNull(e.id());
            if (e instanceof FeedEvent.Price) assertEquals(OffsetDateTime.of(day.date(), LocalTime.of(15, 0), CST), e.ts());
            if (e instanceof FeedEvent.Return r) {
                assertEquals(OffsetDateTime.of(day.date(), LocalTime.of(15, 0, 30), CST), e.ts());
                assertEquals(6, r.cumulativeReturn().scale());
            }
        }
        // 贵州茅台 closed at 184.10 on 2015-01-05 (the file's close)
        FeedEvent.Price moutai = ev.stream().filter(e -> e instanceof FeedEvent.Price p && p.code().equals("600519.SH"))
                .map(FeedEvent.Price.class::cast).findFirst().orElseThrow();
        assertEquals(0, PriceTable.get().close(PriceTable.get().indexOnOrAfter(day.date()), "600519.SH").compareTo(moutai.price()));
    }

    @Test
    @DisplayName("Each day's events come in the order opening clock, prices, trades, returns, closing clock; a trade day carries stock and CASH positions at 14:30")
    void orderOfEvents() {
        PriceReplay replay = new PriceReplay(data);
        int tradeDays = 0;
        while (replay.hasNext()) {
            ReplayDay day = replay.next();
            if (day.date().getYear() > 2015) break;
            int phase = 0;
            List<FeedEvent> events = day.events();
            assertInstanceOf(FeedEvent.Clock.class, events.get(0), day.date() + " opens with its clock");
            int opening = 0; // the clocks of make-up working days since the last trading day come first, then the day's own
            while (events.get(opening + 1) instanceof FeedEvent.Clock c && c.ts().toLocalTime().equals(LocalTime.of(9, 0))) opening++;
            assertEquals(OffsetDateTime.of(day.date(), LocalTime.of(9, 0), CST), ((FeedEvent.Clock) events.get(opening)).ts());
            for (FeedEvent e : events.subList(opening + 1, events.size())) {
                int p = e instanceof FeedEvent.Price ? 0 : e instanceof FeedEvent.Position ? 1 : e instanceof FeedEvent.Return ? 2 : 3;
                assertTrue(p >= phase, day.date() + ": " + e);
                phase = p;
                if (e instanceof FeedEvent.Position q) {
                    assertEquals(OffsetDateTime.of(day.date(), LocalTime.of(14, 30), CST), q.ts());
                }
            }
            if (day.events().stream().anyMatch(e -> e instanceof FeedEvent.Position)) tradeDays++;
        }
        assertEquals(DemoDataSet.scriptedTrades().stream().map(ScriptedTrade::date).distinct().count(), tradeDays);
    }

    @Test
    @DisplayName("A suspended stock gets no price: 万科A (000002.SZ) is silent from 2015-12-21 to 2016-07-01")
    void suspendedDaysHaveNoPrice() {
        PriceReplay replay = new PriceReplay(data);
        replay.skipThrough(LocalDate.of(2016, 1, 3));
        ReplayDay day = replay.next();
        assertEquals(LocalDate.of(2016, 1, 4), day.date());
        assertFalse(day.events().stream().anyMatch(e -> e instanceof FeedEvent.Price p && p.code().equals("000002.SZ")));
        assertTrue(day.events().stream().anyMatch(e -> e instanceof FeedEvent.Price p && p.code().equals("000001.SZ")));
    }

    @Test
    @DisplayName("The replay runs through 2021-09-30 and then ends")
    void runsToTheEnd() {
        PriceReplay replay = new PriceReplay(data);
        int days = 0;
        LocalDate last = null, previous = LocalDate.MIN;
        while (replay.hasNext()) {
            ReplayDay d = replay.next();
            assertTrue(d.date().isAfter(previous));
            previous = d.date();
            last = d.date();
            days++;
        }
        assertEquals(LocalDate.of(2021, 9, 30), last);
        assertEquals(PriceTable.get().dates().size() - PriceTable.get().indexOnOrAfter(data.replayStart()), days);
        assertThrows(NoSuchElementException.class, replay::next);
    }

    @Test
    @DisplayName("Two replays of the same data are identical")
    void deterministic() {
        PriceReplay a = new PriceReplay(data), b = new PriceReplay(DemoDataSet.build());
        for (int i = 0; i < 300; i++) assertEquals(a.next(), b.next());
    }

    @Test
    @DisplayName("skipThrough resumes exactly where an uninterrupted run is, scripted trades included")
    void skipThroughResumes() {
        List<ReplayDay> full = new ArrayList<>();
        PriceReplay replay = new PriceReplay(data);
        while (replay.hasNext()) {
            ReplayDay d = replay.next();
            if (d.date().getYear() > 2016) break;
            full.add(d);
        }
        // 2015-03-17 is between two scripted trades; 2015-03-14 is a Saturday (not a trading day)
        for (LocalDate lastDone : List.of(LocalDate.of(2015, 3, 17), LocalDate.of(2015, 3, 14), LocalDate.of(2015, 4, 14))) {
            PriceReplay resumed = new PriceReplay(data);
            resumed.skipThrough(lastDone);
            int i = 0;
            while (!full.get(i).date().isAfter(lastDone)) i++;
            for (int k = i; k < full.size(); k++) assertEquals(full.get(k), resumed.next(), "day " + full.get(k).date());
        }
        PriceReplay early = new PriceReplay(data);
        early.skipThrough(LocalDate.of(2014, 12, 31));
        assertEquals(full.get(0), early.next());
    }

    @Test
    @DisplayName("Each account's return is its NAV over its starting NAV minus 1, from the replay's own prices and positions")
    void returnsMatchTheFeed() {
        Ledger l = new Ledger();
        data.openingEvents().forEach(l::apply);
        java.util.Map<String, BigDecimal> nav0 = new java.util.TreeMap<>();
        l.positions.keySet().forEach(a -> nav0.put(a, l.nav(a)));
        PriceReplay replay = new PriceReplay(data);
        while (replay.hasNext()) {
            ReplayDay d = replay.next();
            if (d.date().getYear() > 2015) break;
            for (FeedEvent e : d.events()) {
                if (e instanceof FeedEvent.Return r) {
                    BigDecimal expected = l.nav(r.account()).divide(nav0.get(r.account()), Ledger.MC).subtract(BigDecimal.ONE);
                    assertTrue(expected.subtract(r.cumulativeReturn()).abs().compareTo(new BigDecimal("0.0000005")) <= 0,
                            d.date() + " " + r.account() + " " + r.cumulativeReturn() + " vs " + expected);
                }
                l.apply(e);
            }
        }
    }

    @Test
    @DisplayName("A make-up working Saturday without trading (2015-02-28) gets its 09:00 clock before the next trading day, so its reminders are on time; the make-up Sunday before the first replayed day (2015-01-04) is not the replay's")
    void makeUpWorkingDaysGetTheirClock() {
        PriceReplay replay = new PriceReplay(data);
        List<OffsetDateTime> clocks = new java.util.ArrayList<>();
        while (replay.hasNext()) {
            ReplayDay day = replay.next();
            if (day.date().isAfter(java.time.LocalDate.of(2015, 3, 2))) break;
            day.events().stream().filter(e -> e instanceof FeedEvent.Clock).forEach(e -> clocks.add(e.ts()));
        }
        assertTrue(clocks.contains(OffsetDateTime.of(2015, 2, 28, 9, 0, 0, 0, CST)), clocks.toString());
        assertFalse(clocks.contains(OffsetDateTime.of(2015, 1, 4, 9, 0, 0, 0, CST)), clocks.toString());
        assertFalse(clocks.contains(OffsetDateTime.of(2015, 3, 1, 9, 0, 0, 0, CST)), "an ordinary Sunday: " + clocks);
        for (int i = 1; i < clocks.size(); i++) assertTrue(clocks.get(i).isAfter(clocks.get(i - 1)), "clocks in order: " + clocks);
    }
}
