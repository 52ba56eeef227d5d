package com.mandatewatch.store;

import com.mandatewatch.json.AlertJson;
import com.mandatewatch.json.ApiException;
import com.mandatewatch.json.DomainJson;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The records workflow on clients and contracts (SPEC §7): versioned saves of drafts, sealing, pending changes to
 * sealed records and their decision. Each operation is one transaction that first locks the record's row
 * (SELECT … FOR UPDATE), so a seal and an edit cannot interleave: the edit either lands before the seal (and is part
 * of the sealed version) or sees the record sealed and becomes a pending change (C38). The audit row is written in
 * the same transaction.
 */
public final class RecordStore {
    /** The two kinds of sealable record; the name is what the API, pending_change and audit use. */
    public enum Entity {
        CLIENT("client", "client", "status"), CONTRACT("contract", "contract", "record_status");

        public final String name;
        final String table;
        final String statusColumn;

        Entity(String name, String table, String statusColumn) {
            this.name = name;
            this.table = table;
            this.statusColumn = statusColumn;
        }

        public static Entity of(String name) {
            for (Entity e : values()) if (e.name.equals(name)) return e;
            throw new IllegalArgumentException(name);
        }

        /** The API body of a stored row, with its version. */
        JsonObject body(Row r) {
            JsonObject body = this == CLIENT ? DomainJson.client(ReferenceStore.client(r)) : DomainJson.contract(ReferenceStore.contract(r));
            return body.put("version", r.getInteger("version"));
        }

        boolean sealed(Row r) { return "SEALED".equals(r.getString(statusColumn)); }
    }

    /** What a save did: 200 with the saved record, or 202 with the pending change it created. */
    public record Outcome(int status, JsonObject body) {
    }

    private final Pool pool;
    private final ReferenceStore reference;
    private final AuditStore audit;

    public RecordStore(Pool pool, ReferenceStore reference, AuditStore audit) {
        this.pool = pool;
        this.reference = reference;
        this.audit = audit;
    }

    /** The record's API body with its version, empty when there is none. */
    public Future<Optional<JsonObject>> current(Entity e, String code) {
        return read(pool, e, code, false).map(o -> o.map(e::body));
    }

    /** Inserts a new record with its CREATE audit row; false when the code exists already. */
    public Future<Boolean> create(Entity e, JsonObject body, String actor) {
        return pool.withTransaction(tx -> (e == Entity.CLIENT ? reference.insertClient(tx, DomainJson.client(body, null))
                : reference.insertContract(tx, DomainJson.contract(body, null)))
                .compose(ok -> !ok ? Future.succeededFuture(false) : read(tx, e, body.getString("code"), false)
                        .compose(row -> audit.insert(tx, actor, e.name, body.getString("code"), "CREATE", null, e.body(row.orElseThrow()), null))
                        .map(v -> true)));
    }

    /**
     * Saves a change. {@code expected} is the version the caller edited (If-Match or a version field), null when it
     * sent none; a different current version is 409. {@code build} turns the locked current body into the new one.
     * A draft is updated (200); a sealed record is left as it is and a pending change is created (202).
     */
    public Future<Outcome> save(Entity e, String code, Integer expected, String actor, UnaryOperator<JsonObject> build) {
        return pool.withTransaction(tx -> read(tx, e, code, true).compose(o -> {
            Row row = o.orElseThrow(() -> new ApiException(404, ApiException.notFoundMessage(e.name + " " + code)));
            JsonObject before = e.body(row);
            int version = row.getInteger("version");
            if (expected != null && expected != version) throw stale(version);
            JsonObject after = build.apply(before.copy());
            JsonObject unchanged = before.copy();
            unchanged.remove("version");
            if (SameContent.of(after, unchanged)) {
                // nothing to change: no pending change for a supervisor to approve, no audit row saying nothing
                return Future.succeededFuture(new Outcome(200, before));
            }
            if (e.sealed(row)) {
                after.put("version", version);
                return tx.preparedQuery("INSERT INTO pending_change (entity, code, requested_by, base_version, before, after) "
                                + "VALUES ($1,$2,$3,$4,$5,$6) RETURNING *")
                        .execute(Tuple.of(e.name, code, actor, version, before, after))
                        .compose(rows -> {
                            JsonObject change = change(rows.iterator().next());
                            return audit.insert(tx, actor, e.name, code, "CHANGE_REQUESTED", before, after, "change " + change.getLong("id"))
                                    .map(v -> new Outcome(202, change));
                        });
            }
            return write(tx, e, after, version).compose(saved ->
                    audit.insert(tx, actor, e.name, code, "UPDATE", before, saved, null).map(v -> new Outcome(200, saved)));
        }));
    }

