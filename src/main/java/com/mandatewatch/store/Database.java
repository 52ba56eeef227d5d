package com.mandatewatch.store;

import com.mandatewatch.config.AppConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Logger;

/**
 * The one PostgreSQL connection pool of an instance: an external server when MW_DB_URL is set, otherwise
 * an embedded PostgreSQL whose data directory under MW_DATA_DIR survives restarts.
 */
public final class Database {
    private static final Logger LOG = Logger.getLogger(Database.class.getName());

    private final Pool pool;
    private final PgConnectOptions connectOptions;
    private final EmbeddedPostgres embedded;
    private final DataDirectoryClaim claim;

    private Database(Pool pool, PgConnectOptions connectOptions, EmbeddedPostgres embedded, DataDirectoryClaim claim) {
        this.pool = pool;
        this.connectOptions = connectOptions;
        this.embedded = embedded;
        this.claim = claim;
    }

    public Pool pool() { return pool; }

    /** For connections of their own outside the pool: LISTEN, and the leader's session lock (issue 7). */
    public PgConnectOptions connectOptions() { return new PgConnectOptions(connectOptions); }

    public static Future<Database> open(Vertx vertx, AppConfig config) {
        PoolOptions poolOptions = new PoolOptions().setMaxSize(config.dbPoolSize()).setMaxWaitQueueSize(256)
                .setConnectionTimeout(10).setIdleTimeout(60);
        if (!config.embeddedDb()) {
            PgConnectOptions options = PgConnectOptions.fromUri(config.dbUrl());
            return Future.succeededFuture(new Database(build(vertx, options, poolOptions), options, null, null));
        }
        // initdb and the postmaster start are blocking process work: keep them off the event loop
        Path dir = config.dataDir().resolve("pg");
        return vertx.executeBlocking(() -> {
                    DataDirectoryClaim claim = DataDirectoryClaim.of(config.dataDir(), dir);
                    try {
                        return new Started(startEmbedded(dir), claim);
                    } catch (IOException | RuntimeException e) {
                        claim.close();
                        throw e;
                    }
                })
                .map(started -> {
                    PgConnectOptions options = new PgConnectOptions().setHost("127.0.0.1").setPort(started.pg().getPort())
                            .setDatabase("postgres").setUser("postgres").setPassword("postgres");
                    return new Database(build(vertx, options, poolOptions), options, started.pg(), started.claim());
                });
    }

    private record Started(EmbeddedPostgres pg, DataDirectoryClaim claim) {
    }

    private static Pool build(Vertx vertx, PgConnectOptions connect, PoolOptions poolOptions) {
        connect.setReconnectAttempts(3).setReconnectInterval(500);
        return PgBuilder.pool().with(poolOptions).connectingTo(connect).using(vertx).build();
    }

    private static EmbeddedPostgres startEmbedded(Path dir) throws IOException {
        Files.createDirectories(dir);
        LOG.info("starting embedded PostgreSQL in " + dir.toAbsolutePath());
        return EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(false)
                .setPGStartupWait(java.time.Duration.ofSeconds(60))
                .setServerConfig("timezone", "UTC")
                // the test-oriented defaults turn durability off; alerts must survive a crash once announced
                .setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on")
                .start();
    }

    public Future<Void> close(Vertx vertx) {
        return pool.close().compose(v -> embedded == null ? Future.succeededFuture()
                : vertx.executeBlocking(() -> {
                    try {
                        embedded.close();
                    } finally {
                        claim.close();
                    }
                    return null;
                }));
    }
}
