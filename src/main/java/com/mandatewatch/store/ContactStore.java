package com.mandatewatch.store;

import com.mandatewatch.json.AlertJson;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** Contact records per client (table client_contact, V7): first contact and follow-ups, oldest first. */
public final class ContactStore {
    private final Pool pool;

    public ContactStore(Pool pool) {
        this.pool = pool;
    }

    public Future<List<JsonObject>> list(String clientCode) {
        return pool.preparedQuery("SELECT id, kind, body, created_by, created_at FROM client_contact WHERE client_code = $1 "
                + "ORDER BY contact_time, id").execute(Tuple.of(clientCode)).map(rows -> {
            List<JsonObject> out = new ArrayList<>();
            for (Row r : rows) out.add(json(r, clientCode));
            return out;
        });
    }

    /** Stores one record; false when it is a second first contact for the client. */
    public Future<java.util.Optional<JsonObject>> insert(String clientCode, String kind, OffsetDateTime time, JsonObject body, String by) {
        return pool.preparedQuery("INSERT INTO client_contact (client_code, kind, contact_time, body, created_by) "
                        + "VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING id, kind, body, created_by, created_at")
                .execute(Tuple.of(clientCode, kind, time, body, by))
                .map(rows -> rows.size() == 0 ? java.util.Optional.empty() : java.util.Optional.of(json(rows.iterator().next(), clientCode)));
    }

    private static JsonObject json(Row r, String clientCode) {
        Object b = r.getValue("body");
        JsonObject body = b instanceof JsonObject o ? o.copy() : new JsonObject(String.valueOf(b));
        return new JsonObject().put("id", r.getLong("id")).put("clientCode", clientCode).put("kind", r.getString("kind"))
                .mergeIn(body).put("createdBy", r.getString("created_by"))
                .put("createdAt", AlertJson.time(r.getOffsetDateTime("created_at").toInstant()));
    }
}
