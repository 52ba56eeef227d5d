package com.mandatewatch.store;

import com.mandatewatch.json.AlertJson;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * Silences (SPEC §5) and what their end does to the outbox. Whether a silence is active is always decided
 * by the database clock against the stored until/expired times, never by a copy in memory: an expired
 * silence cannot come back after a restart or from a second instance (Alertmanager #3457).
 */
public final class SilenceStore {
    /** SQL condition: silence {@code s} matches alert {@code a}; an absent matcher matches anything. */
    static final String MATCHES = "(s.rule IS NULL OR s.rule = a.rule) AND (s.account IS NULL OR s.account = a.account) "
            + "AND (s.subject IS NULL OR s.subject = a.subject)";
    /** SQL condition: silence {@code s} is in force now. */
    static final String ACTIVE = "s.expired_at IS NULL AND s.until_at > now()";

    private final Pool pool;

    public SilenceStore(Pool pool) {
        this.pool = pool;
    }

    public record Silence(long id, String rule, String account, String subject, Instant until, String reason,
                          String createdBy, Instant createdAt, Instant expiredAt, String expiredBy, boolean active) {
        public JsonObject toJson() {
            JsonObject matchers = new JsonObject();
            if (rule != null) matchers.put("rule", rule);
            if (account != null) matchers.put("account", account);
            if (subject != null) matchers.put("subject", subject);
            return new JsonObject().put("id", id).put("matchers", matchers).put("until", AlertJson.time(until))
                    .put("reason", reason).put("createdBy", createdBy).put("createdAt", AlertJson.time(createdAt))
                    .put("expiredAt", AlertJson.time(expiredAt)).put("expiredBy", expiredBy).put("active", active);
        }
    }

    public Future<Silence> create(String rule, String account, String subject, Instant until, String reason, String by) {
        return pool.preparedQuery("INSERT INTO silence (rule, account, subject, until_at, reason, created_by) "
                        + "VALUES ($1,$2,$3,$4,$5,$6) RETURNING id")
                .execute(Tuple.of(rule, account, subject, AlertStore.utc(until), reason, by))
                .compose(rows -> byId(rows.iterator().next().getLong("id"))).map(Optional::orElseThrow);
    }

    /** Newest first; {@code activeOnly} leaves out the ended ones. */
    public Future<List<Silence>> list(boolean activeOnly) {
        return pool.query(SELECT + (activeOnly ? " WHERE " + ACTIVE : "") + " ORDER BY s.id DESC").execute()
                .map(rows -> ReferenceStore.map(rows, SilenceStore::silence));
    }

    public Future<Optional<Silence>> byId(long id) {
        return pool.preparedQuery(SELECT + " WHERE s.id = $1").execute(Tuple.of(id))
                .map(rows -> ReferenceStore.first(rows).map(SilenceStore::silence));
    }

    /** Ends a silence now; one already ended keeps its first end (answers empty then). */
    public Future<Optional<Silence>> expire(long id, String by) {
        return pool.preparedQuery("UPDATE silence s SET expired_at = now(), expired_by = $2 WHERE id = $1 AND " + ACTIVE
                        + " RETURNING id").execute(Tuple.of(id, by))
                .compose(rows -> rows.size() == 0 ? Future.succeededFuture(Optional.<Silence>empty()) : byId(id));
    }

    /**
     * Releases every silence that has ended and was not released yet, and puts back in the queue, due now,
     * one mail per (alert, recipient) for each alert it muted that is still open: its newest row, when that row
     * is SUPPRESSED (a newer row, sent or still waiting, already tells the recipient the alert's state).
     * Claiming the silence and re-queueing happen in one transaction, so of two instances exactly one
     * re-announces. Answers the released silences.
     */
    public Future<List<Long>> releaseEnded() {
        return pool.withTransaction(conn -> conn.query("UPDATE silence s SET released_at = now() WHERE released_at IS NULL "
                        + "AND NOT (" + ACTIVE + ") AND id IN (SELECT id FROM silence WHERE released_at IS NULL "
                        + "FOR UPDATE SKIP LOCKED) RETURNING id").execute()
                .compose(rows -> {
                    List<Long> ids = ReferenceStore.map(rows, r -> r.getLong("id"));
                    if (ids.isEmpty()) return Future.succeededFuture(ids);
                    String requeue = "UPDATE outbox SET status = 'PENDING', due_at = now(), reannounced = TRUE, attempts = 0 "
                            + "WHERE id IN (SELECT DISTINCT ON (e.alert_id, o.recipient) o.id FROM outbox o "
                            + "JOIN alert_event e ON e.seq = o.event_seq JOIN alert a ON a.id = e.alert_id "
                            + "JOIN silence s ON s.id = ANY($1) AND " + MATCHES + " "
                            + "WHERE a.state IN ('FIRING','ACKNOWLEDGED') "
                            + "ORDER BY e.alert_id, o.recipient, o.id DESC) AND status = 'SUPPRESSED'";
                    return conn.preparedQuery(requeue).execute(Tuple.of(ids.toArray(new Long[0]))).map(x -> ids);
                }));
    }

    private static final String SELECT = "SELECT s.*, (" + ACTIVE + ") AS active FROM silence s";

    private static Silence silence(Row r) {
        return new Silence(r.getLong("id"), r.getString("rule"), r.getString("account"), r.getString("subject"),
                instant(r.getOffsetDateTime("until_at")), r.getString("reason"), r.getString("created_by"),
                instant(r.getOffsetDateTime("created_at")), instant(r.getOffsetDateTime("expired_at")),
                r.getString("expired_by"), r.getBoolean("active"));
    }

    private static Instant instant(OffsetDateTime t) { return t == null ? null : t.toInstant(); }
}