    /** DRAFT → SEALED, bumping the version so that an edit still carrying the draft's version is stale (409). */
    public Future<JsonObject> seal(Entity e, String code, String actor) {
        return pool.withTransaction(tx -> read(tx, e, code, true).compose(o -> {
            Row row = o.orElseThrow(() -> new ApiException(404, ApiException.notFoundMessage(e.name + " " + code)));
            if (e.sealed(row)) throw new ApiException(409, "已封存 / already sealed: " + e.name + " " + code);
            JsonObject before = e.body(row);
            return tx.preparedQuery("UPDATE " + e.table + " SET " + e.statusColumn + "='SEALED', version=version+1, updated_at=now() "
                            + "WHERE code=$1 AND version=$2").execute(Tuple.of(code, row.getInteger("version")))
                    .compose(r -> read(tx, e, code, false)).map(r -> e.body(r.orElseThrow()))
                    .compose(after -> audit.insert(tx, actor, e.name, code, "SEAL", before, after, null).map(v -> after));
        }));
    }

    /**
     * Deletes a client entered by mistake: only a draft with no contract and no contact record, so that nothing the
     * department has agreed or recorded with a client is ever lost by a delete. A sealed record is kept for good
     * (409); a client that ended is marked by its stage (TERMINATED) instead. The audit row keeps the record as it was.
     */
    public Future<Void> deleteDraftClient(String code, String actor) {
        Entity e = Entity.CLIENT;
        return pool.withTransaction(tx -> read(tx, e, code, true).compose(o -> {
            Row row = o.orElseThrow(() -> new ApiException(404, ApiException.notFoundMessage("client " + code)));
            if (e.sealed(row)) throw new ApiException(409,
                    "已封存的档案不能删除，客户终止请将阶段改为 TERMINATED / a sealed record is kept; set its stage to TERMINATED instead");
            return tx.preparedQuery("SELECT (SELECT count(*) FROM contract WHERE client_code=$1) AS contracts, "
                    + "(SELECT count(*) FROM client_contact WHERE client_code=$1) AS contacts").execute(Tuple.of(code)).compose(rows -> {
                Row n = rows.iterator().next();
                if (n.getLong("contracts") > 0) throw new ApiException(409, "客户仍有合同，不能删除 / the client has contracts",
                        List.of(new ApiException.FieldError("code", n.getLong("contracts") + " 份合同 / contracts")));
                if (n.getLong("contacts") > 0) throw new ApiException(409, "客户已有联系记录，不能删除 / the client has contact records",
                        List.of(new ApiException.FieldError("code", n.getLong("contacts") + " 条联系记录 / contact records")));
                JsonObject before = e.body(row);
                return tx.preparedQuery("DELETE FROM client WHERE code=$1").execute(Tuple.of(code))
                        .compose(r -> audit.insert(tx, actor, e.name, code, "DELETE", before, null, null));
            });
        }));
    }

    public Future<List<JsonObject>> changes(String status, String requestedBy) {
        return pool.preparedQuery("SELECT * FROM pending_change WHERE ($1::text IS NULL OR status=$1) "
                        + "AND ($2::text IS NULL OR requested_by=$2) ORDER BY id DESC LIMIT 1000")
                .execute(Tuple.of(status, requestedBy)).map(rows -> ReferenceStore.map(rows, RecordStore::change));
    }

