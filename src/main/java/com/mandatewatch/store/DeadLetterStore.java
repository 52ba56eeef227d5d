package com.mandatewatch.store;

import com.mandatewatch.json.AlertJson;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.util.List;

/** Reads the rejected feed lines (dead letters) that the feed routes keep in feed_rejected, newest first. */
public final class DeadLetterStore {
    private final Pool pool;

    public DeadLetterStore(Pool pool) {
        this.pool = pool;
    }

    public record Rejected(long id, String source, Integer line, String reason, String payload, Instant receivedAt) {
        public JsonObject toJson() {
            return new JsonObject().put("id", id).put("source", source).put("line", line).put("reason", reason)
                    .put("payload", payload).put("receivedAt", AlertJson.time(receivedAt));
        }
    }

    public Future<List<Rejected>> page(int limit, int offset) {
        return pool.preparedQuery("SELECT * FROM feed_rejected ORDER BY id DESC LIMIT $1 OFFSET $2").execute(Tuple.of(limit, offset))
                .map(rows -> ReferenceStore.map(rows, r -> new Rejected(r.getLong("id"), r.getString("source"),
                        r.getInteger("line"), r.getString("reason"), r.getString("payload"),
                        r.getOffsetDateTime("received_at").toInstant())));
    }

    public Future<Long> count() {
        return pool.query("SELECT count(*) AS n FROM feed_rejected").execute().map(rows -> rows.iterator().next().getLong("n"));
    }
}
