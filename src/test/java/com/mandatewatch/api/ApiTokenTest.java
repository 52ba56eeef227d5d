package com.mandatewatch.api;

import com.mandatewatch.auth.ApiTokens;
import com.mandatewatch.support.TestApp;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static com.mandatewatch.support.TestApp.security;
import static org.junit.jupiter.api.Assertions.*;

/** API tokens for feed producers (issue 5 item 1): issued once by ADMIN, hashed at rest, feed only, revocable. */
class ApiTokenTest {
    static TestApp app;
    static String ops;
    static final String DAY = "2025-03-05";

    @BeforeAll
    static void start() {
        app = TestApp.start(Map.of());
        app.user("producer", "FEED", null);
        ops = app.user("ops1", "OPS", null);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static String feedLine(String code) { return security(code, "STOCK", 1_000_000L, DAY).encode() + "\n"; }

    static JsonObject issue(String user) {
        TestApp.Response r = app.post("/api/users/" + user + "/tokens", "{}");
        assertEquals(201, r.status(), r.body());
        return r.json();
    }

    @Test
    void onlyAdminIssuesAndOnlyForFeedUsers() {
        assertEquals(403, app.call("POST", "/api/users/producer/tokens", "{}", ops).status());
        assertEquals(409, app.post("/api/users/ops1/tokens", "{}").status());
        assertEquals(404, app.post("/api/users/nobody/tokens", "{}").status());
        assertEquals(403, app.call("GET", "/api/users/producer/tokens", null, ops).status());
    }

    @Test
    void tokenIsShownOnceStoredHashedAndPostsToTheFeedOnly() {
        JsonObject issued = issue("producer");
        String token = issued.getString("token");
        assertTrue(token.startsWith("mwf_") && token.length() >= 40, token);
        assertEquals("producer", issued.getString("username"));
        List<JsonObject> rows = app.sql("SELECT token_hash FROM api_token WHERE id = $1", issued.getLong("id"));
        assertEquals(ApiTokens.hash(token), rows.get(0).getString("token_hash"));
        assertFalse(app.sql("SELECT * FROM api_token").toString().contains(token), "the token itself is not stored");
        JsonObject listed = app.get("/api/users/producer/tokens").items().stream().map(o -> (JsonObject) o)
                .filter(j -> j.getLong("id").equals(issued.getLong("id"))).findFirst().orElseThrow();
        assertNull(listed.getString("token"), "the list never shows the token again");

        TestApp.Response fed = app.call("POST", "/api/feed", feedLine("TK1.SH"), token);
        assertEquals(200, fed.status(), fed.body());

        for (String[] call : new String[][]{{"GET", "/api/alerts"}, {"GET", "/api/users/producer"}, {"GET", "/api/status"},
                {"GET", "/api/feed/rejected"}, {"GET", "/api/clients"}, {"POST", "/api/clients"}, {"GET", "/api/outbox"},
                {"POST", "/api/users/producer/tokens"}, {"GET", "/api/no-such-route"}}) {
            TestApp.Response r = app.call(call[0], call[1], call[0].equals("POST") ? "{}" : null, token);
            assertEquals(403, r.status(), call[0] + " " + call[1] + " " + r.body());
        }
        assertEquals(401, app.call("POST", "/api/feed", feedLine("TK2.SH"), "mwf_" + "A".repeat(43)).status());
    }

    @Test
    void aFeedUserLoggedInWithAPasswordIsLimitedToTheFeedToo() {
        String signed = app.login("producer", TestApp.USER_PASSWORD);
        assertEquals(403, app.call("GET", "/api/users/producer", null, signed).status());
        assertEquals(200, app.call("POST", "/api/feed", feedLine("TK3.SH"), signed).status());
    }

    @Test
    @org.junit.jupiter.api.DisplayName("A revoked token, or one of a user deactivated or given another role since, stops working for good; a new one works")
    void revokedOrDeactivatedTokensStopWorking() {
        JsonObject issued = issue("producer");
        String token = issued.getString("token");
        assertEquals(200, app.call("POST", "/api/feed", feedLine("TK4.SH"), token).status());
        assertEquals(403, app.call("DELETE", "/api/users/producer/tokens/" + issued.getLong("id"), null, ops).status());
        assertEquals(204, app.call("DELETE", "/api/users/producer/tokens/" + issued.getLong("id"), null, app.token).status());
        assertEquals(401, app.call("POST", "/api/feed", feedLine("TK5.SH"), token).status());
        assertEquals(404, app.call("DELETE", "/api/users/producer/tokens/" + issued.getLong("id"), null, app.token).status());
        assertEquals(404, app.call("DELETE", "/api/users/producer/tokens/x", null, app.token).status());
        assertNotNull(app.get("/api/users/producer/tokens").items().stream().map(o -> (JsonObject) o)
                .filter(j -> j.getLong("id").equals(issued.getLong("id"))).findFirst().orElseThrow().getString("revokedAt"));

        app.user("producer2", "FEED", null);
        String other = issue("producer2").getString("token");
        assertEquals(200, app.call("POST", "/api/feed", feedLine("TK6.SH"), other).status());
        assertEquals(200, app.put("/api/users/producer2", new JsonObject().put("name", "p2").put("role", "FEED").put("active", false)).status());
        assertEquals(401, app.call("POST", "/api/feed", feedLine("TK7.SH"), other).status(), "an inactive user's token is refused");
        assertEquals(200, app.put("/api/users/producer2", new JsonObject().put("name", "p2").put("role", "FEED").put("active", true)).status());
        assertEquals(401, app.call("POST", "/api/feed", feedLine("TK8.SH"), other).status(), "reactivation does not revive it");

        String third = issue("producer2").getString("token");
        assertEquals(200, app.call("POST", "/api/feed", feedLine("TK9.SH"), third).status());
        assertEquals(200, app.put("/api/users/producer2", new JsonObject().put("name", "p2").put("role", "OPS")).status());
        assertEquals(200, app.put("/api/users/producer2", new JsonObject().put("name", "p2").put("role", "FEED")).status());
        assertEquals(401, app.call("POST", "/api/feed", feedLine("TK10.SH"), third).status(), "nor does the old role given back");
        assertEquals(200, app.call("POST", "/api/feed", feedLine("TK11.SH"), issue("producer2").getString("token")).status());
    }
}
