package com.mandatewatch.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.logging.Logger;

/**
 * Applies the versioned schema scripts under db/migration in order, each once, under an advisory lock so
 * that two instances starting together do not race. A script's version is the number in its name (V4__x.sql is 4),
 * not its place in the list: branches that add scripts in parallel merge without renumbering what a database
 * already recorded, and a script missing from a database is applied even when a higher one already was.
 */
public final class Migrations {
    private static final Logger LOG = Logger.getLogger(Migrations.class.getName());
    /** Listed here rather than scanned: a jar cannot list its own resources portably. */
    static final List<String> SCRIPTS = List.of("V1__schema.sql", "V2__disclosure.sql", "V3__silence.sql", "V4__reminders.sql",
            "V5__records.sql", "V6__api_tokens.sql", "V7__contacts.sql", "V8__assessment.sql", "V9__cluster.sql", "V10__exact_alert_values.sql",
            "V11__alert_event_seq_index.sql", "V12__notify_last_sent_severity.sql", "V13__user_session_epoch.sql");
    private static final Pattern NAME = Pattern.compile("V(\\d+)__.+\\.sql");
    private static final long LOCK_KEY = 0x4d57_4d49_4752L;

    private Migrations() {
    }

    public static Future<Integer> apply(Pool pool) {
        return pool.getConnection().compose(conn -> conn.query("SELECT pg_advisory_lock(" + LOCK_KEY + ")").execute()
                // asking first avoids the server's "already exists" notice on every start
                .compose(v -> conn.query("SELECT to_regclass('schema_version') IS NOT NULL AS present").execute())
                .compose(rows -> rows.iterator().next().getBoolean("present") ? Future.succeededFuture()
                        : conn.query("CREATE TABLE schema_version (version INT PRIMARY KEY, "
                        + "script TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())").execute().mapEmpty())
                .compose(v -> conn.query("SELECT version FROM schema_version").execute())
                .compose(rows -> {
                    Set<Integer> applied = new HashSet<>();
                    rows.forEach(r -> applied.add(r.getInteger("version")));
                    return applyMissing(conn, applied);
                })
                .eventually(() -> conn.query("SELECT pg_advisory_unlock(" + LOCK_KEY + ")").execute()
                        .eventually(conn::close)));
    }

    static int version(String script) {
        Matcher m = NAME.matcher(script);
        if (!m.matches()) throw new IllegalStateException("migration script name is not V<n>__<name>.sql: " + script);
        return Integer.parseInt(m.group(1));
    }

    private static Future<Integer> applyMissing(SqlConnection conn, Set<Integer> applied) {
        Future<Integer> chain = Future.succeededFuture(applied.stream().max(Integer::compare).orElse(0));
        for (String script : SCRIPTS) {
            int version = version(script);
            if (applied.contains(version)) continue;
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
