package com.mandatewatch.engine;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.mandatewatch.support.TestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static com.mandatewatch.support.TestApp.*;
import static org.junit.jupiter.api.Assertions.*;

/** C19: the whole service stopped and started again on the same data directory, with a real SMTP server. */
class RestartTest {
    static GreenMail smtp;
    static Map<String, String> env;

    @BeforeAll
    static void smtp() {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        env = Map.of("MW_SMTP_HOST", "127.0.0.1", "MW_SMTP_PORT", String.valueOf(smtp.getSmtp().getPort()),
                "MW_MAIL_FROM", "mw@example.test");
    }

    @AfterAll
    static void stop() {
        smtp.stop();
    }

    /** A client, its manager and a contract, then a 10.5% single-stock breach in its account. */
    static void breach(TestApp app, int n, String time) {
        String account = "A00" + n;
        app.setupClient("C00" + n, account, "K-2025-00" + n, "cm" + n, "cm" + n + "@example.test");
        String code = "60000" + n + ".SH";
        app.feed(List.of(security(code, "STOCK", 1_000_000_000L, "2025-03-03"), price(code, "1500.00", ts("2025-03-03", time)),
                position(account, code, "700", ts("2025-03-03", time)),                 // 1,050,000 of 10,000,000
                position(account, "CASH", "8950000.00", ts("2025-03-03", time))));
    }

    static Map<String, Integer> mailsByRecipient() throws MessagingException {
        Map<String, Integer> out = new HashMap<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            for (Address a : m.getAllRecipients()) out.merge(a.toString(), 1, Integer::sum);
        }
        return out;
    }

    static List<JsonObject> drain(TestApp.Socket ws, long millis) throws InterruptedException {
        List<JsonObject> out = new ArrayList<>();
        long end = System.currentTimeMillis() + millis;
        JsonObject m;
        while ((m = ws.messages.poll(Math.max(1, end - System.currentTimeMillis()), TimeUnit.MILLISECONDS)) != null) out.add(m);
        return out;
    }

    @Test
    @DisplayName("C19 after a restart on the same data the open, e-mailed breaches get no e-mail and no event at all (not even UPDATED) and stay FIRING; a fourth breach gives exactly one new alert and one e-mail")
    void restartDoesNotReannounce() throws Exception {
        Path dataDir = Files.createTempDirectory("mw-restart-");
        Map<String, Long> ids = new HashMap<>();
        long lastSeq;
        try (TestApp app = TestApp.start(dataDir, env)) {
            breach(app, 1, "10:00");
            breach(app, 2, "10:01");
            breach(app, 3, "10:02");
            // and an excluded holding, whose message carries the quantity: restored from a NUMERIC(24,4) column
            // ("700.0000") it must still read the same, or the restart would announce an UPDATED
            app.setupClient("C009", "A0X", "K-2025-00X", "cm9", "cm9@example.test");
            JsonObject excluding = contractBody("K-2025-009", "C009", "A009");
            excluding.getJsonObject("excluded").getJsonArray("codes").add("600009.SH");
            assertEquals(201, app.post("/api/contracts", excluding).status());
            app.feed(List.of(security("600009.SH", "STOCK", 1_000_000_000L, "2025-03-03"),
                    price("600009.SH", "10.00", ts("2025-03-03", "10:03")),
                    position("A009", "600009.SH", "700", ts("2025-03-03", "10:03")),
                    position("A009", "CASH", "9993000.00", ts("2025-03-03", "10:03"))));
            assertTrue(smtp.waitForIncomingEmail(20_000, 4), "four e-mails before the restart");
            JsonArray open = app.alerts("state=open");
            assertEquals(4, open.size(), open.encodePrettily());
            open.forEach(o -> ids.put(((JsonObject) o).getString("fingerprint"), ((JsonObject) o).getLong("id")));
            assertTrue(ids.containsKey("EXCLUDED_SECURITY:A009:600009.SH"), ids.toString());
            try (TestApp.Socket ws = app.socket("token=" + app.token)) {
                lastSeq = ws.next(10).getLong("seq");
            }
            Thread.sleep(2_000); // let the outbox settle: nothing more is due
        }
        Map<String, Integer> before = mailsByRecipient();
        assertEquals(Map.of("cm1@example.test", 1, "cm2@example.test", 1, "cm3@example.test", 1, "cm9@example.test", 1), before);

        try (TestApp app = TestApp.start(dataDir, env); TestApp.Socket ws = app.socket("token=" + app.token + "&since=" + lastSeq)) {
            List<JsonObject> sinceRestart = drain(ws, 2_000);
            assertTrue(sinceRestart.isEmpty(), "the restart itself writes no alert event: " + sinceRestart);
            breach(app, 4, "10:30");
            JsonObject opened = ws.nextEvent("OPENED", 15).getJsonObject("alert");
            assertEquals("HOLDING_RATIO:A004:600004.SH", opened.getString("fingerprint"));
            assertTrue(smtp.waitForIncomingEmail(20_000, 5), "the fourth breach is e-mailed");
            List<JsonObject> more = drain(ws, 3_000);
            assertTrue(more.stream().noneMatch(m -> "OPENED".equals(m.getString("event"))), more.toString());
            assertTrue(more.stream().noneMatch(m -> m.getJsonObject("alert") != null
                    && ids.containsKey(m.getJsonObject("alert").getString("fingerprint"))), "the first three are not announced again: " + more);

            JsonArray open = app.alerts("state=open");
            assertEquals(5, open.size(), open.encodePrettily());
            for (Object o : open) {
                JsonObject a = (JsonObject) o;
                assertEquals("FIRING", a.getString("state"));
                if (ids.containsKey(a.getString("fingerprint"))) assertEquals(ids.get(a.getString("fingerprint")), a.getLong("id"));
            }
            assertEquals(5, app.alerts("state=all").size(), "exactly one new alert row");
            Map<String, Integer> after = mailsByRecipient();
            assertEquals(Map.of("cm1@example.test", 1, "cm2@example.test", 1, "cm3@example.test", 1, "cm4@example.test", 1,
                    "cm9@example.test", 1), after);
        }
    }
}
