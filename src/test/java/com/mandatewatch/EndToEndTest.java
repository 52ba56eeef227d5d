package com.mandatewatch;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.mandatewatch.support.TestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static com.mandatewatch.support.TestApp.*;
import static org.junit.jupiter.api.Assertions.*;

/** The whole service on the embedded database with a real SMTP server: feed in, alert out on every channel. */
class EndToEndTest {
    static GreenMail smtp;
    static TestApp app;

    @BeforeAll
    static void start() {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        app = TestApp.start(Map.of("MW_SMTP_HOST", "127.0.0.1", "MW_SMTP_PORT", String.valueOf(smtp.getSmtp().getPort()),
                "MW_MAIL_FROM", "mw@example.test"));
        app.setupClient("C001", "A001", "K-2025-001", "cm1", "cm1@example.test");
    }

    @AfterAll
    static void stop() {
        app.close();
        smtp.stop();
    }

    @Test
    @DisplayName("A posted feed that breaks the 10% single-stock limit yields the WebSocket event, the persisted alert and the e-mail")
    void breachReachesEveryChannel() throws Exception {
        try (TestApp.Socket ws = app.socket("token=" + app.token)) {
            JsonObject snapshot = ws.next(10);
            assertEquals("snapshot", snapshot.getString("type"));
            JsonObject reply = app.feed(List.of(
                    security("600519.SH", "STOCK", 1_256_197_800L, "2025-03-03"),
                    price("600519.SH", "1500.00", ts("2025-03-03", "09:31")),
                    position("A001", "600519.SH", "700", ts("2025-03-03", "09:31")), // 1,050,000 of 10,000,000 = 10.5%
                    position("A001", "CASH", "8950000.00", ts("2025-03-03", "09:31"))));
            assertEquals(4, reply.getInteger("accepted"));
            assertEquals(0, reply.getJsonArray("rejected").size());

            JsonObject event = ws.nextEvent("OPENED", 10);
            JsonObject alert = event.getJsonObject("alert");
            assertEquals("HOLDING_RATIO:A001:600519.SH", alert.getString("fingerprint"));
            assertEquals("CRITICAL", alert.getString("severity"));
            assertEquals("TRADE", alert.getString("cause"));
            assertTrue(event.getLong("seq") > snapshot.getLong("seq"));

            JsonObject stored = app.get("/api/alerts/" + alert.getLong("id")).json();
            assertEquals("FIRING", stored.getString("state"));
            assertEquals(0, new java.math.BigDecimal("0.105").compareTo(new java.math.BigDecimal(stored.getString("value"))));
            assertEquals("C001", stored.getString("clientCode"));

            assertTrue(smtp.waitForIncomingEmail(15_000, 1), "an e-mail reaches the SMTP server");
            MimeMessage mail = smtp.getReceivedMessages()[0];
            assertEquals("cm1@example.test", mail.getAllRecipients()[0].toString());
            assertTrue(mail.getSubject().contains("持仓比例"), mail.getSubject());
            String body = GreenMailUtil.getBody(mail);
            assertFalse(body.isEmpty());
        }
    }

    @Test
    @DisplayName("Every API call and the WebSocket need a token")
    void authenticationRequired() {
        assertEquals(401, app.call("GET", "/api/alerts", null, null).status());
        assertEquals(401, app.call("GET", "/api/alerts", null, "forged.token").status());
        assertEquals(401, app.call("POST", "/api/feed", "{}", null).status());
        assertEquals(401, app.call("POST", "/api/auth/login", new JsonObject().put("username", "admin").put("password", "wrong-password").encode(), null).status());
        assertThrows(Exception.class, () -> app.socket("token=nope"));
    }
}
