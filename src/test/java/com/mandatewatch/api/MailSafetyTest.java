package com.mandatewatch.api;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.mandatewatch.support.TestApp;
import io.vertx.core.json.JsonObject;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
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

/** C45 (HTML injection into alert e-mail) and C46 (CR/LF header injection) through the API, the database and a real SMTP server. */
class MailSafetyTest {
    static GreenMail smtp;
    static TestApp app;
    static final String DAY = "2025-03-06";
    static final String CRLF_NAME = "ACME\r\nBcc: attacker@evil.example";

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

    static List<MimeMessage> mailsTo(String address) throws Exception {
        List<MimeMessage> out = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            if (m.getRecipients(Message.RecipientType.TO) != null
                    && Arrays.stream(m.getRecipients(Message.RecipientType.TO)).anyMatch(a -> a.toString().contains(address))) out.add(m);
        }
        return out;
    }

    static MimeMessage awaitMail(String address) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < end) {
            List<MimeMessage> m = mailsTo(address);
            if (!m.isEmpty()) return m.get(0);
            Thread.sleep(200);
        }
        throw new AssertionError("no e-mail to " + address);
    }

    /** The decoded text of the first part of this MIME type (text/plain or text/html). */
    static String part(Part p, String type) throws Exception {
        if (p.isMimeType(type)) return (String) p.getContent();
        if (p.isMimeType("multipart/*")) {
            Multipart mp = (Multipart) p.getContent();
            for (int i = 0; i < mp.getCount(); i++) {
                BodyPart b = mp.getBodyPart(i);
                String s = part(b, type);
                if (s != null) return s;
            }
        }
        return null;
    }

    /** A breach of the 10% single-stock limit in this account, with its own security code. */
    static void breach(String account, String code, String hhmm) {
        String t = ts(DAY, hhmm);
        app.feed(List.of(security(code, "STOCK", 1_000_000_000L, DAY), price(code, "100.00", t),
                position(account, "CASH", "8900000.00", t), position(account, code, "11000", t)));
    }

    static List<String> fields(TestApp.Response r) {
        return r.json().getJsonArray("details").stream().map(o -> ((JsonObject) o).getString("field")).toList();
    }

    @Test
    @DisplayName("C45 a client named <img src=x onerror=alert(1)> appears escaped (&lt;img) in the e-mail's HTML part, never as a raw tag, and literally in the plain-text part")
    void c45ClientNameIsEscapedInHtmlMail() throws Exception {
        String name = "<img src=x onerror=alert(1)>";
        app.user("cm-c45", "CLIENT_MANAGER", "cm-c45@example.test");
        TestApp.Response c = app.post("/api/clients", new JsonObject().put("code", "C45").put("name", name)
                .put("nature", "PRIVATE").put("manager", "cm-c45"));
        assertEquals(201, c.status(), c.body());
        assertEquals(name, app.get("/api/clients/C45").json().getString("name"), "stored as typed, escaped only on output");
        assertEquals(201, app.post("/api/contracts", contractBody("K-C45", "C45", "A45")).status());
        breach("A45", "C45.SH", "10:00");

        MimeMessage mail = awaitMail("cm-c45@example.test");
        String html = part(mail, "text/html");
        String text = part(mail, "text/plain");
        assertNotNull(html, "an HTML part");
        assertNotNull(text, "a plain-text part");
        assertTrue(html.contains("&lt;img src=x onerror=alert(1)&gt;"), html);
        assertFalse(html.contains("<img"), "no raw tag in the HTML part");
        assertTrue(text.contains(name), text);
    }

    @Test
    @DisplayName("C46 a client name with CR/LF is refused with 400 on create and update, naming the field name")
    void c46ClientNameWithLineBreakRefused() {
        app.user("cm-c46a", "CLIENT_MANAGER", "cm-c46a@example.test");
        TestApp.Response r = app.post("/api/clients", new JsonObject().put("code", "C46A").put("name", CRLF_NAME)
                .put("nature", "PRIVATE").put("manager", "cm-c46a"));
        assertEquals(400, r.status(), r.body());
        assertEquals(List.of("name"), fields(r));
        assertEquals(404, app.get("/api/clients/C46A").status());
        assertEquals(201, app.post("/api/clients", new JsonObject().put("code", "C46A").put("name", "ACME")
                .put("nature", "PRIVATE").put("manager", "cm-c46a")).status());
        TestApp.Response u = app.put("/api/clients/C46A", new JsonObject().put("name", "ACME\nBcc: a@evil.example").put("nature", "PRIVATE"));
        assertEquals(400, u.status(), u.body());
        assertEquals(List.of("name"), fields(u));
        assertEquals("ACME", app.get("/api/clients/C46A").json().getString("name"));
    }

    @Test
    @DisplayName("C46 a user e-mail with CR/LF is refused with 400 on create and update, naming the field email")
    void c46UserEmailWithLineBreakRefused() {
        JsonObject body = new JsonObject().put("username", "cm-c46u").put("password", USER_PASSWORD).put("role", "CLIENT_MANAGER")
                .put("name", "经理").put("email", "m1@corp.cn\r\nBcc: x@evil.example");
        TestApp.Response r = app.post("/api/users", body);
        assertEquals(400, r.status(), r.body());
        assertEquals(List.of("email"), fields(r));
        assertEquals(404, app.get("/api/users/cm-c46u").status());
        assertEquals(201, app.post("/api/users", body.copy().put("email", "m1@corp.cn")).status());
        TestApp.Response u = app.put("/api/users/cm-c46u", body.copy().put("email", "m1@corp.cn\nBcc: x@evil.example"));
        assertEquals(400, u.status(), u.body());
        assertEquals(List.of("email"), fields(u));
    }

    @Test
    @DisplayName("C46 legacy CR/LF values put straight into the database (client name, manager e-mail) never inject a header; other mail still flows")
    void c46LegacyValuesNeverInjectHeaders() throws Exception {
        // a legacy e-mail address with a line break: its alert must not mail anyone else
        app.user("cm-c46e", "CLIENT_MANAGER", "m1@corp.cn");
        app.setupClient("C46E", "A46E", "K-C46E", "cm-c46e", "m1@corp.cn");
        app.sql("UPDATE app_user SET email = $1 WHERE username = 'cm-c46e'", "m1@corp.cn\r\nBcc: x@evil.example");
        // a legacy client name with a line break
        app.setupClient("C46N", "A46N", "K-C46N", "cm-c46n", "cm-c46n@example.test");
        app.sql("UPDATE client SET name = $1 WHERE code = 'C46N'", CRLF_NAME);
        // any reference change makes the engine reload clients and users from the database
        assertEquals(201, app.post("/api/clients", new JsonObject().put("code", "C46R").put("name", "reload")
                .put("nature", "OTHER").put("manager", "cm-c46n")).status());
        Thread.sleep(500);

        breach("A46E", "C46E.SH", "10:10");
        breach("A46N", "C46N.SH", "10:11");
        MimeMessage mail = awaitMail("cm-c46n@example.test");
        Thread.sleep(3000); // let the outbox try the legacy address too

        for (MimeMessage m : smtp.getReceivedMessages()) {
            String raw = GreenMailUtil.getWholeMessage(m);
            String headers = raw.substring(0, Math.max(0, raw.indexOf("\r\n\r\n")));
            for (String line : headers.split("\r\n")) {
                assertFalse(line.regionMatches(true, 0, "Bcc:", 0, 4), "injected header: " + line);
            }
            assertNull(m.getRecipients(Message.RecipientType.BCC));
            assertNull(m.getRecipients(Message.RecipientType.CC));
        }
        assertEquals(0, smtp.getReceivedMessagesForDomain("evil.example").length, "no copy reaches the attacker");
        assertFalse(mail.getSubject().contains("\r") || mail.getSubject().contains("\n"), mail.getSubject());
        assertTrue(mail.getSubject().contains("ACME"), mail.getSubject());
        String html = part(mail, "text/html");
        assertTrue(html.contains("ACME"), html);
        // the unusable legacy address is given up at once, visibly, not retried for hours
        List<JsonObject> legacy = app.sql("SELECT status, last_error FROM outbox WHERE recipient LIKE 'm1@corp.cn%'");
        assertEquals(1, legacy.size());
        assertEquals("FAILED", legacy.get(0).getString("status"), legacy.toString());
        assertEquals(0, smtp.getReceivedMessagesForDomain("corp.cn").length);
    }
}
