package com.mandatewatch.engine;

import com.mandatewatch.domain.Security;
import com.mandatewatch.domain.SecurityKind;
import com.mandatewatch.engine.ledger.Ledger;
import com.mandatewatch.engine.ledger.VerdictSink;
import com.mandatewatch.feed.FeedEvent;
import com.mandatewatch.rules.AccountView;
import com.mandatewatch.rules.Holding;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Live market and account state: reference data, last prices, positions (with an index of the accounts
 * holding each security), cumulative returns, firm-wide quantities per security, and the time of the last
 * event applied per key so that late events are ignored (SPEC §3). Owned by the engine's thread only.
 *
 * <p>Every change is also applied to the {@link Ledger}, the scaled-long mirror of this book that knows, on a price
 * tick, which holders' verdicts moved; the exact decimals here stay the record the rules' messages are written from.
 */
public final class AccountBook {
    private final Map<String, Security> securities = new HashMap<>();
    private final Map<String, BigDecimal> prices = new HashMap<>();
    private final Map<String, Map<String, BigDecimal>> positions = new HashMap<>();
    private final Map<String, Set<String>> holders = new HashMap<>();
    private final Map<String, BigDecimal> returns = new HashMap<>();
    private final Map<String, BigDecimal> firmQuantity = new HashMap<>();
    private final Map<String, OffsetDateTime> lastApplied = new HashMap<>();
    private final Ledger ledger = new Ledger();

    public Ledger ledger() { return ledger; }

    /** True when an event for the same key with a later time was applied already. */
    public boolean isLate(FeedEvent e) {
        String key = e.orderingKey();
        if (key == null) return false;
        OffsetDateTime last = lastApplied.get(key);
        return last != null && e.ts().isBefore(last);
    }

    public void markApplied(FeedEvent e) {
        if (e.orderingKey() != null) lastApplied.merge(e.orderingKey(), e.ts(), (a, b) -> a.isAfter(b) ? a : b);
    }

    public void restoreTime(String orderingKey, OffsetDateTime ts) {
        lastApplied.put(orderingKey, ts);
    }

    public void putSecurity(Security s) {
        securities.put(s.code(), s);
        ledger.reference(s, VerdictSink.NONE);
    }

    public Security security(String code) {
        Security s = securities.get(code);
        return s == null && Security.CASH_CODE.equals(code) ? Security.CASH : s;
    }

    public Map<String, Security> securities() { return securities; }

    public void putPrice(String code, BigDecimal price) { putPrice(code, price, VerdictSink.NONE); }

    /** A new price; the ledger tells {@code moves} which holders' verdicts it changed. */
    public void putPrice(String code, BigDecimal price, VerdictSink moves) {
        prices.put(code, canonical(price));
        ledger.price(code, price, moves);
    }

    public BigDecimal price(String code) {
        Security s = security(code);
        if (s != null && s.kind() == SecurityKind.CASH) return BigDecimal.ONE;
        return prices.get(code);
    }

    /**
     * Sets an absolute holding; 0 closes it. Keeps the holder index and firm totals in step. A closed holding stays
     * in the account as a zero line: an account whose positions are all closed was fed and is worth 0 (C09a, a
     * DATA_QUALITY matter), which the rules tell apart from an account never fed only by seeing those lines.
     */
    public void putPosition(String account, String code, BigDecimal quantity) {
        quantity = canonical(quantity);
        Map<String, BigDecimal> book = positions.computeIfAbsent(account, a -> new TreeMap<>());
        BigDecimal before = book.getOrDefault(code, BigDecimal.ZERO);
        book.put(code, quantity);
        if (quantity.signum() == 0) {
            Set<String> h = holders.get(code);
            if (h != null) h.remove(account);
        } else {
            holders.computeIfAbsent(code, c -> new HashSet<>()).add(account);
        }
        firmQuantity.merge(code, quantity.subtract(before), BigDecimal::add);
        ledger.position(account, code, quantity, VerdictSink.NONE);
    }

    public BigDecimal quantity(String account, String code) {
        Map<String, BigDecimal> book = positions.get(account);
        return book == null ? BigDecimal.ZERO : book.getOrDefault(code, BigDecimal.ZERO);
    }

    public Set<String> holdersOf(String code) { return holders.getOrDefault(code, Set.of()); }

    /** True when the account holds (quantity ≠ 0) any of these securities. */
    public boolean holdsAny(String account, Set<String> codes) {
        Map<String, BigDecimal> book = positions.getOrDefault(account, Map.of());
        if (codes.size() < book.size()) {
            for (String code : codes) if (book.getOrDefault(code, BigDecimal.ZERO).signum() != 0) return true;
            return false;
        }
        for (Map.Entry<String, BigDecimal> e : book.entrySet()) if (e.getValue().signum() != 0 && codes.contains(e.getKey())) return true;
        return false;
    }

    public Set<String> accounts() { return positions.keySet(); }

    public void putReturn(String account, BigDecimal value) {
        returns.put(account, canonical(value));
        ledger.cumulativeReturn(account, value, VerdictSink.NONE);
    }

    /**
     * The value without trailing zeros (never in exponent form). The feed says "700" and the NUMERIC(24,4) column
     * gives back "700.0000": messages quote these numbers, and an alert whose message changes is UPDATED, so
     * without one spelling per value a restart would announce every such open alert again (C19).
     */
    static BigDecimal canonical(BigDecimal v) {
        BigDecimal s = v.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    public BigDecimal firmQuantity(String code) { return firmQuantity.getOrDefault(code, BigDecimal.ZERO); }

    public Map<String, BigDecimal> quantityByAccount(String code) {
        Map<String, BigDecimal> out = new TreeMap<>();
        for (String account : holdersOf(code)) out.put(account, quantity(account, code));
        return out;
    }

    /** An immutable view of one account for the pure rules. */
    public AccountView view(String account) {
        List<Holding> holdings = new ArrayList<>();
        positions.getOrDefault(account, Map.of()).forEach((code, qty) ->
                holdings.add(new Holding(code, qty, price(code), security(code))));
        return new AccountView(account, List.copyOf(holdings), returns.get(account));
    }
}
