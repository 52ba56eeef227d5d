package com.mandatewatch.api;

import com.mandatewatch.support.TestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

import static com.mandatewatch.support.TestApp.*;
import static org.junit.jupiter.api.Assertions.*;

/** C41 (WebSocket origin and token) and C42 (a client manager reaches only own clients) over the real API. */
class AccessControlTest {
    static TestApp app;
    static String cm1;
    static final String DAY = "2025-03-05";

    @BeforeAll
    static void start() {
        app = TestApp.start(Map.of());
        app.setupClient("C001", "A001", "K-C001", "cm1", "cm1@example.test");
        app.setupClient("C002", "A002", "K-C002", "cm2", "cm2@example.test");
        cm1 = app.login("cm1", "Cm-Pass-2026!x");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    /** The HTTP status a WebSocket handshake was refused with, or 101 when it was accepted. */
    static int handshake(String query, String origin) {
        WebSocket.Builder b = HttpClient.newHttpClient().newWebSocketBuilder();
        if (origin != null) b.header("Origin", origin);
        try {
            WebSocket ws = b.buildAsync(URI.create("ws://127.0.0.1:" + app.port() + "/ws/alerts?" + query), new WebSocket.Listener() { })
                    .orTimeout(20, java.util.concurrent.TimeUnit.SECONDS).join();
            ws.abort();
            return 101;
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException h) return h.getResponse().statusCode();
            throw e;
        }
    }

    @Test
    @DisplayName("A WebSocket refused for a role is audited with its query, but without the sign-in token in it")
    void refusedSocketIsAuditedWithoutItsToken() {
        String keeper = app.user("keeper-ws", "RECORDS_CUSTODIAN", null);
        assertEquals(403, handshake("since=0&token=" + keeper, null));
        com.mandatewatch.support.Scenario.await("the refusal audited", 10, () -> app.get("/api/audit?entity=access&limit=1000").items().stream()
                .anyMatch(o -> "keeper-ws".equals(((JsonObject) o).getString("actor"))));
        String logged = app.get("/api/audit?entity=access&limit=1000").items().stream().map(o -> (JsonObject) o)
                .filter(o -> "keeper-ws".equals(o.getString("actor"))).map(JsonObject::encode).findFirst().orElseThrow();
        assertTrue(logged.contains("/ws/alerts?since=0"), logged);
        assertFalse(logged.contains(keeper) || logged.contains("token="), "no token in the audit log: " + logged);
    }

    @Test
    @DisplayName("C41 a WebSocket handshake from Origin https://evil.example is refused with 403 even with a valid token; the page's own origin is accepted")
    void c41ForeignOriginRefused() {
        assertEquals(403, handshake("token=" + app.token, "https://evil.example"));
        assertEquals(403, handshake("token=" + app.token, "null"));
        assertEquals(403, handshake("token=" + app.token, "http://127.0.0.1:" + app.port() + ".evil.example"));
        assertEquals(101, handshake("token=" + app.token, "http://127.0.0.1:" + app.port()));
    }

    @Test
    @DisplayName("C41 a WebSocket handshake without a token, or with a forged one, is refused")
    void c41TokenRequired() {
        assertEquals(401, handshake("", "http://127.0.0.1:" + app.port()));
        assertEquals(401, handshake("", null));
        assertEquals(401, handshake("token=forged", null));
        assertEquals(403, handshake("", "https://evil.example"));
    }

