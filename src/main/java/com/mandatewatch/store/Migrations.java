package com.mandatewatch.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.logging.Logger;

/**
 * Applies the versioned schema scripts under db/migration in order, each once, under an advisory lock so
 * that two instances starting together do not race.
 */
public final class Migrations {
    private static final Logger LOG = Logger.getLogger(Migrations.class.getName());
    /** Listed here rather than scanned: a jar cannot list its own resources portably. */
    static final List<String> SCRIPTS = List.of("V1__schema.sql", "V2__disclosure.sql", "V3__silence.sql");
    private static final long LOCK_KEY = 0x4d57_4d49_4752L;

    private Migrations() {
    }

    public static Future<Integer> apply(Pool pool) {
        return pool.getConnection().compose(conn -> conn.query("SELECT pg_advisory_lock(" + LOCK_KEY + ")").execute()
                .compose(v -> conn.query("CREATE TABLE IF NOT EXISTS schema_version (version INT PRIMARY KEY, "
                        + "script TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())").execute())
                .compose(v -> conn.query("SELECT coalesce(max(version), 0) AS v FROM schema_version").execute())
                .compose(rows -> applyFrom(conn, rows.iterator().next().getInteger("v")))
                .eventually(() -> conn.query("SELECT pg_advisory_unlock(" + LOCK_KEY + ")").execute()
                        .eventually(conn::close)));
    }

    private static Future<Integer> applyFrom(SqlConnection conn, int current) {
        Future<Integer> chain = Future.succeededFuture(current);
        for (int i = current; i < SCRIPTS.size(); i++) {
            int version = i + 1;
            String script = SCRIPTS.get(i);
            chain = chain.compose(v -> conn.begin().compose(tx -> conn.query(read(script)).execute()
                    .compose(r -> conn.preparedQuery("INSERT INTO schema_version (version, script) VALUES ($1, $2)")
                            .execute(Tuple.of(version, script)))
                    .compose(r -> tx.commit())
                    .onFailure(e -> tx.rollback())
                    .map(x -> {
                        LOG.info("applied migration " + script);
                        return version;
                    })));
        }
        return chain;
    }

    private static String read(String script) {
        try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream("db/migration/" + script)) {
            if (in == null) throw new IllegalStateException("migration script missing: " + script);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
