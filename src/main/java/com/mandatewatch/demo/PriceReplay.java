package com.mandatewatch.demo;

import com.mandatewatch.domain.Security;
import com.mandatewatch.feed.FeedEvent;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;

/**
 * Replays the real daily closes over a {@link DemoData}, one trading day per {@link #next()}, from
 * {@code data.replayStart()} through the last date of the price file (2021-09-30). It keeps its own copy of every
 * account's portfolio so that it can play the scripted trades and report each account's cumulative return;
 * one instance belongs to one reader (not thread-safe).
 *
 * <p>Each day's events, in this order (ids are null):
 * <ol>
 *   <li>a {@link FeedEvent.Clock} at {@code T09:00+08:00} of each working day since the last trading day on which
 *       nothing trades (a make-up Saturday, 调休): the department works, so its maturity reminders fall due then and
 *       are not marked delayed when the next trading day comes;</li>
 *   <li>a {@link FeedEvent.Clock} at {@code T09:00+08:00}: the business day begins, so its schedules (maturity
 *       warnings and reminders, due at 09:00) fall due on time, and a replay resumed after a restart is back online
 *       before they are due rather than after (they would be marked delayed);</li>
 *   <li>{@link FeedEvent.Price} of every stock that traded that day, at its close, {@code T15:00+08:00};
 *       a suspended stock (volume 0 or empty) gets no price that day;</li>
 *   <li>the scripted trades of the day as {@link FeedEvent.Position} pairs (the stock's new absolute quantity,
 *       then the account's new CASH), {@code T14:30+08:00}; a trade is done at the day's close price;</li>
 *   <li>one {@link FeedEvent.Return} per account that had a positive NAV at the start, in account order:
 *       {@code NAV_t / NAV_0 - 1}, scale 6, HALF_EVEN, {@code T15:00:30+08:00}. NAV is Σ quantity × last price
 *       plus cash; a holding without any price (the demo's unpriced stock) counts for nothing;</li>
 *   <li>a {@link FeedEvent.Clock} at {@code T15:01+08:00}.</li>
 * </ol>
 * Prices and trades carry earlier timestamps than the returns they feed, so a consumer ordering by
 * {@code ts} still sees the same state.
 */
public final class PriceReplay implements Iterator<ReplayDay> {
    private static final LocalTime OPEN_TIME = LocalTime.of(9, 0);
    private static final LocalTime PRICE_TIME = LocalTime.of(15, 0);
    private static final LocalTime TRADE_TIME = LocalTime.of(14, 30);
    private static final LocalTime RETURN_TIME = LocalTime.of(15, 0, 30);
    private static final LocalTime CLOCK_TIME = LocalTime.of(15, 1);
    private static final BigDecimal LOT = BigDecimal.valueOf(100);

    private final PriceTable table;
    private final com.mandatewatch.rules.BusinessCalendar calendar = com.mandatewatch.rules.BusinessCalendar.loadDefault();
    private final Map<String, BigDecimal> prices = new HashMap<>();
    private final TreeMap<String, TreeMap<String, BigDecimal>> positions = new TreeMap<>();
    private final TreeMap<String, BigDecimal> nav0 = new TreeMap<>();
    private final Map<LocalDate, List<ScriptedTrade>> trades = new HashMap<>();
    private int day;
    /** The first replayed day: the working days before it are not the replay's. */
    private final int firstDay;

    public PriceReplay(DemoData data) {
        this.table = PriceTable.get();
        this.day = table.indexOnOrAfter(data.replayStart());
        this.firstDay = day;
        for (FeedEvent e : data.openingEvents()) {
            if (e instanceof FeedEvent.Price p) {
                prices.put(p.code(), p.price());
            } else if (e instanceof FeedEvent.Position q) {
                positions.computeIfAbsent(q.account(), a -> new TreeMap<>()).put(q.code(), q.quantity());
            }
        }
        for (String account : positions.keySet()) {
            BigDecimal nav = nav(account);
            if (nav.signum() > 0) nav0.put(account, nav);
        }
        for (ScriptedTrade t : DemoDataSet.scriptedTrades()) {
            if (positions.containsKey(t.account()) && !t.date().isBefore(data.replayStart())) {
                trades.computeIfAbsent(t.date(), d -> new ArrayList<>()).add(t);
            }
        }
    }