    @Test
    @DisplayName("C42 client manager cm1 (only C001) gets 404 for C002's client, contract (GET and PUT), alert and account, and for lists filtered on C002's client, account or audit trail")
    void c42OtherClientsRecordsAreInvisible() {
        String t = ts(DAY, "10:00");
        app.feed(List.of(security("C42.SH", "STOCK", 1_000_000_000L, DAY), price("C42.SH", "100.00", t),
                position("A002", "CASH", "8900000.00", t), position("A002", "C42.SH", "11000", t)));
        JsonObject c002Alert = app.alerts("state=open&account=A002").getJsonObject(0);
        assertEquals("C002", c002Alert.getString("clientCode"));

        assertEquals(404, app.call("GET", "/api/clients/C002", null, cm1).status());
        assertEquals(404, app.call("PUT", "/api/clients/C002", new JsonObject().put("name", "改名").put("nature", "PRIVATE").encode(), cm1).status());
        assertEquals(404, app.call("GET", "/api/contracts/K-C002", null, cm1).status());
        assertEquals(404, app.call("PUT", "/api/contracts/K-C002", contractBody("K-C002", "C002", "A002").encode(), cm1).status());
        assertEquals(404, app.call("GET", "/api/alerts/" + c002Alert.getLong("id"), null, cm1).status());
        assertEquals(404, app.call("POST", "/api/alerts/" + c002Alert.getLong("id") + "/ack", "{\"comment\":\"x\"}", cm1).status());
        assertEquals(404, app.call("GET", "/api/accounts/A002", null, cm1).status());
        // a list filtered on C002 is the same probe as reading C002: 404, audited with its query
        assertEquals(404, app.call("GET", "/api/contracts?clientCode=C002", null, cm1).status());
        assertEquals(404, app.call("GET", "/api/contracts/export?clientCode=C002", null, cm1).status());
        assertEquals(404, app.call("GET", "/api/alerts?state=all&account=A002", null, cm1).status());
        assertEquals(404, app.call("GET", "/api/audit?entity=client&code=C002", null, cm1).status());
        assertEquals(404, app.call("GET", "/api/contracts?clientCode=C999", null, cm1).status(), "an unknown client answers the same");
        assertEquals(200, app.call("GET", "/api/contracts?clientCode=C001", null, cm1).status());
        assertEquals(200, app.call("GET", "/api/alerts?state=all&account=A001", null, cm1).status());
        assertEquals(200, app.call("GET", "/api/audit?entity=client&code=C001", null, cm1).status());
        assertEquals(200, app.call("GET", "/api/contracts?clientCode=C999", null, app.token).status(), "who sees all clients filters freely");
        assertEquals(List.of("C001"), app.call("GET", "/api/clients", null, cm1).items().stream()
                .map(o -> ((JsonObject) o).getString("code")).toList());
        // the controls: the same calls on own records succeed, and C002's manager sees C002
        assertEquals(200, app.call("GET", "/api/clients/C001", null, cm1).status());
        assertEquals(200, app.call("GET", "/api/contracts/K-C001", null, cm1).status());
        assertEquals(200, app.call("GET", "/api/alerts/" + c002Alert.getLong("id"), null, app.login("cm2", "Cm-Pass-2026!x")).status());
        // nor can cm1 move own contract to C002, or open one for C002
        TestApp.Response move = app.call("PUT", "/api/contracts/K-C001", contractBody("K-C001", "C002", "A001").encode(), cm1);
        assertEquals(400, move.status(), "as when opening one: the client is not one cm1 may name");
        assertEquals("clientCode", move.json().getJsonArray("details").getJsonObject(0).getString("field"));
        TestApp.Response create = app.call("POST", "/api/contracts", contractBody("K-C42X", "C002", "A42X").encode(), cm1);
        assertEquals(400, create.status());
        assertEquals("clientCode", create.json().getJsonArray("details").getJsonObject(0).getString("field"));
        // each refused attempt is in the audit log (written just after the answer), and no answer names C002 for K-C002
        assertFalse(app.call("GET", "/api/contracts/K-C002", null, cm1).body().contains("client C002"));
        List<String> expected = List.of("GET /api/clients/C002 → 404 (CLIENT_MANAGER)", "PUT /api/clients/C002 → 404 (CLIENT_MANAGER)",
                "GET /api/contracts/K-C002 → 404 (CLIENT_MANAGER)", "GET /api/alerts/" + c002Alert.getLong("id") + " → 404 (CLIENT_MANAGER)",
                "POST /api/alerts/" + c002Alert.getLong("id") + "/ack → 404 (CLIENT_MANAGER)", "GET /api/accounts/A002 → 404 (CLIENT_MANAGER)",
                "GET /api/contracts?clientCode=C002 → 404 (CLIENT_MANAGER)", "GET /api/alerts?state=all&account=A002 → 404 (CLIENT_MANAGER)",
                "GET /api/audit?entity=client&code=C002 → 404 (CLIENT_MANAGER)");
        com.mandatewatch.support.Scenario.await("every refused attempt of cm1 audited", 10, () -> {
            List<String> logged = app.get("/api/audit?entity=access&limit=1000").items().stream()
                    .filter(o -> "cm1".equals(((JsonObject) o).getString("actor")))
                    .map(o -> ((JsonObject) o).getString("detail")).toList();
            return logged.containsAll(expected);
        });
        assertTrue(app.call("GET", "/api/audit?entity=access", null, cm1).items().isEmpty(), "a client manager does not read the access log");
    }

