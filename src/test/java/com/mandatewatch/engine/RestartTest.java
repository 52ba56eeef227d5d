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
import org.junit.jupiter.api.BeforeEach;
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

    /** Each test counts only its own mail. */
    @BeforeEach
    void purge() throws Exception {
        smtp.purgeEmailFromAllMailboxes();
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
            // C49: the open-alerts gauge shows what is still open, not the 0 it starts at
            assertEquals(3.0, app.metric("mw_alerts_open{rule=\"HOLDING_RATIO\"}"), "open HOLDING_RATIO alerts after the restart");
            assertEquals(1.0, app.metric("mw_alerts_open{rule=\"EXCLUDED_SECURITY\"}"));
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

    // ---- schedules across restarts (C19 last bullet, C26)

    static JsonObject clock(String day, String hhmm) {
        return new JsonObject().put("type", "clock").put("ts", ts(day, hhmm));
    }

    /** Every persisted event so far, replayed from seq 0 over the WebSocket. */
    static List<JsonObject> events(TestApp app) throws InterruptedException {
        try (TestApp.Socket ws = app.socket("token=" + app.token + "&since=0")) {
            return drain(ws, 1_500).stream().filter(m -> "event".equals(m.getString("type"))).toList();
        }
    }

    static List<JsonObject> events(List<JsonObject> all, String kind, String fingerprint) {
        return all.stream().filter(e -> kind.equals(e.getString("event"))
                && fingerprint.equals(e.getJsonObject("alert").getString("fingerprint"))).toList();
    }

    /** The decoded text of every part of a message (the raw body is base64 or quoted-printable). */
    static String text(jakarta.mail.Part p) throws Exception {
        Object c = p.getContent();
        if (c instanceof String s) return s;
        StringBuilder b = new StringBuilder();
        if (c instanceof jakarta.mail.Multipart mp) for (int i = 0; i < mp.getCount(); i++) b.append(text(mp.getBodyPart(i)));
        return b.toString();
    }

    static List<String> mailsTo(String address) throws Exception {
        List<String> out = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            for (Address a : m.getAllRecipients()) if (a.toString().equals(address)) out.add(m.getSubject() + "\n" + text(m));
        }
        return out;
    }

    static void waitForMail(String address, java.util.function.Predicate<String> matching) throws Exception {
        long end = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < end) {
            if (mailsTo(address).stream().anyMatch(matching)) return;
            Thread.sleep(200);
        }
        fail("no matching mail to " + address + " within 20 s: " + mailsTo(address));
    }

    @Test
    @DisplayName("C26/C19 a maturity reminder due at 09:00 on Mon 2026-03-09 while the service is down is sent once after the restart, marked 延迟 in its event and its mail; the next restarts neither repeat it nor lose the 03-16 reminder, and a lapsed cure period escalates to SALES_LEAD exactly once across restarts")
    void schedulesContinueAcrossRestarts() throws Exception {
        Path dataDir = Files.createTempDirectory("mw-schedules-");
        String maturity = "MATURITY:A0M:K-M", holding = "HOLDING_RATIO:A001:600001.SH";
        try (TestApp app = TestApp.start(dataDir, env)) {
            app.setupClient("C001", "A001", "K-H", "cm1", "cm1@example.test");
            assertEquals(201, app.post("/api/users", new JsonObject().put("username", "lead1").put("password", "Lead-Pass-2026!x")
                    .put("role", "SALES_LEAD").put("email", "lead1@example.test").put("name", "销售负责人")).status());
            JsonObject k = contractBody("K-M", "C001", "A0M").put("maturityDate", "2026-05-02"); // first warning Mon 03-02
            assertEquals(201, app.post("/api/contracts", k).status());
            app.feed(List.of(clock("2026-03-02", "09:00")));
            app.feed(List.of(security("600001.SH", "STOCK", 1_000_000_000L, "2026-03-02"),
                    price("600001.SH", "98", ts("2026-03-02", "10:00")), position("A001", "600001.SH", "10000", ts("2026-03-02", "10:00")),
                    position("A001", "CASH", "9020000", ts("2026-03-02", "10:00"))));             // 9.8%: warning
            app.feed(List.of(price("600001.SH", "103.6", ts("2026-03-03", "10:00"))));         // 10.30% by price: cureBy 03-17
            app.feed(List.of(clock("2026-03-09", "08:00")));                                   // then down until 11:00
            waitForMail("cm1@example.test", m -> m.contains("K-M"));
            List<JsonObject> all = events(app);
            assertEquals(1, events(all, "OPENED", maturity).size(), all.toString());
            assertEquals("2026-03-17", app.alerts("state=open&rule=HOLDING_RATIO").getJsonObject(0).getString("cureBy"));
            assertTrue(events(all, "REMINDER", maturity).isEmpty());
        }

        try (TestApp app = TestApp.start(dataDir, env)) {
            assertTrue(events(events(app), "REMINDER", maturity).isEmpty(), "nothing is due at the restored business time 08:00");
            app.feed(List.of(clock("2026-03-09", "11:00")));
            waitForMail("cm1@example.test", m -> m.contains("延迟"));
            List<JsonObject> reminders = events(events(app), "REMINDER", maturity);
            assertEquals(1, reminders.size(), reminders.toString());
            JsonObject alert = reminders.get(0).getJsonObject("alert");
            assertEquals("2026-03-09", alert.getString("remindedOn"));
            assertTrue(alert.getJsonObject("evidence").getJsonObject("reminder").getBoolean("delayed"));
            assertTrue(alert.getString("message").contains("延迟"), alert.getString("message"));
        }
        int delayedMails = (int) mailsTo("cm1@example.test").stream().filter(m -> m.contains("延迟")).count();
        assertEquals(1, delayedMails);

        try (TestApp app = TestApp.start(dataDir, env)) {
            app.feed(List.of(clock("2026-03-09", "11:05")));
            app.feed(List.of(clock("2026-03-16", "09:00")));
            // the price comes again (still 10.30%): the escalation waits while the feed is stale, and it has been
            // silent since 03-03
            app.feed(List.of(price("600001.SH", "103.6", ts("2026-03-17", "14:00"))));
            app.feed(List.of(clock("2026-03-17", "16:00")));
            assertEquals(2, events(events(app), "REMINDER", maturity).size(), "03-09 once, and 03-16 on time");
            app.feed(List.of(clock("2026-03-18", "08:00")));
            waitForMail("lead1@example.test", m -> m.contains("600001.SH") && m.contains("已升级至销售负责人"));
            JsonObject open = app.alerts("state=open&rule=HOLDING_RATIO").getJsonObject(0);
            assertNotNull(open.getString("escalatedAt"), open.encodePrettily());
        }

        try (TestApp app = TestApp.start(dataDir, env)) {
            app.feed(List.of(clock("2026-03-18", "08:05")));
            app.feed(List.of(clock("2026-03-19", "08:00")));
            List<JsonObject> all = events(app);
            assertEquals(2, events(all, "REMINDER", maturity).size(), "no reminder re-sent after a restart");
            List<JsonObject> escalations = events(all, "UPDATED", holding).stream()
                    .filter(e -> e.getJsonObject("alert").getString("escalatedAt") != null).toList();
            assertEquals(1, escalations.size(), "escalated once: " + escalations);
            Thread.sleep(1_500); // anything wrongly due would be mailed by now
            assertEquals(1, mailsTo("lead1@example.test").size(), mailsTo("lead1@example.test").toString());
            assertEquals(1, mailsTo("cm1@example.test").stream().filter(m -> m.contains("延迟")).count());
        }
    }
}
