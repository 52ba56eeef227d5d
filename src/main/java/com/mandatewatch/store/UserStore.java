package com.mandatewatch.store;

import com.mandatewatch.auth.Role;
import com.mandatewatch.auth.User;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.List;
import java.util.Optional;

/** Users and their password hashes, plus the small key-value settings table (token key, replay cursor). */
public final class UserStore {
    private final Pool pool;

    public UserStore(Pool pool) {
        this.pool = pool;
    }

    public record Credentials(User user, String passwordHash) {
    }

    public Future<List<User>> all() {
        return pool.query("SELECT * FROM app_user ORDER BY username").execute().map(rows -> ReferenceStore.map(rows, UserStore::user));
    }

    public Future<Optional<User>> find(String username) {
        return credentials(username).map(c -> c.map(Credentials::user));
    }

    public Future<Optional<Credentials>> credentials(String username) {
        return pool.preparedQuery("SELECT * FROM app_user WHERE username = $1").execute(Tuple.of(username))
                .map(rows -> ReferenceStore.first(rows).map(r -> new Credentials(user(r), r.getString("password_hash"))));
    }

    /** Inserts a user; false when the username is taken. */
    public Future<Boolean> insert(User u, String passwordHash) {
        return pool.preparedQuery("INSERT INTO app_user (username, name, role, email, password_hash, active) "
                        + "VALUES ($1,$2,$3,$4,$5,$6) ON CONFLICT (username) DO NOTHING")
                .execute(Tuple.of(u.username(), u.name(), u.role().name(), u.email(), passwordHash, u.active()))
                .map(r -> r.rowCount() == 1);
    }

    public Future<Boolean> update(User u, String passwordHashOrNull) {
        return pool.preparedQuery("UPDATE app_user SET name=$2, role=$3, email=$4, active=$5, "
                        + "password_hash=coalesce($6, password_hash), updated_at=now() WHERE username=$1")
                .execute(Tuple.of(u.username(), u.name(), u.role().name(), u.email(), u.active(), passwordHashOrNull))
                .map(r -> r.rowCount() == 1);
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
