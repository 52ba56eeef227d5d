package com.mandatewatch.notify;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.mandatewatch.support.Mails;
import com.mandatewatch.support.TestApp;
import io.vertx.core.json.JsonObject;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.mandatewatch.support.Scenario.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Exactly one delivery per (event, recipient): while the SMTP server is down and comes back (C31), across a
 * restart, and with two instances sending from one database (C24). GreenMail is the real SMTP server.
 */
class DeliveryOnceTest {

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static GreenMail smtpOn(int port) {
        GreenMail g = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        g.start();
        return g;
    }

    static Map<String, String> env(int port, String... more) {
        Map<String, String> env = new java.util.HashMap<>(Map.of("MW_SMTP_HOST", "127.0.0.1", "MW_SMTP_PORT", String.valueOf(port),
                "MW_MAIL_FROM", "mw@example.test", "MW_NOTIFY_RETRY_INITIAL", "1s", "MW_NOTIFY_RETRY_MAX", "2s"));
        for (int i = 0; i < more.length; i += 2) env.put(more[i], more[i + 1]);
        return env;
    }

    @Test
    @DisplayName("C31 with the SMTP port closed while 12 mails are due (pool of 10) each attempt fails fast and is retried; once SMTP is back all 12 arrive once and the pool still sends")
    void refusedConnectionsDoNotLeakThePool() throws Exception {
        int port = freePort();
        try (TestApp app = TestApp.start(env(port))) {
            List<String> to = new ArrayList<>();
            for (int i = 1; i <= 12; i++) to.add(breach(app, "R" + i, String.format("6009%02d.SH", i), "10:00"));
            await("every row failed at least twice, fast", 20, () -> {
                var pending = outbox(app, "PENDING");
                return pending.size() == 12 && pending.stream().allMatch(o -> ((JsonObject) o).getInteger("attempts") >= 2);
            });
            JsonObject row = (JsonObject) outbox(app, "PENDING").getValue(0);
            assertTrue(row.getString("lastError").toLowerCase().contains("refused"), row.encode());
            GreenMail smtp = smtpOn(port);
            try {
                await("all twelve delivered", 30, () -> smtp.getReceivedMessages().length >= 12);
                sleep(3_000);
                assertEquals(12, smtp.getReceivedMessages().length, "each once");
                for (String r : to) assertEquals(1, Mails.to(smtp, r).size(), r);
                assertEquals(0, outbox(app, "PENDING").size());
                // a pool that leaked a slot per refusal would hang here
                String late = breach(app, "R13", "600913.SH", "10:30");
                await("a thirteenth mail after recovery", 10, () -> Mails.to(smtp, late).size() == 1);
            } finally {
                smtp.stop();
            }
        }
    }

    @Test
    @DisplayName("C24 mails that failed before a restart are sent once after it, and nothing sent before it goes again")
    void onceAcrossARestart() throws Exception {
        int port = freePort();
        Path dir = Files.createTempDirectory("mw-once-");
        List<String> to = new ArrayList<>();
        try (TestApp app = TestApp.start(dir, env(port))) {
            for (int i = 1; i <= 3; i++) to.add(breach(app, "W" + i, "60095" + i + ".SH", "10:00"));
            await("tried and failed", 15, () -> outbox(app, "PENDING").stream().filter(o -> ((JsonObject) o).getString("lastError") != null).count() == 3);
        }
        GreenMail smtp = smtpOn(port);
        try (TestApp app = TestApp.start(dir, env(port))) {
            await("the three after the restart", 20, () -> smtp.getReceivedMessages().length >= 3);
            to.add(breach(app, "W4", "600954.SH", "10:40"));
            await("and a new one", 10, () -> smtp.getReceivedMessages().length >= 4);
        } finally {
            sleep(500);
        }
        try (TestApp app = TestApp.start(dir, env(port))) {
            sleep(4_000); // a second restart finds nothing due
            assertEquals(4, smtp.getReceivedMessages().length);
            for (String r : to) assertEquals(1, Mails.to(smtp, r).size(), r);
            assertEquals(4, outbox(app, "SENT").size());
        } finally {
            smtp.stop();
        }
    }

    @Test
    @DisplayName("C24 two instances on one PostgreSQL both send the outbox: each of 20 rows is claimed by one of them and delivered exactly once")
    void onceAcrossTwoInstances() throws Exception {
        GreenMail smtp = smtpOn(0);
        Path serverDir = Files.createTempDirectory("mw-shared-pg-");
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(serverDir).start()) {
            String url = "postgresql://postgres:postgres@127.0.0.1:" + pg.getPort() + "/postgres";
            Map<String, String> env = env(smtp.getSmtp().getPort(), "MW_DB_URL", url, "MW_NOTIFY_GROUP_WAIT", "2s");
            try (TestApp a = TestApp.start(Files.createTempDirectory("mw-a-"), env);
                 TestApp b = TestApp.start(Files.createTempDirectory("mw-b-"), env)) {
                List<String> to = new ArrayList<>();
                for (int i = 1; i <= 20; i++) to.add(breach(a, "M" + i, String.format("6008%02d.SH", i), "10:00"));
                await("twenty mails", 30, () -> smtp.getReceivedMessages().length >= 20);
                sleep(4_000); // long enough for a second copy from the other instance to show
                MimeMessage[] all = smtp.getReceivedMessages();
                assertEquals(20, all.length);
                Set<String> ids = new HashSet<>();
                for (MimeMessage m : all) ids.add(m.getMessageID());
                assertEquals(20, ids.size(), "no two copies of one message");
                for (String r : to) assertEquals(1, Mails.to(smtp, r).size(), r);
                assertEquals(20, outbox(b, "SENT").size(), "both instances see one outbox");
            }
            try (Connection c = pg.getPostgresDatabase().getConnection();
                 ResultSet r = c.createStatement().executeQuery("SELECT count(*), min(attempts), max(attempts) FROM outbox WHERE status = 'SENT'")) {
                r.next();
                assertEquals(20, r.getInt(1));
                assertEquals(1, r.getInt(2));
                assertEquals(1, r.getInt(3), "every row was claimed once");
            }
        } finally {
            smtp.stop();
        }
    }
}