    /**
     * Applies a pending change. The approver must not be its requester (403), it must still be pending (409), and
     * the record must still be at the version the change was made against (409): otherwise approving it would undo
     * whatever was approved in between without anyone seeing it.
     */
    public Future<JsonObject> approve(long id, String actor) {
        return pool.withTransaction(tx -> pending(tx, id).compose(change -> {
            if (actor.equals(change.getString("requestedBy"))) {
                throw new ApiException(403, "不能批准自己提出的修改 / you cannot approve your own change");
            }
            Entity e = Entity.of(change.getString("entity"));
            String code = change.getString("code");
            return read(tx, e, code, true).compose(o -> {
                Row row = o.orElseThrow(() -> new ApiException(404, ApiException.notFoundMessage(e.name + " " + code)));
                int version = row.getInteger("version");
                if (version != change.getInteger("baseVersion")) throw new ApiException(409,
                        "记录在申请后已被修改，请驳回后重新申请 / the record changed since this request; reject it and request again");
                JsonObject before = e.body(row);
                return write(tx, e, change.getJsonObject("after"), version)
                        .compose(saved -> decide(tx, id, "APPROVED", actor, null)
                                .compose(decided -> audit.insert(tx, actor, e.name, code, "CHANGE_APPROVED", before, saved, "change " + id)
                                        .map(v -> decided.put("record", saved))));
            });
        }));
    }

    public Future<JsonObject> reject(long id, String actor, String reason) {
        return pool.withTransaction(tx -> pending(tx, id).compose(change -> decide(tx, id, "REJECTED", actor, reason)
                .compose(decided -> audit.insert(tx, actor, change.getString("entity"), change.getString("code"), "CHANGE_REJECTED",
                        change.getJsonObject("before"), change.getJsonObject("after"), "change " + id + ": " + reason).map(v -> decided))));
    }

    // ---- helpers

    private static Future<Optional<Row>> read(SqlClient sql, Entity e, String code, boolean lock) {
        return sql.preparedQuery("SELECT * FROM " + e.table + " WHERE code=$1" + (lock ? " FOR UPDATE" : ""))
                .execute(Tuple.of(code)).map(ReferenceStore::first);
    }

    /** Writes {@code after} over the record at {@code version} and answers the stored body; 409 if it moved on. */
    private Future<JsonObject> write(SqlClient tx, Entity e, JsonObject after, int version) {
        String code = after.getString("code");
        Future<Boolean> ok = e == Entity.CLIENT ? reference.updateClient(tx, DomainJson.client(after, code), version)
                : reference.updateContract(tx, DomainJson.contract(after, code), version);
        return ok.compose(done -> {
            if (!done) throw stale(version);
            return read(tx, e, code, false).map(r -> e.body(r.orElseThrow()));
        });
    }

    /** The change, locked, if it is still pending: 404 when there is none, 409 when it was decided already. */
    private static Future<JsonObject> pending(SqlClient tx, long id) {
        return tx.preparedQuery("SELECT * FROM pending_change WHERE id=$1 FOR UPDATE").execute(Tuple.of(id)).map(rows -> {
            JsonObject change = ReferenceStore.first(rows).map(RecordStore::change)
                    .orElseThrow(() -> new ApiException(404, ApiException.notFoundMessage("change " + id)));
            if (!"PENDING".equals(change.getString("status"))) {
                throw new ApiException(409, "该修改已处理 / change already " + change.getString("status").toLowerCase());
            }
            return change;
        });
    }

    private static Future<JsonObject> decide(SqlClient tx, long id, String status, String actor, String reason) {
        return tx.preparedQuery("UPDATE pending_change SET status=$2, decided_by=$3, decided_at=now(), reason=$4 WHERE id=$1 RETURNING *")
                .execute(Tuple.of(id, status, actor, reason)).map(rows -> change(rows.iterator().next()));
    }

    private static ApiException stale(int current) {
        return new ApiException(409, "记录已被他人修改，请刷新后重试 / the record was changed meanwhile; reload and retry",
                List.of(new ApiException.FieldError("version", "当前版本 / current version is " + current)));
    }

    static JsonObject change(Row r) {
        return new JsonObject().put("id", r.getLong("id")).put("entity", r.getString("entity")).put("code", r.getString("code"))
                .put("requestedBy", r.getString("requested_by")).put("requestedAt", AlertJson.time(r.getOffsetDateTime("requested_at").toInstant()))
                .put("baseVersion", r.getInteger("base_version"))
                .put("before", r.getJsonObject("before")).put("after", r.getJsonObject("after")).put("status", r.getString("status"))
                .put("decidedBy", r.getString("decided_by"))
                .put("decidedAt", r.getOffsetDateTime("decided_at") == null ? null : AlertJson.time(r.getOffsetDateTime("decided_at").toInstant()))
                .put("reason", r.getString("reason"));
    }
}
