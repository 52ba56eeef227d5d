package com.mandatewatch.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The engine's live state (prices, positions, returns, business time) written behind it, read back at
 * start; plus the feed's idempotency keys and its dead letters.
 */
public final class StateStore {
    public static final String BUSINESS_TIME = "business.time";
    private final Pool pool;
    private final ReferenceStore reference;

    public StateStore(Pool pool, ReferenceStore reference) {
        this.pool = pool;
        this.reference = reference;
    }

    public record Snapshot(List<StateDelta.Price> prices, List<StateDelta.Position> positions,
                           List<StateDelta.Return> returns, OffsetDateTime businessTime) {
    }

    public Future<Snapshot> load() {
        Future<List<StateDelta.Price>> prices = pool.query("SELECT * FROM price").execute()
                .map(rows -> ReferenceStore.map(rows, r -> new StateDelta.Price(r.getString("code"), r.getBigDecimal("price"), r.getOffsetDateTime("ts"))));
        Future<List<StateDelta.Position>> positions = pool.query("SELECT * FROM position").execute()
                .map(rows -> ReferenceStore.map(rows, r -> new StateDelta.Position(r.getString("account"), r.getString("code"),
                        r.getBigDecimal("quantity"), r.getOffsetDateTime("ts"))));
        Future<List<StateDelta.Return>> returns = pool.query("SELECT * FROM account_return").execute()
                .map(rows -> ReferenceStore.map(rows, r -> new StateDelta.Return(r.getString("account"),
                        r.getBigDecimal("cumulative_return"), r.getOffsetDateTime("ts"))));
        Future<OffsetDateTime> time = pool.preparedQuery("SELECT value FROM app_setting WHERE key = $1").execute(Tuple.of(BUSINESS_TIME))
                .map(rows -> ReferenceStore.first(rows).map(r -> OffsetDateTime.parse(r.getString("value"))).orElse(null));
        return Future.all(prices, positions, returns, time)
                .map(v -> new Snapshot(prices.result(), positions.result(), returns.result(), time.result()));
    }

    /**
     * What every instance's accounts hold of these securities, quantity per account (zero lines left out): the
     * firm-wide totals of SPEC §4 disclosure when several instances share the accounts.
     */
    public Future<Map<String, Map<String, java.math.BigDecimal>>> holdings(java.util.Collection<String> codes) {
        if (codes.isEmpty()) return Future.succeededFuture(Map.of());
        return pool.preparedQuery("SELECT code, account, quantity FROM position WHERE code = ANY($1) AND quantity <> 0")
                .execute(Tuple.of(codes.toArray(new String[0])))
                .map(rows -> {
                    Map<String, Map<String, java.math.BigDecimal>> out = new java.util.HashMap<>();
                    codes.forEach(c -> out.put(c, new java.util.HashMap<>()));
                    rows.forEach(r -> out.get(r.getString("code")).put(r.getString("account"), r.getBigDecimal("quantity")));
                    return out;
                });
    }

    /** Which of these idempotency keys were applied before (by any instance, before any restart). */
    public Future<Set<String>> seen(List<String> ids) {
        if (ids.isEmpty()) return Future.succeededFuture(Set.of());
        return pool.preparedQuery("SELECT id FROM feed_seen WHERE id = ANY($1)").execute(Tuple.of(ids.toArray(new String[0])))
                .map(rows -> {
                    Set<String> out = new HashSet<>();
                    rows.forEach(r -> out.add(r.getString("id")));
                    return out;
                });
    }

    /** One rejected feed message: where it came from, why, and (a bounded prefix of) what it was. */
    public record DeadLetter(Integer line, String reason, String payload) {
    }

    public Future<Void> reject(String source, Integer line, String reason, String payload) {
        return reject(source, List.of(new DeadLetter(line, reason, payload)));
    }

    /**
     * Stores a batch's dead letters in one statement: one INSERT per bad line, all at once, would overflow the
     * pool's wait queue on a large bad batch and fail the whole request after its valid lines were applied.
     */
    public Future<Void> reject(String source, List<DeadLetter> letters) {
        return reject(letters.stream().map(d -> Map.entry(source, d)).toList());
    }

    /**
     * Dead letters that each name their own source (a Kafka record's topic, partition and offset), in one
     * statement like {@link #reject(String, List)}.
     */
    public Future<Void> reject(List<Map.Entry<String, DeadLetter>> sourced) {
        if (sourced.isEmpty()) return Future.succeededFuture();
        List<Tuple> rows = new ArrayList<>();
        for (Map.Entry<String, DeadLetter> e : sourced) {
            DeadLetter d = e.getValue();
            String kept = d.payload().length() > 4096 ? d.payload().substring(0, 4096) + "…" : d.payload();
            rows.add(Tuple.of(e.getKey(), d.line(), d.reason(), kept.replace("\u0000", "")));
        }
        return pool.preparedQuery("INSERT INTO feed_rejected (source, line, reason, payload) VALUES ($1,$2,$3,$4)")
                .executeBatch(rows).mapEmpty();
    }

    Future<Void> write(SqlClient sql, StateDelta d) {
        List<Future<?>> writes = new ArrayList<>();
        if (!d.prices.isEmpty()) {
            // several instances apply every price: one that lags behind must not put an older price back
            writes.add(sql.preparedQuery("INSERT INTO price (code, price, ts) VALUES ($1,$2,$3) ON CONFLICT (code) "
                            + "DO UPDATE SET price=EXCLUDED.price, ts=EXCLUDED.ts WHERE price.ts <= EXCLUDED.ts")
                    .executeBatch(d.prices.values().stream().map(p -> Tuple.of(p.code(), p.price(), p.ts())).toList()));
        }
        if (!d.positions.isEmpty()) {
            writes.add(sql.preparedQuery("INSERT INTO position (account, code, quantity, ts) VALUES ($1,$2,$3,$4) "
                            + "ON CONFLICT (account, code) DO UPDATE SET quantity=EXCLUDED.quantity, ts=EXCLUDED.ts")
                    .executeBatch(d.positions.values().stream().map(p -> Tuple.of(p.account(), p.code(), p.quantity(), p.ts())).toList()));
        }
        if (!d.returns.isEmpty()) {
            writes.add(sql.preparedQuery("INSERT INTO account_return (account, cumulative_return, ts) VALUES ($1,$2,$3) "
                            + "ON CONFLICT (account) DO UPDATE SET cumulative_return=EXCLUDED.cumulative_return, ts=EXCLUDED.ts")
                    .executeBatch(d.returns.values().stream().map(r -> Tuple.of(r.account(), r.value(), r.ts())).toList()));
        }
        if (!d.securities.isEmpty()) writes.add(reference.upsertSecurities(sql, List.copyOf(d.securities.values()), d.securityTs));
        if (!d.seenIds.isEmpty()) {
            writes.add(sql.preparedQuery("INSERT INTO feed_seen (id) VALUES ($1) ON CONFLICT DO NOTHING")
                    .executeBatch(d.seenIds.stream().map(Tuple::of).toList()));
        }
        if (d.businessTime != null) {
            // never back: with several instances each writes the business time it has reached
            writes.add(sql.preparedQuery("INSERT INTO app_setting (key, value) VALUES ($1,$2) ON CONFLICT (key) DO UPDATE SET value=EXCLUDED.value "
                            + "WHERE app_setting.value::timestamptz <= EXCLUDED.value::timestamptz")
                    .execute(Tuple.of(BUSINESS_TIME, d.businessTime.toString())));
        }
        // one connection runs its statements in order; waiting on all keeps the transaction whole
        return Future.all(writes).mapEmpty();
    }
}
