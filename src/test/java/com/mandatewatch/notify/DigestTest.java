package com.mandatewatch.notify;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.mandatewatch.support.Mails;
import com.mandatewatch.support.TestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.mandatewatch.support.Scenario.*;
import static com.mandatewatch.support.TestApp.*;
import static org.junit.jupiter.api.Assertions.*;

/** C22 end to end: a partial resolution inside a group of three open alerts of one client, with a real SMTP server. */
class DigestTest {
    static GreenMail smtp;
    static TestApp app;

    @BeforeAll
    static void start() {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        app = TestApp.start(Map.of("MW_SMTP_HOST", "127.0.0.1", "MW_SMTP_PORT", String.valueOf(smtp.getSmtp().getPort()),
                "MW_MAIL_FROM", "mw@example.test", "MW_NOTIFY_MIN_INTERVAL", "0s"));
    }

    @AfterAll
    static void stop() {
        app.close();
        smtp.stop();
    }

    @Test
    @DisplayName("C22 of three open breaches of C001 (600519.SH weight, stock ratio, excluded 600000.SH) only 600519.SH resolves: the mail says it is resolved and names the other two as still open")
    void partialResolution() throws Exception {
        app.call("POST", "/api/users", new JsonObject().put("username", "cm1").put("password", "Cm-Pass-2026!x")
                .put("role", "CLIENT_MANAGER").put("email", "cm1@example.test").put("name", "经理").encode(), app.token);
        assertEquals(201, app.post("/api/clients", new JsonObject().put("code", "C001").put("name", "华东某上市公司")
                .put("nature", "LISTED_COMPANY").put("manager", "cm1")).status());
        JsonObject contract = contractBody("K-2025-001", "C001", "A001");
        contract.getJsonObject("limits").put("kinds", new JsonObject().put("STOCK", new JsonObject().put("max", "0.60")));
        contract.getJsonObject("excluded").getJsonArray("codes").add("600000.SH");
        assertEquals(201, app.post("/api/contracts", contract).status());
        String t = ts("2025-03-03", "10:00");
        List<Object> feed = new ArrayList<>();
        List<String> codes = List.of("600519.SH", "600000.SH", "600001.SH", "600002.SH", "600003.SH", "600004.SH", "600005.SH", "600006.SH");
        for (String c : codes) {
            feed.add(security(c, "STOCK", 1_000_000_000L, "2025-03-03"));
            feed.add(price(c, "100.00", t));
        }
        // NAV 10,000,000: 600519.SH 10.5%, excluded 600000.SH 5%, six others 9% each (not above the 9% warning line)
        feed.add(position("A001", "600519.SH", "10500", t));
        feed.add(position("A001", "600000.SH", "5000", t));
        for (String c : codes.subList(2, 8)) feed.add(position("A001", c, "9000", t));
        feed.add(position("A001", "CASH", "3050000", t));
        app.feed(feed);
        JsonArray open = app.alerts("state=open&account=A001");
        assertEquals(3, open.size(), open.encodePrettily());
        await("the first digest", 10, () -> Mails.to(smtp, "cm1@example.test").size() == 1);
        String first = Mails.text(Mails.to(smtp, "cm1@example.test").get(0));
        assertFalse(first.contains("以下预警仍未解除"), "all three are lines of the first mail: " + first);

        // sell 5,500 shares of 600519.SH: 5% of NAV; the stock ratio (64%) and the excluded holding stay
        String t2 = ts("2025-03-03", "10:30");
        app.feed(List.of(position("A001", "600519.SH", "5000", t2), position("A001", "CASH", "3600000", t2)));
        await("the update", 10, () -> Mails.to(smtp, "cm1@example.test").size() == 2);
        String update = Mails.text(Mails.to(smtp, "cm1@example.test").get(1));
        int split = update.indexOf("以下预警仍未解除");
        assertTrue(split > 0, update);
        String lines = update.substring(0, split);
        String stillOpen = update.substring(split);
        assertTrue(lines.contains("【已解除】") && lines.contains("对象 600519.SH") && lines.contains("当前状态：已解除"), lines);
        assertTrue(stillOpen.contains("对象 股票类"), "the stock ratio in words, not STOCK: " + stillOpen);
        assertFalse(update.contains("still open") || update.contains("covers"), "a Chinese mail, no English halves: " + update);
        assertTrue(stillOpen.contains("对象 600000.SH"), stillOpen);
        assertFalse(stillOpen.contains("600519.SH"), stillOpen);
        assertEquals(2, stillOpen.lines().filter(l -> l.startsWith("  · ")).count(), stillOpen);
        assertEquals(2, app.alerts("state=open&account=A001").size());
    }
}