    @Test
    @DisplayName("C42 cm1 may not claim C002's account by opening a contract for own client C001 on it")
    void c42AccountOfAnotherClientCannotBeClaimed() {
        JsonObject body = contractBody("K-C42-HIJACK", "C001", "A002").put("maturityDate", "2027-12-31");
        TestApp.Response r = app.call("POST", "/api/contracts", body.encode(), cm1);
        assertEquals(409, r.status(), r.body());
        assertEquals("account", r.json().getJsonArray("details").getJsonObject(0).getString("field"));
        assertEquals(404, app.call("GET", "/api/accounts/A002", null, cm1).status());
        assertEquals(404, app.get("/api/contracts/K-C42-HIJACK").status());
        // a second contract of the same client on its own account is fine (a renewal)
        assertEquals(201, app.call("POST", "/api/contracts", contractBody("K-C001-R", "C001", "A001")
                .put("status", "PLANNED").encode(), cm1).status());
    }

    @Test
    @DisplayName("C42 cm1's WebSocket receives C001's alert but never C002's, also while a firm-wide alert with no client is open")
    void c42SocketCarriesOwnClientsOnly() {
        String t = ts(DAY, "10:30");
        // a firm-wide disclosure alert (no client code) is open while cm1 connects and while events flow
        app.feed(List.of(security("C42D.SH", "STOCK", 1_000_000L, DAY), price("C42D.SH", "1.00", t),
                position("A001", "CASH", "10000000.00", t), position("A002", "C42D.SH", "60000", t)));
        assertNotNull(app.alerts("state=open&rule=DISCLOSURE").stream().filter(o -> "DISCLOSURE:FIRM:C42D.SH"
                .equals(((JsonObject) o).getString("fingerprint"))).findFirst().orElse(null));
        try (TestApp.Socket admin = app.socket("token=" + app.token); TestApp.Socket ws = app.socket("token=" + cm1)) {
            JsonObject snapshot = ws.next(10);
            assertEquals("snapshot", snapshot.getString("type"), snapshot.encode());
            for (Object o : snapshot.getJsonArray("alerts")) assertEquals("C001", ((JsonObject) o).getString("clientCode"));
            assertEquals("snapshot", admin.next(10).getString("type"));

            String t2 = ts(DAY, "10:31");
            app.feed(List.of(security("C42B.SH", "STOCK", 1_000_000_000L, DAY), price("C42B.SH", "100.00", t2),
                    position("A002", "C42B.SH", "20000", t2),      // C002 breach first
                    position("A002", "C42D.SH", "0", t2)));        // and the firm-wide alert resolves
            app.feed(List.of(position("A001", "C42B.SH", "15000", ts(DAY, "10:32"))));   // then C001's breach
            JsonObject own = ws.nextEvent("OPENED", 10);
            assertEquals("C001", own.getJsonObject("alert").getString("clientCode"));
            for (JsonObject m : List.copyOf(ws.messages)) {
                JsonObject a = m.getJsonObject("alert");
                if (a != null) assertEquals("C001", a.getString("clientCode"), m.encode());
            }
            // the administrator's socket, beside cm1's, still receives every event
            assertEquals("A002", admin.nextEvent("OPENED", 10).getJsonObject("alert").getString("account"));
            admin.nextEvent("RESOLVED", 10);
        }
    }

    @Test
    @DisplayName("A sign-in token stops working at once when its user is deactivated or given another role: 401 on the API, the WebSocket closes with 1008")
    void tokenFollowsTheUserRow() throws Exception {
        String lead = app.user("lead-h3", "SALES_LEAD", "lead-h3@example.test");
        assertEquals(200, app.call("GET", "/api/clients", null, lead).status());
        JsonObject row = new JsonObject().put("username", "lead-h3").put("name", "组长").put("role", "CLIENT_MANAGER")
                .put("email", "lead-h3@example.test").put("active", true);
        assertEquals(200, app.put("/api/users/lead-h3", row).status());
        TestApp.Response demoted = app.call("GET", "/api/clients", null, lead);
        assertEquals(401, demoted.status(), "a token issued for SALES_LEAD no longer speaks for a CLIENT_MANAGER");
        assertTrue(demoted.json().getString("error").contains("重新登录"), demoted.body());
        String asManager = app.login("lead-h3", TestApp.USER_PASSWORD);
        assertEquals(200, app.call("GET", "/api/clients", null, asManager).status());

        assertEquals(200, app.put("/api/users/lead-h3", row.copy().put("active", false)).status());
        assertEquals(401, app.call("GET", "/api/clients", null, asManager).status());
        assertEquals(401, app.call("POST", "/api/silences", "{}", asManager).status());
        try (TestApp.Socket ws = app.socket("token=" + asManager)) {
            com.mandatewatch.support.Scenario.await("socket closed", 10, () -> ws.closedWith != null);
            assertEquals(1008, ws.closedWith);
        }
    }

