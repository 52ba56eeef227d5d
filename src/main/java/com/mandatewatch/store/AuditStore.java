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
        return sql.preparedQuery("INSERT INTO audit (actor, entity, code, action, before, after, detail) VALUES ($1,$2,$3,$4,$5,$6,$7)")
                .execute(Tuple.of(actor, entity, code, action, before, after, detail)).mapEmpty();
    }

    /** A refused request (C42): entity "access", the path as code, what was asked and answered as detail. */
    public Future<Void> denied(String actor, String path, String detail) {
        return insert(pool, actor, "access", path, "DENIED", null, null, detail);
    }

    /** Newest first; entity and code are optional filters. */
    public Future<List<JsonObject>> list(String entity, String code, int limit) {
        return pool.preparedQuery("SELECT * FROM audit WHERE ($1::text IS NULL OR entity=$1) AND ($2::text IS NULL OR code=$2) "
                        + "ORDER BY id DESC LIMIT $3")
                .execute(Tuple.of(entity, code, limit)).map(rows -> ReferenceStore.map(rows, AuditStore::entry));
    }

    /**
     * Newest first, only the entries about these clients and contracts (a client manager's own): filtered in the
     * query, before the limit, so that other people's busy days do not push one's own entries off the page.
     */
    public Future<List<JsonObject>> listOwn(String entity, String code, int limit, List<String> clients, List<String> contracts) {
        return pool.preparedQuery("SELECT * FROM audit WHERE ($1::text IS NULL OR entity=$1) AND ($2::text IS NULL OR code=$2) "
                        + "AND (entity='client' AND code = ANY($4) OR entity='contract' AND code = ANY($5)) ORDER BY id DESC LIMIT $3")
                .execute(Tuple.of(entity, code, limit, clients.toArray(new String[0]), contracts.toArray(new String[0])))
                .map(rows -> ReferenceStore.map(rows, AuditStore::entry));
    }

    private static JsonObject entry(Row r) {
        return new JsonObject().put("id", r.getLong("id")).put("at", AlertJson.time(r.getOffsetDateTime("at").toInstant()))
                .put("actor", r.getString("actor")).put("entity", r.getString("entity")).put("code", r.getString("code"))
                .put("action", r.getString("action")).put("before", r.getJsonObject("before"))
                .put("after", r.getJsonObject("after")).put("detail", r.getString("detail"));
    }
}
