package com.mandatewatch.notify;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.mandatewatch.support.Mails;
import com.mandatewatch.support.TestApp;
import io.vertx.core.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static com.mandatewatch.support.Scenario.*;
import static com.mandatewatch.support.TestApp.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * C20 end to end: a weight flapping around its 10% limit, with no warning line so that every crossing opens or
 * resolves an alert, under a 6 s notify.min-interval and a real SMTP server.
 */
class FlappingTest {
    static final long MIN_INTERVAL_MS = 6_000;
    static GreenMail smtp;
    static TestApp app;

    @BeforeAll
    static void start() {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        app = TestApp.start(Map.of("MW_SMTP_HOST", "127.0.0.1", "MW_SMTP_PORT", String.valueOf(smtp.getSmtp().getPort()),
                "MW_MAIL_FROM", "mw@example.test", "MW_NOTIFY_MIN_INTERVAL", "6s"));
    }

    @AfterAll
    static void stop() {
        app.close();
        smtp.stop();
    }

    /** A client whose contract has no warning line (warnFraction 1), holding 10,000 shares and 9,000,000 cash. */
    static String flapper(String tag, String code) {
        return flapper(tag, code, "1");
    }

    static String flapper(String tag, String code, String warnFraction) {
        String account = "A" + tag;
        app.call("POST", "/api/users", new JsonObject().put("username", "cm" + tag).put("password", "Cm-Pass-2026!x")
                .put("role", "CLIENT_MANAGER").put("email", "cm" + tag + "@example.test").put("name", "经理").encode(), app.token);
        assertEquals(201, app.post("/api/clients", new JsonObject().put("code", "C" + tag).put("name", "客户" + tag)
                .put("nature", "PRIVATE").put("manager", "cm" + tag)).status());
        JsonObject contract = contractBody("K-" + tag, "C" + tag, account);
        contract.getJsonObject("limits").put("warnFraction", warnFraction);
        assertEquals(201, app.post("/api/contracts", contract).status());
        app.feed(List.of(security(code, "STOCK", 1_000_000_000L, "2025-03-03"), price(code, "99.88", ts("2025-03-03", "10:00")),
                position(account, code, "10000", ts("2025-03-03", "10:00")),
                position(account, "CASH", "9000000", ts("2025-03-03", "10:00"))));
        return "cm" + tag + "@example.test";
    }

    /**
     * Prices one a second of business time from 10:00:00 + {@code fromSecond}, each its own feed post: 100.12 is 10.01%,
     * 99.78 is 9.98% … The interval holds back changes close together in business time as in wall time.
     */
    static void ticks(String code, int fromSecond, String... prices) {
        for (int i = 0; i < prices.length; i++) {
            app.feed(List.of(price(code, prices[i], "2025-03-03T10:00:" + String.format("%02d", fromSecond + i) + "+08:00")));
        }
    }

    @Test
    @DisplayName("C20 9.99/10.01/9.98/10.02/9.99/10.03/9.98% within the interval: one firing e-mail, then exactly one e-mail saying resolved, covering the five later changes")
    void flappingEndsResolved() throws Exception {
        String to = flapper("F1", "600801.SH");
        ticks("600801.SH", 1, "100.12");
        await("the first breach is mailed at once", 10, () -> Mails.to(smtp, to).size() == 1);
        long first = System.currentTimeMillis();
        ticks("600801.SH", 2, "99.78", "100.23", "99.90", "100.34", "99.80");
        assertEquals(6, app.alerts("state=all&account=AF1").size() + 3, "three alerts opened and resolved: the engine keeps every transition");
        await("the coalesced mail after the interval", 15, () -> Mails.to(smtp, to).size() == 2);
        assertTrue(System.currentTimeMillis() - first >= MIN_INTERVAL_MS - 1_500, "not before min-interval");
        MimeMessage second = Mails.to(smtp, to).get(1);
        assertTrue(second.getSubject().contains("已解除"), second.getSubject());
        String text = Mails.text(second);
        assertTrue(text.contains("当前状态：已解除"), text);
        assertTrue(text.contains("汇总 5 次变化"), text);
        sleep(MIN_INTERVAL_MS + 2_000);
        assertEquals(2, Mails.to(smtp, to).size(), "at most one firing and one resolved e-mail for the episode");
    }

