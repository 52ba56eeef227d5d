package com.mandatewatch.api;

import com.mandatewatch.support.TestApp;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static com.mandatewatch.support.TestApp.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 5 item 2: every route of the running /api router (and the WebSocket) called by every role. The expected
 * table is written out here, independently of the permission table in main, so a change of who may do what shows
 * up as a changed line in this test; a route missing from the table fails the test, so a new route needs its line.
 * "Y" means the role gets past the permission check (any answer but 401/403: 200, or 400/404/409 for the
 * deliberately empty bodies and unknown ids used here); "-" means 403.
 */
class RoleMatrixTest {
    static final List<String> ROLES = List.of("ADMIN", "CLIENT_MANAGER", "SALES_LEAD", "MARKETING_MANAGER",
            "RECORDS_CUSTODIAN", "TRADING", "FINANCE", "COMPLIANCE", "OPS", "FEED");

    /** route → one column per role in ROLES order: AD CM SL MM RC TR FI CO OP FE. */
    static final Map<String, String> EXPECTED = new LinkedHashMap<>();

    static {
        row("GET /openapi.yaml",                    "YYYYYYYYYY"); // public: describes the API, holds no data
        row("POST /auth/login",                     "YYYYYYYYYY"); // public
        row("GET /users",                           "Y---------");
        row("POST /users",                          "Y---------");
        row("GET /users/{username}",                "Y---------"); // another user's; one's own is readable (tested below)
        row("PUT /users/{username}",                "Y---------");
        row("GET /users/{username}/tokens",         "Y---------");
        row("GET /people",                          "YYYYYYYYY-"); // names and roles only
        row("POST /users/{username}/tokens",        "Y---------");
        row("DELETE /users/{username}/tokens/{id}", "Y---------");
        row("GET /clients",                         "YYYYYYYY--");
        row("POST /clients",                        "YYYY------");
        row("GET /clients/export",                  "YYYYYYYY--");
        row("GET /clients/print",                   "YYYYYYYY--");
        row("GET /clients/{code}",                  "YYYYYYYY--");
        row("PUT /clients/{code}",                  "YYYY------");
        row("DELETE /clients/{code}",               "YYYY------");
        row("POST /clients/{code}/seal",            "Y---Y-----");
        row("GET /clients/{code}/contacts",         "YYYYY--Y--");
        row("POST /clients/{code}/contacts",        "YYYY------");
        row("GET /contracts",                       "YYYYYYYY--");
        row("POST /contracts",                      "YYYY------");
        row("GET /contracts/export",                "YYYYYYYY--");
        row("GET /contracts/print",                 "YYYYYYYY--");
        row("GET /contracts/{code}",                "YYYYYYYY--");
        row("PUT /contracts/{code}",                "YYYY------");
        row("POST /contracts/{code}/seal",          "Y---Y-----");
        row("GET /changes",                         "YYYY------");
        row("POST /changes/{id}/approve",           "--YY------");
        row("POST /changes/{id}/reject",            "--YY------");
        row("GET /audit",                           "YYYY---Y--");
        row("GET /securities",                      "YYYYYYYYY-");
        row("GET /securities/{code}",               "YYYYYYYYY-");
        row("GET /accounts/{account}",              "YYYY-Y-YY-");
        row("POST /feed",                           "Y-------YY");
        row("GET /feed/rejected",                   "Y-------Y-");
        row("GET /alerts",                          "YYYY-YYYY-");
        row("GET /alerts/{id}",                     "YYYY-YYYY-");
        row("POST /alerts/{id}/ack",                "YYYY-YYYY-");
        row("GET /silences",                        "YYYY-YYYY-");
        row("POST /silences",                       "Y-YY---YY-");
        row("DELETE /silences/{id}",                "Y-YY---YY-");
        row("GET /disclosures",                     "Y-YY---Y--");
        row("POST /disclosures",                    "Y------Y--");
        row("GET /outbox",                          "Y-------Y-");
        row("GET /reports/classification",          "YYYYYYYY--");
        row("GET /reports/maturity-distribution",   "YYYY-YYY--");
        row("GET /assessments",                     "YYYY---Y--");
        row("POST /assessments",                    "--YY------");
        row("PUT /assessments/{id}",                "--YY------");
        row("GET /assessments/summary",             "YYYY---Y--");
        row("GET /status",                          "YYYYYYYYY-");
        row("WS /ws/alerts",                        "YYYY-YYYY-");
    }

    static void row(String route, String allowed) {
        assertEquals(ROLES.size(), allowed.length(), route);
        EXPECTED.put(route, allowed);
    }

    static TestApp app;
    static final Map<String, String> TOKENS = new LinkedHashMap<>();
    static long alertId;

