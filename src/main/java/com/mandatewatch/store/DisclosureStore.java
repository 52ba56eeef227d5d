package com.mandatewatch.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Disclosures compliance has filed; the latest per security is the base of the next disclosure step. */
public final class DisclosureStore {
    private final Pool pool;

    public DisclosureStore(Pool pool) {
        this.pool = pool;
    }

    public record Filed(long id, String code, BigDecimal ratio, LocalDate filedOn, String filedBy) {
        public JsonObject toJson() {
            return new JsonObject().put("id", id).put("code", code).put("ratio", ratio.stripTrailingZeros().toPlainString())
                    .put("filedOn", filedOn.toString()).put("filedBy", filedBy);
        }
    }

    public Future<Filed> insert(String code, BigDecimal ratio, LocalDate filedOn, String filedBy) {
        return pool.preparedQuery("INSERT INTO disclosure (code, ratio, filed_on, filed_by) VALUES ($1,$2,$3,$4) RETURNING id")
                .execute(Tuple.of(code, ratio, filedOn, filedBy))
                .map(rows -> new Filed(rows.iterator().next().getLong("id"), code, ratio, filedOn, filedBy));
    }

    public Future<List<Filed>> all() {
        return pool.query("SELECT * FROM disclosure ORDER BY filed_on DESC, id DESC").execute()
                .map(rows -> ReferenceStore.map(rows, DisclosureStore::filed));
    }

    /** The latest filed ratio per security code. */
    public Future<Map<String, BigDecimal>> latest() {
        return pool.query("SELECT DISTINCT ON (code) * FROM disclosure ORDER BY code, filed_on DESC, id DESC").execute()
                .map(rows -> {
                    Map<String, BigDecimal> out = new HashMap<>();
                    rows.forEach(r -> out.put(r.getString("code"), r.getBigDecimal("ratio")));
                    return out;
                });
    }

    private static Filed filed(Row r) {
        return new Filed(r.getLong("id"), r.getString("code"), r.getBigDecimal("ratio"), r.getLocalDate("filed_on"), r.getString("filed_by"));
    }
}
