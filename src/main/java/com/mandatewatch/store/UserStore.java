package com.mandatewatch.store;

import com.mandatewatch.auth.Role;
import com.mandatewatch.auth.User;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.List;
import java.util.Optional;

/** Users and their password hashes, plus the small key-value settings table (token key, replay cursor). */
public final class UserStore {
    private final Pool pool;

    public UserStore(Pool pool) {
        this.pool = pool;
    }

    /** {@code sessionEpoch} counts deactivations and changes of role: a token issued before the last one is void. */
    public record Credentials(User user, String passwordHash, int sessionEpoch) {
        /** What a token's stamp is made of: a new password or a new epoch voids the tokens issued before. */
        public String tokenSecret() {
            // epoch 0 leaves the stamps of tokens issued before the epoch existed as they were
            return sessionEpoch == 0 ? passwordHash : passwordHash + "#" + sessionEpoch;
        }
    }

    public Future<List<User>> all() {
        return pool.query("SELECT * FROM app_user ORDER BY username").execute().map(rows -> ReferenceStore.map(rows, UserStore::user));
    }

    public Future<Optional<User>> find(String username) {
        return credentials(username).map(c -> c.map(Credentials::user));
    }

    public Future<Optional<Credentials>> credentials(String username) {
        return pool.preparedQuery("SELECT * FROM app_user WHERE username = $1").execute(Tuple.of(username))
                .map(rows -> ReferenceStore.first(rows).map(r -> new Credentials(user(r), r.getString("password_hash"), r.getInteger("session_epoch"))));
    }

    /**
     * Inserts a user; false when the username is taken, in any letter case: sign-in back-off counts "CM1" and "cm1"
     * as one name, and two people apart only by case would be told apart by nobody.
     */
    public Future<Boolean> insert(User u, String passwordHash, String actor) {
        return pool.withTransaction(tx -> tx.preparedQuery("INSERT INTO app_user (username, name, role, email, password_hash, active) "
                        + "SELECT $1,$2,$3,$4,$5,$6 WHERE NOT EXISTS (SELECT 1 FROM app_user WHERE lower(username) = lower($1)) "
                        + "ON CONFLICT (username) DO NOTHING")
                .execute(Tuple.of(u.username(), u.name(), u.role().name(), u.email(), passwordHash, u.active()))
                .compose(r -> r.rowCount() != 1 ? Future.succeededFuture(false)
                        : AuditStore.write(tx, actor, "user", u.username(), "CREATE", null, audited(u, false), null).map(v -> true)));
    }

    /** A deactivation or a change of role: the sessions and the feed API tokens issued before it end for good. */
    private static boolean endsSessions(User before, User after) {
        return before.role() != after.role() || before.active() && !after.active();
    }

    /** A user as the audit log keeps it: who may do what, and whether the password changed (never the hash). */
    private static JsonObject audited(User u, boolean passwordChanged) {
        JsonObject j = new JsonObject().put("username", u.username()).put("name", u.name()).put("role", u.role().name())
                .put("email", u.email()).put("active", u.active());
        return passwordChanged ? j.put("passwordChanged", true) : j;
    }

    /** What an update did: the user is missing, the change would leave no active administrator, or it is saved. */
    public enum UpdateOutcome { NOT_FOUND, LAST_ADMIN, UPDATED }

    /**
     * Saves a user unless that leaves nobody active with the ADMIN role: no one could then manage users or API tokens,
     * and a restart does not bring the administrator back. The administrators' rows are locked so that two admins
     * demoting each other at once cannot both pass.
     */
    public Future<UpdateOutcome> update(User u, String passwordHashOrNull, String actor) {
        return pool.withTransaction(tx -> tx.preparedQuery("SELECT username FROM app_user WHERE role = 'ADMIN' AND active FOR UPDATE")
                .execute().compose(admins -> {
                    boolean staysAdmin = u.role() == Role.ADMIN && u.active();
                    boolean otherAdmin = false;
                    for (Row r : admins) otherAdmin |= !r.getString("username").equals(u.username());
                    boolean lastAdmin = !staysAdmin && !otherAdmin && admins.size() > 0;
                    return tx.preparedQuery("SELECT * FROM app_user WHERE username = $1 FOR UPDATE").execute(Tuple.of(u.username()))
                            .compose(rows -> rows.size() == 0 ? Future.succeededFuture(UpdateOutcome.NOT_FOUND)
                                    : lastAdmin ? Future.succeededFuture(UpdateOutcome.LAST_ADMIN)
                                    : save(tx, user(rows.iterator().next()), u, passwordHashOrNull, actor).map(UpdateOutcome.UPDATED));
                }));
    }

    /** The update itself, in the caller's transaction: the row, the revoked tokens and the audit entry together. */
    private static Future<Void> save(SqlClient tx, User before, User after, String passwordHashOrNull, String actor) {
        boolean endsSessions = endsSessions(before, after);
        Future<Void> saved = tx.preparedQuery("UPDATE app_user SET name=$2, role=$3, email=$4, active=$5, "
                        + "password_hash=coalesce($6, password_hash), session_epoch=session_epoch+$7, updated_at=now() WHERE username=$1")
                .execute(Tuple.of(after.username(), after.name(), after.role().name(), after.email(), after.active(), passwordHashOrNull)
                        .addInteger(endsSessions ? 1 : 0)).mapEmpty();
        if (endsSessions) {
            // a feed producer's API tokens do not come back with a reactivation or the old role: they are revoked
            saved = saved.compose(v -> tx.preparedQuery("UPDATE api_token SET revoked_at = now() WHERE username = $1 AND revoked_at IS NULL")
                    .execute(Tuple.of(after.username())).mapEmpty());
        }
        JsonObject was = audited(before, false);
        JsonObject is = audited(after, passwordHashOrNull != null);
        // a save that changes nothing is no event in the log
        return was.equals(is) ? saved : saved.compose(v -> AuditStore.write(tx, actor, "user", after.username(), "UPDATE", was, is, null));
    }

    public Future<Optional<String>> setting(String key) {
        return pool.preparedQuery("SELECT value FROM app_setting WHERE key = $1").execute(Tuple.of(key))
                .map(rows -> ReferenceStore.first(rows).map(r -> r.getString("value")));
    }

    /** Stores the value unless the key exists; answers the value that is stored now (first writer wins). */
    public Future<String> settingIfAbsent(String key, String value) {
        return pool.preparedQuery("INSERT INTO app_setting (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING")
                .execute(Tuple.of(key, value)).compose(r -> setting(key)).map(o -> o.orElse(value));
    }

    public Future<Void> putSetting(String key, String value) {
        return pool.preparedQuery("INSERT INTO app_setting (key, value) VALUES ($1, $2) "
                + "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value").execute(Tuple.of(key, value)).mapEmpty();
    }

    private static User user(Row r) {
        return new User(r.getString("username"), r.getString("name"), Role.valueOf(r.getString("role")),
                r.getString("email"), r.getBoolean("active"));
    }
}