    @Test
    @DisplayName("A WebSocket ?since= that is not a whole number >= 0 is refused with 400, not silently ignored")
    void sinceMustBeAWholeNumber() {
        for (String since : List.of("abc", "-1", "1e3")) {
            assertEquals(400, handshake("token=" + app.token + "&since=" + since, null), since);
        }
        assertEquals(101, handshake("token=" + app.token + "&since=0", null));
    }

    @Test
    @DisplayName("C42 a client manager lists the silences over own accounts and over everyone's, never another client's (its account and reason)")
    void c42SilencesOfOthersAreInvisible() {
        String until = java.time.OffsetDateTime.now().plusDays(1).toString();
        for (String account : List.of("A001", "A002")) {
            assertEquals(201, app.post("/api/silences", new JsonObject().put("matchers", new JsonObject().put("account", account))
                    .put("until", until).put("reason", "维护 " + account)).status());
        }
        assertEquals(201, app.post("/api/silences", new JsonObject().put("matchers", new JsonObject().put("rule", "MATURITY"))
                .put("until", until).put("reason", "全体")).status());
        List<String> seen = app.call("GET", "/api/silences", null, cm1).items().stream()
                .map(o -> String.valueOf(((JsonObject) o).getJsonObject("matchers").getString("account"))).toList();
        assertTrue(seen.contains("A001") && seen.contains("null"), seen.toString());
        assertFalse(seen.contains("A002"), seen.toString());
        assertTrue(app.get("/api/silences").items().stream().anyMatch(o -> "A002".equals(((JsonObject) o).getJsonObject("matchers").getString("account"))));
    }

    @Test
    @DisplayName("An open WebSocket is judged again when users or clients change: a deactivated user's socket closes with 1008, and a manager who lost a client gets no more of its alerts")
    void openSocketsFollowChanges() throws Exception {
        app.setupClient("C-WS", "A-WS", "K-WS", "cm-ws", "cm-ws@example.test");
        app.user("cm-ws2", "CLIENT_MANAGER", "cm-ws2@example.test");
        String cm = app.login("cm-ws", "Cm-Pass-2026!x");
        String ops = app.user("ops-ws", "OPS", null);
        try (TestApp.Socket managerSocket = app.socket("token=" + cm); TestApp.Socket opsSocket = app.socket("token=" + ops)) {
            assertEquals("snapshot", managerSocket.next(10).getString("type"));
            assertEquals("snapshot", opsSocket.next(10).getString("type"));
            JsonObject row = app.get("/api/users/ops-ws").json().put("active", false);
            assertEquals(200, app.put("/api/users/ops-ws", row).status());
            com.mandatewatch.support.Scenario.await("deactivated user's socket closed", 10, () -> opsSocket.closedWith != null);
            assertEquals(1008, opsSocket.closedWith);

            JsonObject client = app.get("/api/clients/C-WS").json();
            assertEquals(200, app.put("/api/clients/C-WS", client.put("manager", "cm-ws2")).status());
            Thread.sleep(500); // the re-check is one database round trip
            String t = ts(DAY, "11:00");
            app.feed(List.of(security("WS.SH", "STOCK", 1_000_000_000L, DAY), price("WS.SH", "100.00", t),
                    position("A-WS", "CASH", "8900000.00", t), position("A-WS", "WS.SH", "11000", t)));
            assertFalse(app.alerts("state=open&account=A-WS").isEmpty(), "the breach is there");
            Thread.sleep(1000);
            assertTrue(managerSocket.messages.stream().noneMatch(m -> "event".equals(m.getString("type"))
                    && "A-WS".equals(m.getJsonObject("alert").getString("account"))), managerSocket.messages.toString());
        }
    }

    @Test
    @DisplayName("A new password ends the tokens issued before it, as a deactivation does")
    void newPasswordEndsOldTokens() {
        String old = app.user("pw-h", "SALES_LEAD", null);
        assertEquals(200, app.call("GET", "/api/clients", null, old).status());
        JsonObject row = app.get("/api/users/pw-h").json().put("password", "Another-Pass-2026!x");
        assertEquals(200, app.put("/api/users/pw-h", row).status());
        assertEquals(401, app.call("GET", "/api/clients", null, old).status());
        assertEquals(200, app.call("GET", "/api/clients", null, app.login("pw-h", "Another-Pass-2026!x")).status());
    }

