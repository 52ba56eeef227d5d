package com.mandatewatch.store;

import com.mandatewatch.json.AlertJson;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.util.List;

/**
 * The persistent e-mail outbox. Rows are claimed with SKIP LOCKED so that one sender, of however many
 * instances, owns each row; a claim left by a crashed sender is released after a timeout.
 */
public final class OutboxStore {
    private final Pool pool;

    public OutboxStore(Pool pool) {
        this.pool = pool;
    }

    /**
     * A claimed row with the alert event it announces. {@code deferUntil} is set when a mail about the same
     * fingerprint went to this recipient less than the minimum interval ago (C20): the row must wait until then.
     */
    public record Mail(long id, String recipient, int attempts, long seq, String kind, com.mandatewatch.alerts.Alert alert,
                       boolean reannounced, Instant deferUntil, com.mandatewatch.alerts.AlertState stateNow) {
        /** A row whose alert is still in the state its event left it in. */
        public Mail(long id, String recipient, int attempts, long seq, String kind, com.mandatewatch.alerts.Alert alert,
                    boolean reannounced, Instant deferUntil) {
            this(id, recipient, attempts, seq, kind, alert, reannounced, deferUntil, alert.state());
        }
    }

    /** A row as the outbox list shows it (GET /api/outbox). */
    public record Row(long id, long eventSeq, String kind, String fingerprint, String recipient, String status, int attempts,
                      Instant dueAt, Instant sentAt, String lastError) {
        public JsonObject toJson() {
            return new JsonObject().put("id", id).put("eventSeq", eventSeq).put("kind", kind).put("fingerprint", fingerprint)
                    .put("recipient", recipient).put("status", status).put("attempts", attempts)
                    .put("dueAt", AlertJson.time(dueAt)).put("sentAt", AlertJson.time(sentAt)).put("lastError", lastError);
        }
    }

    /**
     * Marks due rows whose alert matches a silence in force as SUPPRESSED (SPEC §5: recorded and shown, not
     * e-mailed). Runs before each claim, at send time, so a silence made after an event still mutes its mail.
     */
    public Future<Integer> suppressSilenced() {
        return pool.query("UPDATE outbox o SET status = 'SUPPRESSED', last_error = NULL FROM alert_event e, alert a "
                        + "WHERE o.status = 'PENDING' AND o.due_at <= now() AND e.seq = o.event_seq AND a.id = e.alert_id "
                        + "AND EXISTS (SELECT 1 FROM silence s WHERE " + SilenceStore.ACTIVE + " AND " + SilenceStore.MATCHES + ")")
                .execute().map(r -> r.rowCount());
    }

    /** Claims up to {@code max} due rows; each comes with when it may go out under the minimum interval. */
    public Future<List<Mail>> claimDue(int max, java.time.Duration minInterval) {
        String sql = "WITH due AS (SELECT id FROM outbox WHERE status = 'PENDING' AND due_at <= now() "
                + "ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED), "
                + "claimed AS (UPDATE outbox o SET status = 'SENDING', claimed_at = now(), attempts = o.attempts + 1 FROM due "
                + "WHERE o.id = due.id RETURNING o.id, o.recipient, o.attempts, o.event_seq, o.reannounced) "
                + "SELECT c.id, c.recipient, c.attempts, c.reannounced, e.seq, e.kind, e.payload, a.state AS state_now, "
                // flapping control holds back state changes within the interval, in wall time and in business time; never
                // a scheduled reminder (at most daily), nor a rise to CRITICAL the recipient was not told of yet
                + "CASE WHEN e.kind <> 'REMINDER' AND l.sent_at + make_interval(secs => $2) > now() "
                + "AND (l.event_at IS NULL OR e.at < l.event_at + make_interval(secs => $2)) "
                + "AND NOT (e.kind <> 'RESOLVED' AND e.payload->>'severity' = 'CRITICAL' AND coalesce(l.severity, '') <> 'CRITICAL') "
                + "THEN l.sent_at + make_interval(secs => $2) END AS defer_until "
                + "FROM claimed c JOIN alert_event e ON e.seq = c.event_seq JOIN alert a ON a.id = e.alert_id "
                + "LEFT JOIN notify_last_sent l ON l.fingerprint = a.fingerprint AND l.recipient = c.recipient ORDER BY c.id";
        return pool.preparedQuery(sql).execute(Tuple.of(max, minInterval.toMillis() / 1000.0)).map(rows -> ReferenceStore.map(rows, r ->
                new Mail(r.getLong("id"), r.getString("recipient"), r.getInteger("attempts"), r.getLong("seq"),
                        r.getString("kind"), AlertJson.fromJson((JsonObject) r.getValue("payload")), r.getBoolean("reannounced"),
                        instant(r.getOffsetDateTime("defer_until")),
                        com.mandatewatch.alerts.AlertState.valueOf(r.getString("state_now")))));
    }