    @Override
    public boolean hasNext() { return day < table.dates().size(); }

    @Override
    public ReplayDay next() {
        if (!hasNext()) throw new NoSuchElementException("the replay ended on " + table.dates().get(day - 1));
        LocalDate date = table.dates().get(day);
        List<FeedEvent> events = new ArrayList<>(table.codes().size() + 2 * 4 + nav0.size() + 4);
        if (day > firstDay) {
            for (LocalDate d = table.dates().get(day - 1).plusDays(1); d.isBefore(date); d = d.plusDays(1)) {
                if (calendar.isWorkingDay(d)) events.add(new FeedEvent.Clock(null, at(d, OPEN_TIME)));
            }
        }
        events.add(new FeedEvent.Clock(null, at(date, OPEN_TIME)));

        OffsetDateTime priceTs = at(date, PRICE_TIME);
        List<String> codes = table.codes();
        for (int c = 0; c < codes.size(); c++) {
            if (!table.traded(day, c)) continue;
            BigDecimal close = table.close(day, c);
            prices.put(codes.get(c), close);
            events.add(new FeedEvent.Price(null, priceTs, codes.get(c), close));
        }

        OffsetDateTime tradeTs = at(date, TRADE_TIME);
        for (ScriptedTrade t : trades.getOrDefault(date, List.of())) {
            TreeMap<String, BigDecimal> book = positions.get(t.account());
            BigDecimal price = prices.get(t.code());
            if (price == null) throw new IllegalStateException("scripted trade in unpriced " + t.code());
            BigDecimal old = book.getOrDefault(t.code(), BigDecimal.ZERO);
            BigDecimal qty;
            if (t.deltaShares() != null) {
                qty = old.add(BigDecimal.valueOf(t.deltaShares())).max(BigDecimal.ZERO);
            } else {
                qty = nav(t.account()).multiply(t.targetWeight())
                        .divide(price.multiply(LOT), 0, RoundingMode.FLOOR).multiply(LOT);
            }
            BigDecimal cash = book.getOrDefault(Security.CASH_CODE, BigDecimal.ZERO)
                    .subtract(qty.subtract(old).multiply(price)).setScale(2, RoundingMode.UNNECESSARY);
            book.put(t.code(), qty);
            book.put(Security.CASH_CODE, cash);
            events.add(new FeedEvent.Position(null, tradeTs, t.account(), t.code(), qty));
            events.add(new FeedEvent.Position(null, tradeTs, t.account(), Security.CASH_CODE, cash));
        }

        OffsetDateTime returnTs = at(date, RETURN_TIME);
        for (Map.Entry<String, BigDecimal> a : nav0.entrySet()) {
            BigDecimal r = nav(a.getKey()).subtract(a.getValue()).divide(a.getValue(), 6, RoundingMode.HALF_EVEN);
            events.add(new FeedEvent.Return(null, returnTs, a.getKey(), r));
        }

        events.add(new FeedEvent.Clock(null, at(date, CLOCK_TIME)));
        day++;
        return new ReplayDay(date, events);
    }

    /**
     * Resumes after a restart: plays every day up to and including {@code lastDone} without handing out its
     * events, so that scripted trades and portfolios are where an uninterrupted run would have them.
     */
    public void skipThrough(LocalDate lastDone) {
        while (hasNext() && !table.dates().get(day).isAfter(lastDone)) next();
    }

    private BigDecimal nav(String account) {
        BigDecimal nav = BigDecimal.ZERO;
        for (Map.Entry<String, BigDecimal> p : positions.get(account).entrySet()) {
            BigDecimal price = Security.CASH_CODE.equals(p.getKey()) ? BigDecimal.ONE : prices.get(p.getKey());
            if (price != null) nav = nav.add(p.getValue().multiply(price));
        }
        return nav;
    }

    private static OffsetDateTime at(LocalDate date, LocalTime time) {
        return OffsetDateTime.of(date, time, DemoDataSet.SHANGHAI);
    }
}
