package com.mandatewatch.notify;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.mandatewatch.support.Mails;
import com.mandatewatch.support.TestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.mandatewatch.support.Scenario.*;
import static com.mandatewatch.support.TestApp.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The outbox a service filled while no SMTP server was configured (the demo's first run, or an outage): when mail
 * starts going out, it tells each alert's state as it is then, and weekly reminders a later row made outdated are
 * recorded but not mailed.
 */
class BacklogTest {

    @Test
    @DisplayName("Six weeks of reminders come without SMTP, outdated ones set aside at once; one contract is renewed, the other's warning acknowledged: once SMTP is configured the manager gets one mail, renewed contract 已解除, the other 已确认，未解除, each outdated reminder SUPPRESSED with its reason")
    void backlogTellsTheStateAtSending() throws Exception {
        Path dir = Files.createTempDirectory("mw-backlog-");
        try {
            try (TestApp quiet = TestApp.start(dir, Map.of())) {
                quiet.call("POST", "/api/users", new JsonObject().put("username", "cm1").put("password", "Cm-Pass-2026!x")
                        .put("role", "CLIENT_MANAGER").put("email", "cm1@example.test").put("name", "经理").encode(), quiet.token);
                assertEquals(201, quiet.post("/api/clients", new JsonObject().put("code", "C001").put("name", "华东某上市公司")
                        .put("nature", "LISTED_COMPANY").put("manager", "cm1")).status());
                assertEquals(201, quiet.post("/api/contracts", contractBody("K-R", "C001", "A-R").put("maturityDate", "2025-05-20")).status());
                assertEquals(201, quiet.post("/api/contracts", contractBody("K-S", "C001", "A-S").put("maturityDate", "2025-05-22")).status());
                // six weeks of daily clocks in one post: each is a moment the feed passed through
                List<Object> clocks = new ArrayList<>();
                for (LocalDate d = LocalDate.parse("2025-03-18"); d.isBefore(LocalDate.parse("2025-05-01")); d = d.plusDays(1)) {
                    clocks.add(new JsonObject().put("type", "clock").put("ts", ts(d.toString(), "09:00")));
                }
                quiet.feed(clocks);
                JsonObject renewed = quiet.get("/api/contracts/K-R").json();
                assertEquals(200, quiet.put("/api/contracts/K-R", renewed.put("status", "RENEWED")).status());
                long open = quiet.alerts("state=open&rule=MATURITY&account=A-S").getJsonObject(0).getLong("id");
                assertEquals(200, quiet.post("/api/alerts/" + open + "/ack", new JsonObject().put("comment", "续约谈判中")).status());
                assertEquals(0, quiet.alerts("state=open&account=A-R").size(), "the renewal resolves K-R's warning");
                // without SMTP nothing goes out, but outdated reminders are set aside at once: the pending count is
                // what the department would get, one newest reminder of the open warning
                await("outdated reminders set aside without SMTP", 10, () -> quiet.sql("SELECT count(*) AS n FROM outbox o "
                        + "JOIN alert_event e ON e.seq = o.event_seq WHERE e.kind = 'REMINDER' AND o.status = 'PENDING'")
                        .get(0).getLong("n") == 1);
                long setAside = quiet.sql("SELECT count(*) AS n FROM outbox o JOIN alert_event e ON e.seq = o.event_seq "
                        + "WHERE e.kind = 'REMINDER' AND o.status = 'SUPPRESSED'").get(0).getLong("n");
                assertTrue(setAside >= 10, "six weeks of weekly reminders of both contracts, all but one outdated: " + setAside);
            }

            GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            smtp.start();
            try (TestApp app = TestApp.start(dir, Map.of("MW_SMTP_HOST", "127.0.0.1", "MW_SMTP_PORT",
                    String.valueOf(smtp.getSmtp().getPort()), "MW_MAIL_FROM", "mw@example.test", "MW_NOTIFY_MIN_INTERVAL", "0s"))) {
                await("the backlog is handled", 20, () -> outbox(app, "PENDING").isEmpty() && outbox(app, "SENDING").isEmpty());
                Thread.sleep(1500);
                var mails = Mails.to(smtp, "cm1@example.test");
                assertEquals(1, mails.size(), "one mail for the whole backlog");
                String text = Mails.text(mails.get(0));
                String r = line(text, "A-R"), s = line(text, "A-S");
                assertTrue(r.contains("【已解除】") && r.contains("当前状态：已解除"), r);
                assertTrue(s.contains("当前状态：已确认，未解除"), "told as it is when sent, not as the reminder left it: " + s);
                assertFalse(text.contains("当前状态：未解除"), text);

                List<JsonObject> rows = app.sql("SELECT e.kind, o.status, o.last_error FROM outbox o JOIN alert_event e ON e.seq = o.event_seq "
                        + "JOIN alert a ON a.id = e.alert_id WHERE a.account = 'A-R'");
                assertTrue(rows.stream().anyMatch(x -> x.getString("kind").equals("RESOLVED") && x.getString("status").equals("SENT")), rows.toString());
                for (JsonObject x : rows) {
                    if (x.getString("kind").equals("REMINDER")) {
                        assertEquals("SUPPRESSED", x.getString("status"), x.encode());
                        assertTrue(x.getString("last_error").startsWith("提醒已过时"), x.encode());
                    }
                }
                JsonArray suppressedOfS = new JsonArray(app.sql("SELECT o.id FROM outbox o JOIN alert_event e ON e.seq = o.event_seq "
                        + "JOIN alert a ON a.id = e.alert_id WHERE a.account = 'A-S' AND e.kind = 'REMINDER' AND o.status = 'SUPPRESSED'"));
                JsonArray sentOfS = new JsonArray(app.sql("SELECT o.id FROM outbox o JOIN alert_event e ON e.seq = o.event_seq "
                        + "JOIN alert a ON a.id = e.alert_id WHERE a.account = 'A-S' AND o.status = 'SENT'"));
                assertFalse(suppressedOfS.isEmpty(), "older reminders of the open warning are outdated by its newest one");
                assertEquals(2, sentOfS.size(), "its opening and its newest reminder go out: " + sentOfS.encode());
            } finally {
                smtp.stop();
            }
        } finally {
            TestApp.deleteTree(dir);
        }
    }

    /** The text lines of the mail's entry about this account. */
    private static String line(String text, String account) {
        for (String entry : text.split("\n\n")) if (entry.contains(account)) return entry;
        fail("no entry for " + account + " in " + text);
        return "";
    }
}