    /** Why a reminder row was not mailed: it would have told an outdated state. */
    static final String SUPERSEDED = "提醒已过时：预警已解除，或有更新的通知 / reminder superseded";

    /**
     * Marks due reminder rows SUPPRESSED when their alert is resolved by now, or when a newer row about the same alert
     * waits for the same recipient. A reminder only repeats what is open; after an outage or before SMTP was configured,
     * a backlog of daily reminders would otherwise arrive as a flood telling states that no longer hold.
     */
    public Future<Integer> suppressSupersededReminders() {
        return pool.preparedQuery("WITH waiting AS (SELECT o.id, o.due_at, e.kind, e.seq, a.state, "
                        + "max(o.event_seq) OVER (PARTITION BY e.alert_id, o.recipient) AS newest "
                        + "FROM outbox o JOIN alert_event e ON e.seq = o.event_seq JOIN alert a ON a.id = e.alert_id "
                        + "WHERE o.status IN ('PENDING', 'SENDING')) "
                        + "UPDATE outbox o SET status = 'SUPPRESSED', last_error = $1 FROM waiting w "
                        + "WHERE o.id = w.id AND o.status = 'PENDING' AND w.kind = 'REMINDER' AND w.due_at <= now() "
                        + "AND (w.state = 'RESOLVED' OR w.seq < w.newest)")
                .execute(Tuple.of(SUPERSEDED)).map(r -> r.rowCount());
    }

    /** Why a held-back row was not mailed: the recipient has been told of a later state since. */
    static final String TOLD_LATER = "已过时：收件人已收到该预警之后的通知 / outdated: a later state was mailed since";

    /**
     * Marks due rows SUPPRESSED when this recipient has been mailed a later event of the same fingerprint since (C20,
     * C21). A resolution held back by the minimum interval while the condition came back as CRITICAL (which is mailed
     * at once) would otherwise arrive last and say "已解除" about a breach that is open.
     */
    public Future<Integer> suppressToldLater() {
        return pool.preparedQuery("UPDATE outbox o SET status = 'SUPPRESSED', last_error = $1 FROM alert_event e, alert a, notify_last_sent l "
                        + "WHERE o.status = 'PENDING' AND o.due_at <= now() AND e.seq = o.event_seq AND a.id = e.alert_id "
                        + "AND l.fingerprint = a.fingerprint AND l.recipient = o.recipient AND l.event_at > e.at")
                .execute(Tuple.of(TOLD_LATER)).map(r -> r.rowCount());
    }

    /** Puts a claimed row back, due later, without counting an attempt: nothing was tried (C20). */
    public Future<Void> defer(long id, Instant dueAt) {
        return pool.preparedQuery("UPDATE outbox SET status = 'PENDING', due_at = $2, attempts = greatest(attempts - 1, 0) WHERE id = $1")
                .execute(Tuple.of(id, AlertStore.utc(dueAt))).mapEmpty();
    }

