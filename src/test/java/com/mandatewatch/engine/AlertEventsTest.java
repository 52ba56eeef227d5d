package com.mandatewatch.engine;

import com.mandatewatch.support.TestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static com.mandatewatch.support.TestApp.*;
import static org.junit.jupiter.api.Assertions.*;

/** Alert lifecycle through the whole service: acknowledgement, WebSocket replay, re-fire as a new stored instance. */
class AlertEventsTest {
    static TestApp app;

    @BeforeAll
    static void start() {
        app = TestApp.start(Map.of());
        app.setupClient("C001", "A001", "K-2025-001", "cm1", "cm1@example.test");
        app.setupClient("C002", "A002", "K-2025-002", "cm2", "cm2@example.test");
        app.setupClient("C003", "A003", "K-2025-003", "cm3", "cm3@example.test");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    /** 700 shares at price p with 8,950,000 cash: 1500 → 10.5%, 1200 → 8.58%, 1485 → 10.41%, 1530 → 10.69%. */
    static void holding(String account, String code, String price, String time) {
        app.feed(List.of(security(code, "STOCK", 1_000_000_000L, "2025-03-03"), price(code, price, ts("2025-03-03", time)),
                position(account, code, "700", ts("2025-03-03", time)), position(account, "CASH", "8950000.00", ts("2025-03-03", time))));
    }

    static void move(String code, String price, String time) {
        app.feed(List.of(price(code, price, ts("2025-03-03", time))));
    }

    static JsonObject only(JsonArray items) {
        assertEquals(1, items.size(), items.encodePrettily());
        return items.getJsonObject(0);
    }

    static List<JsonObject> drain(TestApp.Socket ws, long millis) throws InterruptedException {
        List<JsonObject> out = new ArrayList<>();
        long end = System.currentTimeMillis() + millis;
        JsonObject m;
        while ((m = ws.messages.poll(Math.max(1, end - System.currentTimeMillis()), TimeUnit.MILLISECONDS)) != null) out.add(m);
        return out;
    }

    @Test
    @DisplayName("§5 an acknowledged alert shows ACKNOWLEDGED with who and the comment, and the WebSocket gets an ACKNOWLEDGED event")
    void acknowledge() {
        holding("A001", "600001.SH", "1500.00", "10:00");
        JsonObject alert = only(app.alerts("state=open&account=A001"));
        try (TestApp.Socket ws = app.socket("token=" + app.token)) {
            assertEquals("snapshot", ws.next(10).getString("type"));
            TestApp.Response r = app.post("/api/alerts/" + alert.getLong("id") + "/ack", new JsonObject().put("comment", "已通知交易员减仓"));
            assertEquals(200, r.status(), r.body());
            JsonObject event = ws.nextEvent("ACKNOWLEDGED", 10);
            assertEquals(alert.getLong("id"), event.getJsonObject("alert").getLong("id"));
            assertEquals("已通知交易员减仓", event.getJsonObject("alert").getString("comment"));
        }
        JsonObject stored = app.get("/api/alerts/" + alert.getLong("id")).json();
        assertEquals("ACKNOWLEDGED", stored.getString("state"));
        assertEquals("admin", stored.getString("acknowledgedBy"));
        assertEquals("已通知交易员减仓", stored.getString("comment"));
        assertEquals(404, app.post("/api/alerts/999999/ack", new JsonObject().put("comment", "x")).status());

        // a second acknowledgement replaces the comment on the alert; the audit log keeps both, the first as "before"
        String id = String.valueOf(alert.getLong("id"));
        assertEquals(200, app.post("/api/alerts/" + id + "/ack", new JsonObject().put("comment", "已通知交易员减仓")).status(), "the same again");
        assertEquals(200, app.post("/api/alerts/" + id + "/ack", new JsonObject().put("comment", "交易员已减仓至 9%")).status());
        io.vertx.core.json.JsonArray audit = app.get("/api/audit?entity=alert&code=" + id).items();
        assertEquals(2, audit.size(), audit.encodePrettily());
        JsonObject second = audit.getJsonObject(0), first = audit.getJsonObject(1);
        assertEquals("ACKNOWLEDGE", second.getString("action"));
        assertEquals("admin", second.getString("actor"));
        assertEquals("已通知交易员减仓", second.getJsonObject("before").getString("comment"));
        assertEquals("交易员已减仓至 9%", second.getJsonObject("after").getString("comment"));
        assertEquals("FIRING", first.getJsonObject("before").getString("state"));
        assertEquals("ACKNOWLEDGED", first.getJsonObject("after").getString("state"));
        long events = app.sql("SELECT count(*) AS n FROM alert_event WHERE alert_id = $1 AND kind = 'ACKNOWLEDGED'", alert.getLong("id"))
                .get(0).getLong("n");
        assertEquals(2, events, "the same acknowledgement again is no new event");

        // another person taking it over with the same words is a new acknowledgement: theirs
        String lead = app.user("lead-ack", "SALES_LEAD", null);
        assertEquals(200, app.call("POST", "/api/alerts/" + id + "/ack", new JsonObject().put("comment", "交易员已减仓至 9%").encode(), lead).status());
        assertEquals("lead-ack", app.get("/api/alerts/" + id).json().getString("acknowledgedBy"));
        JsonObject takenOver = app.get("/api/audit?entity=alert&code=" + id).items().getJsonObject(0);
        assertEquals("lead-ack", takenOver.getString("actor"));
        assertEquals("admin", takenOver.getJsonObject("before").getString("acknowledgedBy"));
    }

    @Test
    @DisplayName("C30 a ?since= ahead of every stored event (a view counted on another or a restored database) gets a fresh snapshot, not silence")
    void sinceAheadGetsASnapshot() {
        try (TestApp.Socket ws = app.socket("token=" + app.token + "&since=999999999")) {
            JsonObject first = ws.next(10);
            assertEquals("snapshot", first.getString("type"), first.encode());
        }
    }

    @Test
    @DisplayName("C30 WebSocket ?since=k replays exactly the events after k in strictly increasing seq, then goes live without repeating one")
    void replaySince() throws Exception {
        long k;
        try (TestApp.Socket ws = app.socket("token=" + app.token)) {
            k = ws.next(10).getLong("seq");
        }
        // while disconnected: one opens, changes value, resolves
        holding("A002", "600002.SH", "1500.00", "11:00");
        move("600002.SH", "1530.00", "11:01");
        move("600002.SH", "1200.00", "11:02");
        try (TestApp.Socket ws = app.socket("token=" + app.token + "&since=" + k)) {
            List<JsonObject> replayed = drain(ws, 3_000);
            List<JsonObject> mine = replayed.stream().filter(m -> m.getJsonObject("alert") != null
                    && "A002".equals(m.getJsonObject("alert").getString("account"))).toList();
            assertEquals(List.of("OPENED", "UPDATED", "RESOLVED"), mine.stream().map(m -> m.getString("event")).toList(), replayed.toString());
            long last = k;
            Set<Long> seqs = new HashSet<>();
            for (JsonObject m : replayed) {
                assertEquals("event", m.getString("type"), "a replay sends events, not a snapshot");
                long seq = m.getLong("seq");
                assertTrue(seq > last, "seq increases strictly: " + replayed);
                assertTrue(seqs.add(seq));
                last = seq;
            }
            holding("A002", "600002.SH", "1500.00", "11:03"); // live: opens again
            JsonObject live = ws.nextEvent("OPENED", 10);
            assertTrue(live.getLong("seq") > last);
            for (JsonObject m : drain(ws, 1_500)) assertTrue(seqs.add(m.getLong("seq")) && m.getLong("seq") > live.getLong("seq"), m.encode());
        }
    }

    @Test
    @DisplayName("C21 a breach resolved (8.6%) and breached again (10.4%) is a new stored alert with a new id; the first stays RESOLVED in history")
    void refireIsNewStoredInstance() {
        holding("A003", "600003.SH", "1500.00", "13:00");
        JsonObject first = only(app.alerts("state=open&account=A003"));
        move("600003.SH", "1200.00", "13:05");
        assertEquals(0, app.alerts("state=open&account=A003").size());
        move("600003.SH", "1485.00", "13:10");
        JsonObject second = only(app.alerts("state=open&account=A003"));
        assertNotEquals(first.getLong("id"), second.getLong("id"));
        assertEquals(first.getString("fingerprint"), second.getString("fingerprint"));
        assertEquals("CRITICAL", second.getString("severity"));
        JsonObject old = app.get("/api/alerts/" + first.getLong("id")).json();
        assertEquals("RESOLVED", old.getString("state"));
        assertNotNull(old.getString("resolvedAt"));
        assertEquals(2, app.alerts("state=all&account=A003").size());
    }
}
