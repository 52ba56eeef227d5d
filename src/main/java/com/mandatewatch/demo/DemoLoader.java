package com.mandatewatch.demo;

import com.mandatewatch.auth.Passwords;
import com.mandatewatch.auth.Role;
import com.mandatewatch.auth.User;
import com.mandatewatch.store.ReferenceStore;
import com.mandatewatch.store.UserStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;

import java.util.logging.Logger;

/**
 * Loads the demo data set's people, clients, contracts and securities into an empty database, in one
 * transaction; the opening positions and prices then go through the feed like any other data.
 */
public final class DemoLoader {
    private static final Logger LOG = Logger.getLogger(DemoLoader.class.getName());
    /** Demo people sign in with this password; it exists only in demo mode (README). */
    public static final String DEMO_PASSWORD = "Demo-2026!";
    public static final String LOADED = "demo.loaded";

    private DemoLoader() {
    }

    /** True when the data set was loaded now; false when the database had clients already. */
    public static Future<Boolean> loadIfEmpty(Vertx vertx, Pool pool, UserStore users, ReferenceStore reference, DemoData data) {
        return pool.query("SELECT count(*) AS n FROM client").execute().map(r -> r.iterator().next().getLong("n"))
                .compose(n -> n > 0 ? Future.succeededFuture(false)
                        : vertx.executeBlocking(() -> Passwords.hash(DEMO_PASSWORD)).compose(hash -> load(pool, users, reference, data, hash)));
    }

    private static Future<Boolean> load(Pool pool, UserStore users, ReferenceStore reference, DemoData data, String hash) {
        Future<Void> people = Future.succeededFuture();
        for (DemoUser u : data.users()) {
            people = people.compose(v -> users.insert(new User(u.username(), u.name(), Role.valueOf(u.role()), u.email(), true), hash, "demo").mapEmpty());
        }
        return people.compose(v -> pool.withTransaction(tx -> {
            Future<?> chain = reference.upsertSecurities(tx, data.securities(), data.replayStart().atStartOfDay(java.time.ZoneOffset.ofHours(8)).toOffsetDateTime());
            for (var c : data.clients()) chain = chain.compose(x -> reference.insertClient(tx, c));
            for (var k : data.contracts()) chain = chain.compose(x -> reference.insertContract(tx, k));
            return chain.compose(x -> tx.preparedQuery("INSERT INTO app_setting (key, value) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                    .execute(io.vertx.sqlclient.Tuple.of(LOADED, data.replayStart().toString())));
        })).map(x -> {
            LOG.info("demo data set loaded: " + data.clients().size() + " clients, " + data.contracts().size() + " contracts, "
                    + data.users().size() + " people (password " + DEMO_PASSWORD + ")");
            return true;
        });
    }
}