    /** Rows with this status (all when null), newest first. */
    public Future<List<Row>> list(String status, int limit, int offset) {
        return pool.preparedQuery("SELECT o.*, e.kind, a.fingerprint FROM outbox o JOIN alert_event e ON e.seq = o.event_seq "
                        + "JOIN alert a ON a.id = e.alert_id WHERE ($1::text IS NULL OR o.status = $1) ORDER BY o.id DESC LIMIT $2 OFFSET $3")
                .execute(Tuple.of(status, limit, offset)).map(rows -> ReferenceStore.map(rows, r -> new Row(r.getLong("id"),
                        r.getLong("event_seq"), r.getString("kind"), r.getString("fingerprint"), r.getString("recipient"),
                        r.getString("status"), r.getInteger("attempts"), instant(r.getOffsetDateTime("due_at")),
                        instant(r.getOffsetDateTime("sent_at")), r.getString("last_error"))));
    }

    public Future<Long> count(String status) {
        return pool.preparedQuery("SELECT count(*) AS n FROM outbox WHERE ($1::text IS NULL OR status = $1)")
                .execute(Tuple.of(status)).map(rows -> rows.iterator().next().getLong("n"));
    }

    /** Claims older than this were left by a sender that died mid-send: they go back to the queue. */
    public Future<Integer> releaseStale(int seconds) {
        return pool.preparedQuery("UPDATE outbox SET status = 'PENDING' WHERE status = 'SENDING' "
                        + "AND claimed_at < now() - make_interval(secs => $1)").execute(Tuple.of(seconds))
                .map(r -> r.rowCount());
    }

    /** What a mail told a recipient about one fingerprint: the most severe state it named, and the event's business time. */
    public record Told(String fingerprint, String severity, Instant eventAt) {
    }

    /** The rows went out in one message: they are SENT, and the clock of the minimum interval restarts for each fingerprint. */
    public Future<Void> sent(List<Long> ids, String recipient, List<Told> told) {
        return pool.withTransaction(conn -> conn.preparedQuery("UPDATE outbox SET status = 'SENT', sent_at = now(), last_error = NULL "
                        + "WHERE id = ANY($1)").execute(Tuple.of(ids.toArray(new Long[0])))
                .compose(v -> conn.preparedQuery("INSERT INTO notify_last_sent (fingerprint, recipient, sent_at, severity, event_at) "
                                + "SELECT f, $2, now(), s, t FROM unnest($1::text[], $3::text[], $4::timestamptz[]) AS x(f, s, t) "
                                + "ON CONFLICT (fingerprint, recipient) DO UPDATE SET sent_at = EXCLUDED.sent_at, "
                                + "severity = EXCLUDED.severity, event_at = EXCLUDED.event_at")
                        .execute(Tuple.of(told.stream().map(Told::fingerprint).toArray(String[]::new), recipient,
                                told.stream().map(Told::severity).toArray(String[]::new),
                                told.stream().map(x -> x.eventAt() == null ? null : AlertStore.utc(x.eventAt())).toArray(java.time.OffsetDateTime[]::new)))))
                .mapEmpty();
    }

    public Future<Void> retryLater(List<Long> ids, Instant dueAt, String error) {
        return pool.preparedQuery("UPDATE outbox SET status = 'PENDING', due_at = $2, last_error = $3 WHERE id = ANY($1)")
                .execute(Tuple.of(ids.toArray(new Long[0]), AlertStore.utc(dueAt), error)).mapEmpty();
    }

    public Future<Void> failed(List<Long> ids, String error) {
        return pool.preparedQuery("UPDATE outbox SET status = 'FAILED', last_error = $2 WHERE id = ANY($1)")
                .execute(Tuple.of(ids.toArray(new Long[0]), error)).mapEmpty();
    }

    /** Counts per status, for the dashboard and the outbox gauge. */
    public Future<JsonObject> counts() {
        return pool.query("SELECT status, count(*) AS n FROM outbox GROUP BY status").execute().map(rows -> {
            JsonObject out = new JsonObject().put("PENDING", 0).put("SENDING", 0).put("SENT", 0).put("FAILED", 0).put("SUPPRESSED", 0);
            rows.forEach(r -> out.put(r.getString("status"), r.getLong("n")));
            return out;
        });
    }

    private static Instant instant(java.time.OffsetDateTime t) { return t == null ? null : t.toInstant(); }
}
