package com.mandatewatch.store;

import com.mandatewatch.json.AlertJson;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.List;

/** The audit log (SPEC §7): who did what to which record, when, with the record before and after. */
public final class AuditStore {
    private final Pool pool;

    public AuditStore(Pool pool) {
        this.pool = pool;
    }

    /** Takes the caller's transaction so that the change and its audit row commit or fail together. */
    public Future<Void> insert(SqlClient sql, String actor, String entity, String code, String action,
                               JsonObject before, JsonObject after, String detail) {
        return write(sql, actor, entity, code, action, before, after, detail);
    }

    /** The same, for a store that writes its own audit rows inside its transaction (alert acknowledgements). */
    public static Future<Void> write(SqlClient sql, String actor, String entity, String code, String action,
                                     JsonObject before, JsonObject after, String detail) {
        return sql.preparedQuery("INSERT INTO audit (actor, entity, code, action, before, after, detail) VALUES ($1,$2,$3,$4,$5,$6,$7)")
                .execute(Tuple.of(actor, entity, code, action, before, after, detail)).mapEmpty();
    }

    /** A refused request (C42): entity "access", the path as code, what was asked and answered as detail. */
    public Future<Void> denied(String actor, String path, String detail) {
        return insert(pool, actor, "access", path, "DENIED", null, null, detail);
    }

    /** One page of entries, newest first, and how many match in all. */
    public record Page(List<JsonObject> items, long total) {
    }

    /** Newest first; entity and code are optional filters. */
    public Future<Page> list(String entity, String code, int limit, int offset) {
        return page("", Tuple.of(entity, code, limit, offset));
    }

    /**
     * Newest first, only the entries about these clients and contracts (a client manager's own): filtered in the
     * query, before the limit, so that other people's busy days do not push one's own entries off the page.
     */
    public Future<Page> listOwn(String entity, String code, int limit, int offset, List<String> clients, List<String> contracts) {
        return page("AND (entity='client' AND code = ANY($5) OR entity='contract' AND code = ANY($6)) ",
                Tuple.of(entity, code, limit, offset, clients.toArray(new String[0]), contracts.toArray(new String[0])));
    }

    /**
     * The page and the count of every match in one statement: the count row is there even past the last page, so
     * "total" never says the page size (200 is not "200 entries in all").
     */
    private Future<Page> page(String ownOnly, Tuple params) {
        return pool.preparedQuery("WITH m AS (SELECT * FROM audit WHERE ($1::text IS NULL OR entity=$1) AND ($2::text IS NULL OR code=$2) "
                        + ownOnly + ") SELECT c.total, p.* FROM (SELECT count(*) AS total FROM m) c "
                        + "LEFT JOIN LATERAL (SELECT * FROM m ORDER BY id DESC LIMIT $3 OFFSET $4) p ON true ORDER BY p.id DESC")
                .execute(params).map(rows -> {
                    List<JsonObject> items = new java.util.ArrayList<>();
                    long total = 0;
                    for (Row r : rows) {
                        total = r.getLong("total");
                        if (r.getLong("id") != null) items.add(entry(r));
                    }
                    return new Page(items, total);
                });
    }

    private static JsonObject entry(Row r) {
        return new JsonObject().put("id", r.getLong("id")).put("at", AlertJson.time(r.getOffsetDateTime("at").toInstant()))
                .put("actor", r.getString("actor")).put("entity", r.getString("entity")).put("code", r.getString("code"))
                .put("action", r.getString("action")).put("before", r.getJsonObject("before"))
                .put("after", r.getJsonObject("after")).put("detail", r.getString("detail"));
    }
}
