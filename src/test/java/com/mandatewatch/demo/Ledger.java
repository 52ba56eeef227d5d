package com.mandatewatch.demo;

import com.mandatewatch.domain.Security;
import com.mandatewatch.feed.FeedEvent;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The tests' own, deliberately simple bookkeeping of a replay: last prices and absolute positions as the feed
 * sets them, and the weights SPEC §3 defines (market value / NAV, CASH at 1, unpriced holdings worth nothing).
 * Independent of the product's rules and engine.
 */
final class Ledger {
    static final MathContext MC = MathContext.DECIMAL64;

    final Map<String, BigDecimal> prices = new HashMap<>();
    final Map<String, TreeMap<String, BigDecimal>> positions = new TreeMap<>();
    final Map<String, BigDecimal> returns = new TreeMap<>();

    void apply(FeedEvent e) {
        if (e instanceof FeedEvent.Price p) prices.put(p.code(), p.price());
        else if (e instanceof FeedEvent.Position q)
            positions.computeIfAbsent(q.account(), a -> new TreeMap<>()).put(q.code(), q.quantity());
        else if (e instanceof FeedEvent.Return r) returns.put(r.account(), r.cumulativeReturn());
    }

    BigDecimal price(String code) {
        return Security.CASH_CODE.equals(code) ? BigDecimal.ONE : prices.get(code);
    }

    BigDecimal value(String account, String code) {
        BigDecimal q = positions.get(account).getOrDefault(code, BigDecimal.ZERO);
        BigDecimal p = price(code);
        return p == null ? BigDecimal.ZERO : q.multiply(p);
    }

    BigDecimal nav(String account) {
        BigDecimal nav = BigDecimal.ZERO;
        for (String code : positions.get(account).keySet()) nav = nav.add(value(account, code));
        return nav;
    }

    BigDecimal weight(String account, String code) {
        return value(account, code).divide(nav(account), MC);
    }

    /** Weight of everything but CASH (all demo securities are stocks). */
    BigDecimal stockWeight(String account) {
        BigDecimal nav = nav(account);
        return nav.subtract(value(account, Security.CASH_CODE)).divide(nav, MC);
    }

    /** The largest single-stock weight and its code. */
    Map.Entry<String, BigDecimal> maxSingle(String account) {
        Map.Entry<String, BigDecimal> best = Map.entry("-", BigDecimal.ZERO);
        for (String code : positions.get(account).keySet()) {
            if (Security.CASH_CODE.equals(code)) continue;
            BigDecimal w = weight(account, code);
            if (w.compareTo(best.getValue()) > 0) best = Map.entry(code, w);
        }
        return best;
    }

    /** Firm-wide quantity of {@code code} over all accounts. */
    BigDecimal firmQuantity(String code) {
        BigDecimal sum = BigDecimal.ZERO;
        for (TreeMap<String, BigDecimal> book : positions.values()) sum = sum.add(book.getOrDefault(code, BigDecimal.ZERO));
        return sum;
    }
}
