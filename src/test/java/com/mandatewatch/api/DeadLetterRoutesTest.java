package com.mandatewatch.api;

import com.mandatewatch.support.TestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static com.mandatewatch.support.TestApp.*;
import static org.junit.jupiter.api.Assertions.*;

/** GET /api/feed/rejected: every rejected feed line is kept with its reason and listed for OPS, paged. */
class DeadLetterRoutesTest {
    static TestApp app;

    @BeforeAll
    static void start() {
        app = TestApp.start(Map.of());
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    @DisplayName("C02 rejected lines are listed newest first with source, line, reason, payload and receivedAt, paged by limit and offset, for OPS and ADMIN only")
    void listsRejectedLines() {
        assertEquals(1, app.feed(List.of(price("600519.SH", "1500.00", ts("2025-03-03", "10:00")), "{not json"))
                .getJsonArray("rejected").size());
        assertEquals(1, app.feed(List.of(price("600519.SH", "1500.00", ts("2025-03-03", "10:01")),
                price("600519.SH", "1501.00", ts("2025-03-03", "10:02")), price("600519.SH", "-1", ts("2025-03-03", "10:03"))))
                .getJsonArray("rejected").size());
        TestApp.Response r = app.get("/api/feed/rejected");
        assertEquals(200, r.status(), r.body());
        assertEquals(2, r.json().getLong("total"));
        JsonArray items = r.items();
        JsonObject newest = items.getJsonObject(0);
        assertEquals("http", newest.getString("source"));
        assertEquals(3, newest.getInteger("line"));
        assertTrue(newest.getString("payload").contains("\"-1\""), newest.encode());
        assertFalse(newest.getString("reason").isBlank());
        assertNotNull(newest.getString("receivedAt"));
        assertEquals(2, items.getJsonObject(1).getInteger("line"));
        assertEquals("{not json", items.getJsonObject(1).getString("payload"));

        JsonObject page = app.get("/api/feed/rejected?limit=1&offset=1").json();
        assertEquals(1, page.getJsonArray("items").size());
        assertEquals(2, page.getLong("total"));
        assertEquals(2, page.getJsonArray("items").getJsonObject(0).getInteger("line"));
        assertEquals(400, app.get("/api/feed/rejected?limit=0").status());
        assertEquals(400, app.get("/api/feed/rejected?offset=-1").status());

        app.call("POST", "/api/users", new JsonObject().put("username", "ops1").put("password", "Ops-Pass-2026!x")
                .put("role", "OPS").put("email", "ops1@example.test").put("name", "运维").encode(), app.token);
        app.call("POST", "/api/users", new JsonObject().put("username", "lead1").put("password", "Lead-Pass-2026!x")
                .put("role", "SALES_LEAD").put("email", "lead1@example.test").put("name", "组长").encode(), app.token);
        assertEquals(200, app.call("GET", "/api/feed/rejected", null, app.login("ops1", "Ops-Pass-2026!x")).status());
        assertEquals(403, app.call("GET", "/api/feed/rejected", null, app.login("lead1", "Lead-Pass-2026!x")).status());
    }
}