    @Test
    @DisplayName("C20 a RESOLVED inside the interval is deferred, not dropped, and a later re-opening in the same mail supersedes it: the mail shows the alert open")
    void resolvedIsDeferredOrSuperseded() throws Exception {
        String lone = flapper("F2", "600802.SH");
        String flip = flapper("F3", "600803.SH");
        ticks("600802.SH", 1, "100.12");
        ticks("600803.SH", 1, "100.12");
        await("both first breaches mailed", 10, () -> Mails.to(smtp, lone).size() == 1 && Mails.to(smtp, flip).size() == 1);
        ticks("600802.SH", 2, "99.78");                 // resolved once: must still be told
        ticks("600803.SH", 2, "99.78", "100.23");       // resolved then open again: the open state wins
        sleep(3_000);
        assertEquals(1, Mails.to(smtp, lone).size(), "deferred inside the interval");
        await("deferred mails go out", 15, () -> Mails.to(smtp, lone).size() == 2 && Mails.to(smtp, flip).size() == 2);
        String resolved = Mails.text(Mails.to(smtp, lone).get(1));
        assertTrue(resolved.contains("【已解除】") && resolved.contains("当前状态：已解除"), resolved);
        String reopened = Mails.text(Mails.to(smtp, flip).get(1));
        assertTrue(reopened.contains("【新预警】") && reopened.contains("当前状态：未解除") && reopened.contains("汇总 2 次变化"), reopened);
        assertFalse(reopened.contains("已解除"), "the superseded resolution is not announced on its own: " + reopened);
    }

    @Test
    @DisplayName("A rise from WARNING to CRITICAL inside the interval is mailed at once (the recipient was not told of it); the flapping after it is held as before")
    void escalationIsNotHeld() throws Exception {
        String to = flapper("F4", "600804.SH", "0.9");   // 9.99% from the start: above the 9% warning line
        await("the warning is mailed", 10, () -> Mails.to(smtp, to).size() == 1);
        assertTrue(Mails.to(smtp, to).get(0).getSubject().contains("预警"), Mails.to(smtp, to).get(0).getSubject());
        ticks("600804.SH", 2, "100.12");                // 10.01%: the limit is broken
        await("the breach is mailed within the interval", 4, () -> Mails.to(smtp, to).size() == 2);
        assertTrue(Mails.to(smtp, to).get(1).getSubject().contains("严重"), Mails.to(smtp, to).get(1).getSubject());
        ticks("600804.SH", 3, "99.78", "100.23");       // back to warning and up again: flapping, held
        sleep(2_000);
        assertEquals(2, Mails.to(smtp, to).size(), "the flapping after the escalation waits for the interval");
    }

    @Test
    @DisplayName("C21 warning 9.99%, resolved 8.00% (held by the interval), CRITICAL 10.50% (mailed at once): the held resolution is outdated and never mailed after the breach, recorded SUPPRESSED with its reason")
    void heldResolutionNeverFollowsTheBreach() throws Exception {
        String to = flapper("F6", "600806.SH", "0.9");   // 9.99%: above the 9% warning line
        await("the warning is mailed", 10, () -> Mails.to(smtp, to).size() == 1);
        ticks("600806.SH", 2, "78.26", "105.58");       // 8.00%: resolved, held; 10.50%: a new CRITICAL alert
        await("the breach is mailed at once", 4, () -> Mails.to(smtp, to).size() == 2);
        assertTrue(Mails.to(smtp, to).get(1).getSubject().contains("严重"), Mails.to(smtp, to).get(1).getSubject());
        sleep(MIN_INTERVAL_MS + 3_000);
        assertEquals(2, Mails.to(smtp, to).size(), "no 已解除 after the breach: " + (Mails.to(smtp, to).size() > 2
                ? Mails.to(smtp, to).get(2).getSubject() : ""));
        List<JsonObject> held = app.sql("SELECT o.status, o.last_error FROM outbox o JOIN alert_event e ON e.seq = o.event_seq "
                + "WHERE o.recipient = $1 AND e.kind = 'RESOLVED'", to);
        assertEquals(1, held.size(), held.toString());
        assertEquals("SUPPRESSED", held.get(0).getString("status"));
        assertTrue(held.get(0).getString("last_error").startsWith("已过时"), held.toString());
    }

    @Test
    @DisplayName("A change an hour later in business time is not held by a mail sent seconds ago in wall time (a replay runs business days in seconds)")
    void businessTimeApartIsNotHeld() throws Exception {
        String to = flapper("F5", "600805.SH");
        ticks("600805.SH", 1, "100.12");
        await("the breach is mailed", 10, () -> Mails.to(smtp, to).size() == 1);
        app.feed(List.of(price("600805.SH", "99.78", ts("2025-03-03", "11:00"))));
        await("the resolution an hour later is mailed at once", 4, () -> Mails.to(smtp, to).size() == 2);
        assertTrue(Mails.to(smtp, to).get(1).getSubject().contains("已解除"), Mails.to(smtp, to).get(1).getSubject());
    }
}