    @BeforeAll
    static void start() {
        app = TestApp.start(Map.of());
        app.setupClient("C001", "A001", "K-C001", "cm1", "cm1@example.test");
        String t = ts("2025-03-05", "10:00");
        app.feed(List.of(security("RM.SH", "STOCK", 1_000_000_000L, "2025-03-05"), price("RM.SH", "100.00", t),
                position("A001", "CASH", "8900000.00", t), position("A001", "RM.SH", "11000", t)));
        alertId = app.alerts("state=open&account=A001").getJsonObject(0).getLong("id");
        TOKENS.put("ADMIN", app.token);
        TOKENS.put("CLIENT_MANAGER", app.login("cm1", "Cm-Pass-2026!x"));
        for (String role : ROLES.subList(2, ROLES.size())) {
            TOKENS.put(role, app.user(role.toLowerCase().replace("_", "") + "1", role, null));
        }
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    @DisplayName("every route of the running /api router has a line in the expected role table, and every line names a route")
    void tableCoversEveryRoute() {
        Set<String> served = new TreeSet<>();
        Pattern param = Pattern.compile(":([A-Za-z]+)");
        for (Route r : app.apiRoutes()) {
            if (r.getPath() == null || r.methods() == null || r.methods().isEmpty()) continue;
            for (HttpMethod m : r.methods()) served.add(m.name() + " " + param.matcher(r.getPath()).replaceAll("{$1}"));
        }
        Set<String> table = new TreeSet<>(EXPECTED.keySet());
        table.remove("WS /ws/alerts");
        assertEquals(served, table);
    }

    @Test
    @DisplayName("each role gets exactly the routes the table allows: 403 on every other one, never 401 with a valid token")
    void everyRouteByEveryRole() {
        List<String> wrong = new ArrayList<>();
        EXPECTED.forEach((route, allowed) -> {
            for (int i = 0; i < ROLES.size(); i++) {
                String role = ROLES.get(i);
                int status = route.startsWith("WS ") ? handshake(TOKENS.get(role)) : call(route, TOKENS.get(role));
                boolean expectAllowed = allowed.charAt(i) == 'Y';
                boolean ok = expectAllowed ? status != 401 && status != 403 && status < 500 : status == 403;
                if (!ok) wrong.add(route + " as " + role + ": " + status + (expectAllowed ? " (expected allowed)" : " (expected 403)"));
            }
        });
        assertEquals(List.of(), wrong);
    }

    @Test
    @DisplayName("alerts are read by rule as they concern the role: trading and finance see maturities only, operations data quality only")
    void alertRulesPerRole() {
        for (String role : List.of("TRADING", "FINANCE", "OPS")) {
            String token = TOKENS.get(role);
            assertEquals(404, app.call("GET", "/api/alerts/" + alertId, null, token).status(), role);
            assertEquals(0, app.call("GET", "/api/alerts?state=all&rule=HOLDING_RATIO", null, token).json().getInteger("total"), role);
            String only = role.equals("OPS") ? "DATA_QUALITY" : "MATURITY";
            app.call("GET", "/api/alerts?state=all", null, token).items().forEach(a ->
                    assertEquals(only, ((JsonObject) a).getString("rule"), role));
        }
        assertEquals(200, app.call("GET", "/api/alerts/" + alertId, null, TOKENS.get("COMPLIANCE")).status());
        assertEquals(200, app.call("GET", "/api/alerts/" + alertId, null, TOKENS.get("SALES_LEAD")).status());
    }

    @Test
    @DisplayName("everyone but a feed producer reads their own user record")
    void ownUserRecord() {
        assertEquals(200, app.call("GET", "/api/users/cm1", null, TOKENS.get("CLIENT_MANAGER")).status());
        assertEquals(200, app.call("GET", "/api/users/ops1", null, TOKENS.get("OPS")).status());
        assertEquals(403, app.call("GET", "/api/users/feed1", null, TOKENS.get("FEED")).status());
    }

    /** Calls a route with ids that exist where a read needs them and with empty bodies, so that nothing changes. */
    static int call(String route, String token) {
        String method = route.substring(0, route.indexOf(' '));
        String path = "/api" + route.substring(route.indexOf(' ') + 1)
                .replace("{username}", "admin")
                .replace("{account}", "A001")
                .replace("/alerts/{id}", "/alerts/" + alertId)
                .replace("{id}", "999999")
                .replace("/contracts/{code}", method.equals("GET") ? "/contracts/K-C001" : "/contracts/K-NONE")
                .replace("/clients/{code}/seal", "/clients/C-NONE/seal")
                .replace("/securities/{code}", "/securities/RM.SH")
                .replace("{code}", method.equals("GET") ? "C001" : "C-NONE");
        if (path.endsWith("/summary")) path += "?year=2025";
        String body = switch (method) {
            case "GET", "DELETE" -> null;
            default -> route.equals("POST /feed") ? "" : "{}";
        };
        return app.call(method, path, body, token).status();
    }

    static int handshake(String token) {
        try {
            WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + app.port() + "/ws/alerts?token=" + token), new WebSocket.Listener() { })
                    .orTimeout(20, TimeUnit.SECONDS).join();
            ws.abort();
            return 101;
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException h) return h.getResponse().statusCode();
            throw e;
        }
    }
}
