package com.mandatewatch.store;

import com.mandatewatch.support.TestApp;
import io.vertx.core.json.JsonObject;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static com.mandatewatch.support.TestApp.*;
import static org.junit.jupiter.api.Assertions.*;

/** The connection pool survives a database restart and failing queries (C35, C36). */
class DatabaseResilienceTest {

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static EmbeddedPostgres server(Path dir, int port) throws Exception {
        return EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(false).setPort(port).start();
    }

    @Test
    @DisplayName("C35 While PostgreSQL is down the API answers 503 and the feed is not acknowledged; after it returns everything works without a restart and no alert is lost or doubled")
    void databaseRestart() throws Exception {
        Path dir = Files.createTempDirectory("mw-c35-pg-");
        int port = freePort();
        EmbeddedPostgres pg = server(dir, port);
        String url = "postgresql://postgres:postgres@127.0.0.1:" + port + "/postgres";
        try (TestApp app = TestApp.start(Map.of("MW_DB_URL", url))) {
            app.setupClient("C350", "A350", "K-350", "cm350", "cm350@example.test");
            app.feed(List.of(security("600036.SH", "STOCK", 25_219_845_601L, "2025-03-03"),
                    price("600036.SH", "40.00", ts("2025-03-03", "10:00"))));

            pg.close(); // the database goes away
            assertEquals(503, app.get("/api/clients/C350").status());
            TestApp.Response feed = app.call("POST", "/api/feed",
                    position("A350", "600036.SH", "30000", ts("2025-03-03", "10:01")).encode() + "\n", app.token);
            assertEquals(503, feed.status(), "a feed batch that could not be stored is not acknowledged: " + feed.body());

            pg = server(dir, port); // and comes back
            long until = System.currentTimeMillis() + 30_000;
            int status = 0;
            while (System.currentTimeMillis() < until && (status = app.get("/api/clients/C350").status()) != 200) Thread.sleep(500);
            assertEquals(200, status, "the pool recovers without restarting the service");

            // the producer retries the unacknowledged batch: applied once, one alert
            JsonObject retried = app.feed(List.of(position("A350", "600036.SH", "30000", ts("2025-03-03", "10:01")),
                    position("A350", "CASH", "8800000", ts("2025-03-03", "10:01"))));
            assertEquals(2, retried.getInteger("accepted"));
            assertEquals(1, app.alerts("state=all&account=A350").size());
        } finally {
            pg.close();
            TestApp.deleteTree(dir);
        }
    }

    @Test
    @DisplayName("C35 Connections killed by the server (pg_terminate_backend) are replaced: the next requests succeed")
    void terminatedConnectionsAreReplaced() throws Exception {
        Path dir = Files.createTempDirectory("mw-c35b-pg-");
        try (EmbeddedPostgres pg = server(dir, freePort());
             TestApp app = TestApp.start(Map.of("MW_DB_URL", "postgresql://postgres:postgres@127.0.0.1:" + pg.getPort() + "/postgres"))) {
            app.setupClient("C351", "A351", "K-351", "cm351", "cm351@example.test");
            try (Connection c = pg.getPostgresDatabase().getConnection()) {
                c.createStatement().execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND backend_type = 'client backend'");
            }
            long until = System.currentTimeMillis() + 30_000;
            int status = 0;
            while (System.currentTimeMillis() < until && (status = app.get("/api/clients/C351").status()) != 200) Thread.sleep(200);
            assertEquals(200, status);
            for (int i = 0; i < 10; i++) assertEquals(200, app.get("/api/clients/C351").status());
        } finally {
            TestApp.deleteTree(dir);
        }
    }

    @Test
    @DisplayName("C36 Fifty failing writes in parallel leave no connection behind: a valid read right after succeeds promptly")
    void failingQueriesDoNotLeak() throws Exception {
        try (TestApp app = TestApp.start(Map.of())) {
            app.setupClient("C360", "A360", "K-360", "cm360", "cm360@example.test");
            List<CompletableFuture<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                JsonObject body = i % 2 == 0
                        ? new JsonObject().put("code", "C360").put("name", "重复").put("nature", "PRIVATE")          // duplicate code
                        : new JsonObject().put("code", "C36" + (100 + i)).put("name", "无经理").put("nature", "PRIVATE")
                        .put("manager", "nobody-" + i);                                                              // missing manager (foreign key)
                calls.add(CompletableFuture.supplyAsync(() -> app.post("/api/clients", body).status()));
            }
            for (CompletableFuture<Integer> c : calls) {
                int s = c.join();
                assertTrue(s == 409 || s == 400 || s == 503, "a failing write answers 409, 400 or 503, not " + s);
            }
            long t0 = System.nanoTime();
            assertEquals(200, app.get("/api/clients/C360").status());
            assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "answered promptly");
            long until = System.currentTimeMillis() + 10_000;
            double inUse = -1;
            while (System.currentTimeMillis() < until) {
                inUse = app.metrics().lines().filter(l -> l.startsWith("vertx_pool_in_use{") && l.contains("pool_type=\"sql\""))
                        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
                if (inUse == 0) break;
                Thread.sleep(200);
            }
            assertEquals(0, inUse, "every connection went back to the pool");
        }
    }
}
