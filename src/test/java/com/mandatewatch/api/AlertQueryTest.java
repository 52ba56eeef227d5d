package com.mandatewatch.api;

import com.mandatewatch.support.TestApp;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.mandatewatch.support.TestApp.*;
import static org.junit.jupiter.api.Assertions.*;

/** GET /api/alerts paging and query validation, and the comment an acknowledgement needs. */
class AlertQueryTest {
    static TestApp app;

    @BeforeAll
    static void start() {
        app = TestApp.start(Map.of());
        app.setupClient("C950", "A950", "K-950", "cm950", "cm950@example.test");
        List<Object> feed = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String code = "60000" + i + ".SH";
            feed.add(security(code, "STOCK", 1_000_000_000L, "2025-03-03"));
            feed.add(price(code, "10.00", ts("2025-03-03", "10:00")));
            feed.add(position("A950", code, "120000", ts("2025-03-03", "10:00"))); // 1.2M of 6.6M each: > 10%
        }
        feed.add(position("A950", "CASH", "3000000", ts("2025-03-03", "10:00")));
        app.feed(feed);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    @DisplayName("total counts every alert the filter matches, not just the page")
    void totalIsTheWholeCount() {
        JsonObject page = app.get("/api/alerts?state=open&account=A950&limit=2").json();
        assertEquals(2, page.getJsonArray("items").size());
        assertEquals(3, page.getLong("total"));
        JsonObject rest = app.get("/api/alerts?state=open&account=A950&limit=2&offset=2").json();
        assertEquals(1, rest.getJsonArray("items").size());
        assertEquals(3, rest.getLong("total"));
    }

    @Test
    @DisplayName("Every bad query parameter is named in one answer")
    void everyBadParameterNamed() {
        TestApp.Response r = app.get("/api/alerts?state=some&rule=NOPE&severity=X&limit=-1&offset=z");
        assertEquals(400, r.status());
        Set<String> fields = new java.util.HashSet<>();
        r.json().getJsonArray("details").forEach(d -> fields.add(((JsonObject) d).getString("field")));
        assertEquals(Set.of("state", "rule", "severity", "limit", "offset"), fields);
    }

    @Test
    @DisplayName("An acknowledgement without a comment is refused naming the comment field")
    void ackNeedsAComment() {
        long id = app.alerts("state=open&account=A950").getJsonObject(0).getLong("id");
        TestApp.Response r = app.post("/api/alerts/" + id + "/ack", new JsonObject());
        assertEquals(400, r.status());
        assertEquals("comment", r.json().getJsonArray("details").getJsonObject(0).getString("field"));
        assertEquals(400, app.post("/api/alerts/" + id + "/ack", new JsonObject().put("comment", "  ")).status());
    }
}
