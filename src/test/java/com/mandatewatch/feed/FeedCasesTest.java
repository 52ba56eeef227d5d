package com.mandatewatch.feed;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.mandatewatch.support.TestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static com.mandatewatch.support.TestApp.*;
import static org.junit.jupiter.api.Assertions.*;

/** CASES C01, C02 and C05 through the whole service: HTTP feed in; database, WebSocket, e-mail and /metrics out. */
class FeedCasesTest {
    static GreenMail smtp;
    static TestApp app;
    static final String DAY = "2025-03-04";

    @BeforeAll
    static void start() {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        app = TestApp.start(Map.of("MW_SMTP_HOST", "127.0.0.1", "MW_SMTP_PORT", String.valueOf(smtp.getSmtp().getPort()),
                "MW_MAIL_FROM", "mw@example.test"));
    }

    @AfterAll
    static void stop() {
        app.close();
        smtp.stop();
    }

    /** Messages received so far by one address. */
    static List<MimeMessage> mailsTo(String address) throws Exception {
        List<MimeMessage> out = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            if (m.getRecipients(Message.RecipientType.TO) != null
                    && Arrays.stream(m.getRecipients(Message.RecipientType.TO)).anyMatch(a -> a.toString().equals(address))) out.add(m);
        }
        return out;
    }

    static List<MimeMessage> awaitMails(String address, int n, long seconds) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (mailsTo(address).size() < n && System.nanoTime() < end) Thread.sleep(200);
        return mailsTo(address);
    }

    static JsonObject openAlert(String fingerprint) {
        for (Object o : app.alerts("state=open")) {
            JsonObject a = (JsonObject) o;
            if (fingerprint.equals(a.getString("fingerprint"))) return a;
        }
        return null;
    }

    @Test
    @DisplayName("C01 the same message id delivered three times gives one alert row, one WebSocket OPENED event, one e-mail, and mw_feed_duplicates_total +2")
    void c01RedeliveryIsIdempotent() throws Exception {
        app.setupClient("C01C", "A01C", "K-C01", "cm-c01", "cm-c01@example.test");
        String t = ts(DAY, "10:00");
        app.feed(List.of(security("C01.SH", "STOCK", 1_000_000_000L, DAY), price("C01.SH", "100.00", t),
                position("A01C", "CASH", "8920000.00", t)));
        double duplicatesBefore = app.metric("mw_feed_duplicates_total");
        JsonObject message = position("A01C", "C01.SH", "10800", t).put("id", "P-1001"); // 1,080,000 of 10,000,000 = 10.80%
        String fingerprint = "HOLDING_RATIO:A01C:C01.SH";
        try (TestApp.Socket ws = app.socket("token=" + app.token)) {
            assertEquals("snapshot", ws.next(10).getString("type"));
            JsonObject first = app.feed(List.of(message));
            assertEquals(1, first.getInteger("applied"));
            JsonObject second = app.feed(List.of(message));   // redelivery after a consumer restart
            JsonObject third = app.feed(List.of(message));    // and once more
            assertEquals(1, second.getInteger("duplicates"));
            assertEquals(1, third.getInteger("duplicates"));
            assertEquals(0, second.getInteger("applied") + third.getInteger("applied"));

            JsonObject opened = ws.nextEvent("OPENED", 10);
            assertEquals(fingerprint, opened.getJsonObject("alert").getString("fingerprint"));
            Thread.sleep(2000);
            long moreOpened = ws.messages.stream().filter(m -> "OPENED".equals(m.getString("event"))
                    && fingerprint.equals(m.getJsonObject("alert").getString("fingerprint"))).count();
            assertEquals(0, moreOpened, "exactly one OPENED event");
        }
        assertEquals(1, app.sql("SELECT id FROM alert WHERE fingerprint = $1", fingerprint).size(), "one alert row");
        assertEquals(1, app.sql("SELECT seq FROM alert_event e JOIN alert a ON a.id = e.alert_id WHERE a.fingerprint = $1", fingerprint).size());
        assertEquals(1, awaitMails("cm-c01@example.test", 1, 15).size());
        Thread.sleep(2500); // one more outbox pass would have sent a second mail
        assertEquals(1, mailsTo("cm-c01@example.test").size(), "exactly one e-mail");
        assertEquals(duplicatesBefore + 2, app.metric("mw_feed_duplicates_total"), 1e-9);
    }

    @Test
    @DisplayName("C02 a valid line, three bad ones, then a valid 12% breach in one batch: the breach alerts, each bad line is rejected with its reason and counted as reason=parse")
    void c02PoisonLinesDoNotBlockTheBatch() {
        app.setupClient("C02C", "A02C", "K-C02", "cm-c02", "cm-c02@example.test");
        String t = ts(DAY, "10:05");
        app.feed(List.of(security("C02.SH", "STOCK", 1_000_000_000L, DAY)));
        double parseBefore = app.metric("mw_feed_events_rejected_total{reason=\"parse\"}");
        JsonObject reply = app.feed(List.of(
                position("A02C", "CASH", "8800000.00", t),                                              // 1 valid
                "{\"type\":\"position\",\"account\":\"A02C\",\"code\":\"C02.SH\",\"quantity\": 10.5,",   // 2 truncated
                position("A02C", "C02.SH", "abc", t),                                                   // 3 not a number
                removedAccount(position("A02C", "C02.SH", "100", t)),                                   // 4 no account
                price("C02.SH", "100.00", t),                                                           // 5 valid
                position("A02C", "C02.SH", "12000", t)));                                              // 6 12% breach
        assertEquals(3, reply.getInteger("accepted"), reply.encode());
        JsonArray rejected = reply.getJsonArray("rejected");
        assertEquals(List.of(2, 3, 4), rejected.stream().map(o -> ((JsonObject) o).getInteger("line")).toList());
        assertTrue(rejected.getJsonObject(0).getString("reason").contains("unparsable JSON"), rejected.encode());
        assertTrue(rejected.getJsonObject(1).getString("reason").contains("quantity is not a valid number"), rejected.encode());
        assertTrue(rejected.getJsonObject(2).getString("reason").contains("missing field account"), rejected.encode());

        JsonObject alert = openAlert("HOLDING_RATIO:A02C:C02.SH");
        assertNotNull(alert, "the breach after the poison lines is alerted");
        assertEquals("CRITICAL", alert.getString("severity"));
        assertEquals(0, new java.math.BigDecimal("0.12").compareTo(new java.math.BigDecimal(alert.getString("value"))));

        List<JsonObject> dead = app.sql("SELECT line, reason FROM feed_rejected WHERE payload LIKE '%A02C%' OR payload LIKE '%C02.SH%' ORDER BY line");
        assertEquals(List.of(2, 3, 4), dead.stream().map(d -> d.getInteger("line")).toList());
        for (int i = 0; i < 3; i++) assertEquals(rejected.getJsonObject(i).getString("reason"), dead.get(i).getString("reason"));
        assertEquals(parseBefore + 3, app.metric("mw_feed_events_rejected_total{reason=\"parse\"}"), 1e-9);
    }

    private static JsonObject removedAccount(JsonObject o) {
        o.remove("account");
        return o;
    }

    @Test
    @DisplayName("C05 a position in a security with no reference data is held and raises DATA_QUALITY to OPS only; the breach right after it is still alerted, without stall")
    void c05UnknownSecurityIsHeldNotDropped() throws Exception {
        app.user("ops-c05", "OPS", "ops-c05@example.test");
        app.setupClient("C05C", "A05C", "K-C05", "cm-c05", "cm-c05@example.test");
        String t = ts(DAY, "10:10");
        double errorsBefore = app.metric("mw_rule_evaluation_errors_total");
        app.feed(List.of(security("C05.SH", "STOCK", 1_000_000_000L, DAY), price("C05.SH", "100.00", t),
                position("A05C", "CASH", "8950000.00", t)));
        long started = System.nanoTime();
        JsonObject unknown = app.feed(List.of(position("A05C", "C05X.SH", "500", t)));
        JsonObject breach = app.feed(List.of(position("A05C", "C05.SH", "10500", t)));   // 10.5%
        assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started) < 10, "no stall");
        assertEquals(1, unknown.getInteger("applied"));
        assertEquals(1, breach.getInteger("applied"));

        JsonObject dq = openAlert("DATA_QUALITY:A05C:C05X.SH");
        assertNotNull(dq, "an unvalued position raises DATA_QUALITY");
        assertEquals("WARNING", dq.getString("severity"));
        assertNotNull(openAlert("HOLDING_RATIO:A05C:C05.SH"), "the normal breach after it is alerted");

        JsonObject held = null;
        for (Object o : app.get("/api/accounts/A05C").json().getJsonArray("positions")) {
            if ("C05X.SH".equals(((JsonObject) o).getString("code"))) held = (JsonObject) o;
        }
        assertNotNull(held, "the position is held, not dropped");
        assertFalse(held.getBoolean("valued"));

        List<String> recipients = app.sql("SELECT o.recipient FROM outbox o JOIN alert_event e ON e.seq = o.event_seq "
                + "WHERE e.alert_id = $1", dq.getLong("id")).stream().map(r -> r.getString("recipient")).toList();
        assertEquals(List.of("ops-c05@example.test"), recipients, "DATA_QUALITY goes to OPS, never the client manager");
        assertFalse(awaitMails("ops-c05@example.test", 1, 15).isEmpty());
        awaitMails("cm-c05@example.test", 1, 15);
        for (MimeMessage m : mailsTo("cm-c05@example.test")) assertFalse(m.getSubject().contains("数据质量"), m.getSubject());
        assertEquals(errorsBefore, app.metric("mw_rule_evaluation_errors_total"), 1e-9, "no rule threw on the missing reference data");

        // once reference data and a price arrive the position is valued and the warning resolves
        String later = ts(DAY, "10:11");
        app.feed(List.of(security("C05X.SH", "STOCK", 1_000_000_000L, DAY).put("ts", later), price("C05X.SH", "1.00", later)));
        assertNull(openAlert("DATA_QUALITY:A05C:C05X.SH"));
    }
}
