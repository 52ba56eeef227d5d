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

    /** A claimed row with the alert event it announces. */
    public record Mail(long id, String recipient, int attempts, long seq, String kind, com.mandatewatch.alerts.Alert alert) {
    }

    public Future<List<Mail>> claimDue(int max) {
        String sql = "WITH due AS (SELECT id FROM outbox WHERE status = 'PENDING' AND due_at <= now() "
                + "ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED) "
                + "UPDATE outbox o SET status = 'SENDING', claimed_at = now(), attempts = o.attempts + 1 FROM due, alert_event e "
                + "WHERE o.id = due.id AND e.seq = o.event_seq "
                + "RETURNING o.id, o.recipient, o.attempts, e.seq, e.kind, e.payload";
        return pool.preparedQuery(sql).execute(Tuple.of(max)).map(rows -> ReferenceStore.map(rows, r ->
                new Mail(r.getLong("id"), r.getString("recipient"), r.getInteger("attempts"), r.getLong("seq"),
                        r.getString("kind"), AlertJson.fromJson((JsonObject) r.getValue("payload")))));
    }

    /** Claims older than this were left by a sender that died mid-send: they go back to the queue. */
    public Future<Integer> releaseStale(int seconds) {
        return pool.preparedQuery("UPDATE outbox SET status = 'PENDING' WHERE status = 'SENDING' "
                        + "AND claimed_at < now() - make_interval(secs => $1)").execute(Tuple.of(seconds))
                .map(r -> r.rowCount());
    }

    public Future<Void> sent(List<Long> ids) {
        return pool.preparedQuery("UPDATE outbox SET status = 'SENT', sent_at = now(), last_error = NULL WHERE id = ANY($1)")
                .execute(Tuple.of(ids.toArray(new Long[0]))).mapEmpty();
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
            JsonObject out = new JsonObject().put("PENDING", 0).put("SENDING", 0).put("SENT", 0).put("FAILED", 0);
            rows.forEach(r -> out.put(r.getString("status"), r.getLong("n")));
            return out;
        });
    }
}
