package com.mandatewatch.store;

import com.mandatewatch.support.TestApp;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;

import static com.mandatewatch.support.TestApp.*;
import static org.junit.jupiter.api.Assertions.*;

/** MW_DB_URL points the service at a PostgreSQL server it did not start; migrations run there once. */
class ExternalDatabaseTest {

    @Test
    @DisplayName("With MW_DB_URL the service migrates and uses that server, and its own data directory holds no database")
    void usesTheConfiguredServer() throws Exception {
        Path serverDir = Files.createTempDirectory("mw-external-pg-");
        try (EmbeddedPostgres server = EmbeddedPostgres.builder().setDataDirectory(serverDir).start()) {
            String url = "postgresql://postgres:postgres@127.0.0.1:" + server.getPort() + "/postgres";
            Path appDir = Files.createTempDirectory("mw-app-");
            try (TestApp app = TestApp.start(appDir, Map.of("MW_DB_URL", url))) {
                app.setupClient("C700", "A700", "K-700", "cm700", "cm700@example.test");
                app.feed(List.of(security("600036.SH", "STOCK", 25_219_845_601L, "2025-03-03"),
                        price("600036.SH", "40.00", ts("2025-03-03", "10:00")),
                        position("A700", "600036.SH", "30000", ts("2025-03-03", "10:00")),
                        position("A700", "CASH", "8800000", ts("2025-03-03", "10:00"))));
                assertEquals(1, app.alerts("state=open&account=A700").size(), "1,200,000 of 10,000,000 breaks the 10% limit");
            }
            assertFalse(Files.exists(appDir.resolve("pg")), "no embedded database was started");
            try (Connection c = server.getPostgresDatabase().getConnection();
                 ResultSet r = c.createStatement().executeQuery("SELECT count(*) FROM alert WHERE account = 'A700'")) {
                r.next();
                assertEquals(1, r.getInt(1));
            }
            // a second start on the same server finds the schema in place and migrates nothing twice
            try (TestApp again = TestApp.start(Files.createTempDirectory("mw-app-"), Map.of("MW_DB_URL", url))) {
                assertEquals(1, again.alerts("state=open&account=A700").size());
            }
        }
    }
}