    @Test
    @DisplayName("A deactivation or a change of role ends the tokens issued before it for good: reactivated, or given the old role back, the old token stays refused; a new name or e-mail keeps it")
    void deactivationEndsTokensForGood() {
        String old = app.user("re-h", "SALES_LEAD", null);
        JsonObject row = app.get("/api/users/re-h").json();
        assertEquals(200, app.put("/api/users/re-h", row.copy().put("name", "新名字")).status());
        assertEquals(200, app.call("GET", "/api/clients", null, old).status(), "a new name keeps the session");
        assertEquals(200, app.put("/api/users/re-h", row.copy().put("active", false)).status());
        assertEquals(401, app.call("GET", "/api/clients", null, old).status());
        assertEquals(200, app.put("/api/users/re-h", row.copy().put("active", true)).status());
        assertEquals(401, app.call("GET", "/api/clients", null, old).status(), "reactivation does not revive the old token");
        String fresh = app.login("re-h", TestApp.USER_PASSWORD);
        assertEquals(200, app.call("GET", "/api/clients", null, fresh).status());
        assertEquals(200, app.put("/api/users/re-h", row.copy().put("role", "COMPLIANCE")).status());
        assertEquals(200, app.put("/api/users/re-h", row.copy().put("role", "SALES_LEAD")).status());
        assertEquals(401, app.call("GET", "/api/clients", null, fresh).status(), "the old role given back does not revive it");
    }

    @Test
    @DisplayName("Operations read and mute only data-quality silences, and read an account's positions and limits without the contract's commercial terms or the client's name")
    void operationsStayWithTheirRules() {
        String ops = app.user("ops-s", "OPS", null);
        String until = java.time.OffsetDateTime.now().plusDays(1).toString();
        JsonObject ratioSilence = new JsonObject().put("matchers", new JsonObject().put("rule", "HOLDING_RATIO")).put("until", until).put("reason", "合规");
        TestApp.Response byAdmin = app.post("/api/silences", ratioSilence);
        assertEquals(201, byAdmin.status());
        assertEquals(403, app.call("POST", "/api/silences", ratioSilence.encode(), ops).status());
        assertEquals(403, app.call("POST", "/api/silences", ratioSilence.copy().put("matchers", new JsonObject().put("account", "A001")).encode(), ops).status(),
                "a silence over every rule of an account mutes what operations never see");
        assertEquals(403, app.call("DELETE", "/api/silences/" + byAdmin.json().getLong("id"), null, ops).status());
        assertEquals(201, app.call("POST", "/api/silences", ratioSilence.copy().put("matchers", new JsonObject().put("rule", "DATA_QUALITY")).encode(), ops).status());
        assertTrue(app.call("GET", "/api/silences", null, ops).items().stream()
                .allMatch(o -> "DATA_QUALITY".equals(((JsonObject) o).getJsonObject("matchers").getString("rule"))));

        JsonObject view = app.call("GET", "/api/accounts/A001", null, ops).json();
        assertNull(view.getValue("clientName"));
        assertNull(view.getJsonObject("contract").getValue("amount"), view.encode());
        assertNotNull(view.getJsonObject("contract").getValue("limits"));
    }

    @Test
    @DisplayName("A client manager's audit log is filtered before its limit: others' busy days do not push their own entries off the page")
    void ownAuditSurvivesABusyLog() {
        int own = app.call("GET", "/api/audit?limit=5", null, cm1).items().size();
        assertTrue(own > 0);
        String custodian = app.user("rec-busy", "RECORDS_CUSTODIAN", null);
        for (int i = 0; i < 12; i++) app.call("GET", "/api/alerts", null, custodian); // refused, and audited
        com.mandatewatch.support.Scenario.await("refusals audited", 10,
                () -> app.get("/api/audit?entity=access&limit=100").items().size() >= 12);
        assertEquals(own, app.call("GET", "/api/audit?limit=5", null, cm1).items().size());
    }

    @Test
    @DisplayName("A path with NUL, C1 or bidi characters is a 400, not a database outage (503), and is never echoed")
    void controlCharactersInPaths() {
        for (String path : List.of("/api/clients/%00", "/api/contracts/K%E2%80%AE2%C2%85", "/api/users/%00", "/api/clients/C001%00/contacts")) {
            TestApp.Response r = app.get(path);
            assertEquals(400, r.status(), path + " " + r.body());
            assertFalse(r.body().contains("\u202E") || r.body().contains("\u0085"), r.body());
        }
    }
}
