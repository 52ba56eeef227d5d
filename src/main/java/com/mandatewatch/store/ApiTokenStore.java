package com.mandatewatch.store;

import com.mandatewatch.json.AlertJson;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.List;
import java.util.Optional;

/** API tokens of feed producers, by SHA-256 hash only (table api_token, V6). */
public final class ApiTokenStore {
    private final Pool pool;

    public ApiTokenStore(Pool pool) {
        this.pool = pool;
    }

    public Future<JsonObject> insert(String username, String tokenHash, String createdBy) {
        return pool.preparedQuery("INSERT INTO api_token (username, token_hash, created_by) VALUES ($1,$2,$3) RETURNING *")
                .execute(Tuple.of(username, tokenHash, createdBy)).map(rows -> json(rows.iterator().next()));
    }

    public Future<List<JsonObject>> list(String username) {
        return pool.preparedQuery("SELECT * FROM api_token WHERE username = $1 ORDER BY id").execute(Tuple.of(username))
                .map(rows -> ReferenceStore.map(rows, ApiTokenStore::json));
    }

    /** Revokes a token of this user; false when there is no such unrevoked token. */
    public Future<Boolean> revoke(String username, long id) {
        return pool.preparedQuery("UPDATE api_token SET revoked_at = now() WHERE id = $1 AND username = $2 AND revoked_at IS NULL")
                .execute(Tuple.of(id, username)).map(r -> r.rowCount() == 1);
    }

    /** The username an unrevoked token hash belongs to, while that user is active and still a FEED producer. */
    public Future<Optional<String>> feedUser(String tokenHash) {
        return pool.preparedQuery("SELECT u.username FROM api_token t JOIN app_user u ON u.username = t.username "
                        + "WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND u.active AND u.role = 'FEED'")
                .execute(Tuple.of(tokenHash)).map(rows -> ReferenceStore.first(rows).map(r -> r.getString("username")));
    }

    private static JsonObject json(Row r) {
        return new JsonObject().put("id", r.getLong("id")).put("username", r.getString("username"))
                .put("createdBy", r.getString("created_by")).put("createdAt", AlertJson.time(r.getOffsetDateTime("created_at").toInstant()))
                .put("revokedAt", r.getOffsetDateTime("revoked_at") == null ? null : AlertJson.time(r.getOffsetDateTime("revoked_at").toInstant()));
    }
}
