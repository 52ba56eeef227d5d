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
import java.util.Set;
import java.util.TreeSet;

import static com.mandatewatch.support.TestApp.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Request validation of every editing endpoint (SPEC §7): 400 whose details name each bad field, 404 for unknown
 * resources, 409 for duplicates, 403 for a role that may not; and C40's impossible dates.
 */
class ApiValidationTest {
    static TestApp app;
    static final String DAY = "2025-03-07";

    @BeforeAll
    static void start() {
        app = TestApp.start(Map.of());
        app.user("cm-v", "CLIENT_MANAGER", "cm-v@example.test");
        app.post("/api/clients", new JsonObject().put("code", "CV").put("name", "校验客户").put("nature", "PRIVATE").put("manager", "cm-v"));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static Set<String> fields(TestApp.Response r) {
        assertEquals(400, r.status(), r.body());
        JsonObject body = r.json();
        assertNotNull(body.getString("error"));
        Set<String> out = new TreeSet<>();
        for (Object o : body.getJsonArray("details")) {
            JsonObject d = (JsonObject) o;
            assertFalse(d.getString("message").isBlank());
            out.add(d.getString("field"));
        }
        return out;
    }

    static void assertError(int status, TestApp.Response r) {
        assertEquals(status, r.status(), r.body());
        assertNotNull(r.json().getString("error"), r.body());
        assertNotNull(r.json().getJsonArray("details"), r.body());
    }

    // ---- users

    @Test
    @DisplayName("Users: a valid body creates (201); each bad field is named in one 400; a duplicate is 409; unknown is 404; a client manager may not create users (403)")
    void users() {
        JsonObject valid = new JsonObject().put("username", "u-valid").put("password", "Long-Enough-1").put("role", "TRADING")
                .put("name", "交易员").put("email", "trader@example.test");
        assertEquals(201, app.post("/api/users", valid).status());
        assertEquals("TRADING", app.get("/api/users/u-valid").json().getString("role"));

        JsonObject bad = new JsonObject().put("username", "bad name!").put("password", "short").put("role", "KING")
                .put("name", " ").put("email", "not-an-email");
        assertEquals(Set.of("username", "password", "role", "name", "email"), fields(app.post("/api/users", bad)));
        assertEquals(Set.of("username", "password", "role", "name"), fields(app.post("/api/users", new JsonObject())));
        assertEquals(Set.of("role"), fields(app.put("/api/users/u-valid", valid.copy().put("role", 7))));

        assertError(409, app.post("/api/users", valid));
        assertError(404, app.get("/api/users/nobody"));
        assertError(404, app.put("/api/users/nobody", valid.copy().put("username", "nobody")));
        assertEquals(Set.of("username"), fields(app.put("/api/users/u-valid", valid.copy().put("username", "u-other"))), "no rename");
        assertEquals(Set.of("emial"), fields(app.post("/api/users", valid.copy().put("username", "u-typo").put("emial", "x@example.test"))),
                "a misspelt field would leave the person without alert mail");
        String cm = app.login("cm-v", USER_PASSWORD);
        assertError(403, app.call("POST", "/api/users", valid.copy().put("username", "u-by-cm").encode(), cm));
        assertError(403, app.call("GET", "/api/users", null, cm));
        assertEquals(200, app.call("GET", "/api/users/cm-v", null, cm).status(), "everyone reads their own user");
    }

    // ---- clients

    @Test
    @DisplayName("Clients: a valid body creates (201); each bad field is named in one 400, an unknown manager too; duplicate 409; unknown 404; TRADING may not create (403)")
    void clients() {
        JsonObject valid = new JsonObject().put("code", "CV1").put("name", "有效客户").put("nature", "STATE_OWNED").put("manager", "cm-v");
        assertEquals(201, app.post("/api/clients", valid).status());
        assertEquals("STATE_OWNED", app.get("/api/clients/CV1").json().getString("nature"));

        JsonObject bad = new JsonObject().put("code", "C V").put("name", "").put("nature", "ALIEN").put("stage", "X")
                .put("manager", "bad manager");
        assertEquals(Set.of("code", "name", "nature", "stage", "manager"), fields(app.post("/api/clients", bad)));
        assertEquals(Set.of("code", "name", "nature"), fields(app.post("/api/clients", new JsonObject())));
        assertEquals(Set.of("manager"), fields(app.post("/api/clients", valid.copy().put("code", "CV2").put("manager", "ghost"))));
        assertEquals(404, app.get("/api/clients/CV2").status());
        assertEquals(Set.of("nature"), fields(app.put("/api/clients/CV1", valid.copy().put("nature", 1))));
        assertEquals(Set.of("manager"), fields(app.put("/api/clients/CV1", valid.copy().put("manager", "ghost"))));

        assertError(409, app.post("/api/clients", valid));
        assertError(404, app.get("/api/clients/NOPE"));
        assertError(404, app.put("/api/clients/NOPE", valid));
        assertError(400, app.call("POST", "/api/clients", "{\"code\":", app.token));
        String trading = app.user("tr-v", "TRADING", null);
        assertError(403, app.call("POST", "/api/clients", valid.copy().put("code", "CV3").encode(), trading));
        assertEquals(404, app.get("/api/clients/CV3").status());
    }

    // ---- contracts

    @Test
    @DisplayName("Contracts: a valid body creates (201); each bad field, nested ones by path, is named in one 400; an unknown client is 400 clientCode; duplicate 409; unknown 404; FINANCE may not create (403)")
    void contracts() {
        JsonObject valid = contractBody("KV-1", "CV", "AV1");
        assertEquals(201, app.post("/api/contracts", valid).status());
        assertEquals("AV1", app.get("/api/contracts/KV-1").json().getString("account"));

        JsonObject bad = valid.copy().put("code", "KV-2").put("amount", "-5").put("type", "X").put("status", "NOPE")
                .put("returnBand", new JsonObject().put("low", "0.2").put("high", "0.1"))
                .put("limits", new JsonObject().put("kinds", new JsonObject().put("FOO", new JsonObject()))
                        .put("singleSecurityMax", "1.5").put("warnFraction", "abc"))
                .put("excluded", new JsonObject().put("codes", "600000.SH"));
        bad.remove("startDate");
        assertEquals(Set.of("amount", "type", "status", "startDate", "returnBand.high", "limits.kinds.FOO",
                "limits.singleSecurityMax", "limits.warnFraction", "excluded.codes"), fields(app.post("/api/contracts", bad)));
        assertEquals(Set.of("code", "clientCode", "account", "amount", "startDate", "maturityDate", "type"),
                fields(app.post("/api/contracts", new JsonObject())));
        assertEquals(Set.of("clientCode"), fields(app.post("/api/contracts", contractBody("KV-3", "NOCLIENT", "AV3"))));
        assertEquals(Set.of("amount"), fields(app.put("/api/contracts/KV-1", valid.copy().put("amount", "x"))));

        assertError(409, app.post("/api/contracts", valid));
        assertError(404, app.get("/api/contracts/NOPE"));
        assertError(404, app.put("/api/contracts/NOPE", contractBody("NOPE", "CV", "AV9")));
        String finance = app.user("fin-v", "FINANCE", null);
        assertError(403, app.call("POST", "/api/contracts", contractBody("KV-4", "CV", "AV4").encode(), finance));
        assertEquals(404, app.get("/api/contracts/KV-4").status());
    }

    @Test
    @DisplayName("C40 impossible or ill-formed maturity dates (2026-02-30, 2027-02-29, 2026-13-01, 2026/04/30, a timestamp, before the start) are 400 naming maturityDate and nothing is stored; 2028-02-29 is accepted")
    void c40ImpossibleDates() {
        List<String> bad = List.of("2026-02-30", "2027-02-29", "2026-13-01", "2026/04/30", "2026-04-30T00:00:00Z", "2024-12-31");
        int i = 0;
        for (String date : bad) {
            String code = "K-C40-" + (i++);
            TestApp.Response r = app.post("/api/contracts", contractBody(code, "CV", "A-C40-" + i).put("maturityDate", date));
            assertEquals(Set.of("maturityDate"), fields(r), date);
            String message = r.json().getJsonArray("details").getJsonObject(0).getString("message");
            assertTrue(message.contains(date.equals("2024-12-31") ? "before start" : "not a valid date"), date + ": " + message);
            assertEquals(404, app.get("/api/contracts/" + code).status(), date + " must not be stored");
        }
        TestApp.Response ok = app.post("/api/contracts", contractBody("K-C40-LEAP", "CV", "A-C40-LEAP").put("maturityDate", "2028-02-29"));
        assertEquals(201, ok.status(), ok.body());
        assertEquals("2028-02-29", app.get("/api/contracts/K-C40-LEAP").json().getString("maturityDate"));
        assertEquals(Set.of("startDate"), fields(app.post("/api/contracts", contractBody("K-C40-S", "CV", "A-C40-S").put("startDate", "2025-02-29"))));
    }

    // ---- alerts

    @Test
    @DisplayName("Alert acknowledgement: a bad comment is 400 comment; unknown id 404; a valid ack is 200; a resolved alert is 409; a FEED user may not read alerts and RECORDS_CUSTODIAN may not ack (403)")
    void alerts() {
        app.post("/api/contracts", contractBody("KV-AL", "CV", "AV-AL"));
        String t = ts(DAY, "10:00");
        app.feed(List.of(security("AV.SH", "STOCK", 1_000_000_000L, DAY), price("AV.SH", "100.00", t),
                position("AV-AL", "CASH", "8900000.00", t), position("AV-AL", "AV.SH", "11000", t)));
        JsonArray open = app.alerts("state=open&account=AV-AL");
        assertEquals(1, open.size(), open.encode());
        long id = open.getJsonObject(0).getLong("id");

        assertEquals(Set.of("comment"), fields(app.post("/api/alerts/" + id + "/ack", new JsonObject().put("comment", 5))));
        assertEquals(Set.of("comment"), fields(app.post("/api/alerts/" + id + "/ack", new JsonObject().put("comment", "x".repeat(1001)))));
        assertEquals(Set.of("comment"), fields(app.post("/api/alerts/" + id + "/ack", new JsonObject().put("comment", "a\r\nb"))));
        assertError(404, app.post("/api/alerts/99999999/ack", new JsonObject().put("comment", "ok")));
        assertError(404, app.post("/api/alerts/abc/ack", new JsonObject().put("comment", "ok")));
        assertError(404, app.get("/api/alerts/99999999"));
        assertEquals(Set.of("state"), fields(app.get("/api/alerts?state=bogus")));
        assertEquals(Set.of("severity"), fields(app.get("/api/alerts?severity=LOUD")));
        assertEquals(Set.of("rule"), fields(app.get("/api/alerts?rule=NOPE")));

        String custodian = app.user("rc-v", "RECORDS_CUSTODIAN", null);
        assertError(403, app.call("POST", "/api/alerts/" + id + "/ack", "{\"comment\":\"x\"}", custodian));
        String feed = app.user("feed-v", "FEED", null);
        assertError(403, app.call("GET", "/api/alerts", null, feed));
        assertError(403, app.call("GET", "/api/alerts/" + id, null, feed));
        assertEquals("FIRING", app.get("/api/alerts/" + id).json().getString("state"));

        TestApp.Response ack = app.post("/api/alerts/" + id + "/ack", new JsonObject().put("comment", "已通知交易员减仓"));
        assertEquals(200, ack.status(), ack.body());
        assertEquals("ACKNOWLEDGED", ack.json().getString("state"));
        assertEquals("admin", app.get("/api/alerts/" + id).json().getString("acknowledgedBy"));

        app.feed(List.of(position("AV-AL", "AV.SH", "0", ts(DAY, "10:05"))));
        assertEquals("RESOLVED", app.get("/api/alerts/" + id).json().getString("state"));
        assertError(409, app.post("/api/alerts/" + id + "/ack", new JsonObject().put("comment", "晚了")));
    }

    // ---- login and routing

    @Test
    @DisplayName("Login: missing or non-string username and password are 400 naming them; unparsable JSON 400; a wrong password 401; valid 200 with a token")
    void login() {
        assertEquals(Set.of("username", "password"), fields(app.call("POST", "/api/auth/login", "{}", null)));
        assertEquals(Set.of("username"), fields(app.call("POST", "/api/auth/login", "{\"username\":5,\"password\":\"x\"}", null)));
        assertError(400, app.call("POST", "/api/auth/login", "not json", null));
        assertError(400, app.call("POST", "/api/auth/login", "", null));
        assertError(401, app.call("POST", "/api/auth/login", new JsonObject().put("username", "admin").put("password", "wrong-one").encode(), null));
        TestApp.Response ok = app.call("POST", "/api/auth/login", new JsonObject().put("username", "admin").put("password", ADMIN_PASSWORD).encode(), null);
        assertEquals(200, ok.status());
        assertEquals(200, app.call("GET", "/api/clients", null, ok.json().getString("token")).status());
    }

    @Test
    @DisplayName("An unknown API path is 404 with the JSON error body")
    void unknownPath() {
        assertError(404, app.get("/api/no-such-thing"));
        assertError(404, app.get("/api/accounts/NO-SUCH-ACCOUNT"));
        assertError(404, app.get("/api/securities/NO.SH"));
    }

    @Test
    @DisplayName("A client's manager must be an existing client manager: an operations user or an unknown name is a 400 on manager, on create and on save")
    void managerIsAClientManager() {
        app.user("ops-v", "OPS", null);
        JsonObject client = new JsonObject().put("code", "CV2").put("name", "经理校验").put("nature", "PRIVATE");
        assertEquals(Set.of("manager"), fields(app.post("/api/clients", client.copy().put("manager", "ops-v"))));
        assertEquals(Set.of("manager"), fields(app.post("/api/clients", client.copy().put("manager", "nobody"))));
        assertEquals(404, app.get("/api/clients/CV2").status(), "nothing stored");
        assertEquals(Set.of("manager"), fields(app.put("/api/clients/CV", client.copy().put("code", "CV").put("manager", "ops-v"))));
        assertEquals("cm-v", app.get("/api/clients/CV").json().getString("manager"));
        assertEquals(201, app.post("/api/clients", client.copy().put("manager", "cm-v")).status());
    }

    @Test
    @DisplayName("A contract's trading manager must be an existing TRADING user: maturity notices go to them")
    void tradingManagerIsOnTheTradingDesk() {
        app.user("trader-v", "TRADING", "trader-v@example.test");
        JsonObject contract = contractBody("K-TM", "CV", "A-TM");
        assertEquals(Set.of("tradingManager"), fields(app.post("/api/contracts", contract.copy().put("tradingManager", "nobody"))));
        assertEquals(Set.of("tradingManager"), fields(app.post("/api/contracts", contract.copy().put("tradingManager", "cm-v"))));
        assertEquals(404, app.get("/api/contracts/K-TM").status(), "nothing stored");
        assertEquals(201, app.post("/api/contracts", contract.copy().put("tradingManager", "trader-v")).status());
        assertEquals(Set.of("tradingManager"), fields(app.put("/api/contracts/K-TM", contract.copy().put("tradingManager", "cm-v"))));
    }

    @Test
    @DisplayName("Dates outside 1990–2099 and numbers in full-width digits are refused with the field named, never stored")
    void implausibleDatesAndDigits() {
        assertEquals(Set.of("maturityDate"), fields(app.post("/api/contracts", contractBody("K-Y0", "CV", "A-Y0").put("maturityDate", "0000-01-01"))));
        assertEquals(Set.of("startDate"), fields(app.post("/api/contracts", contractBody("K-Y1", "CV", "A-Y1").put("startDate", "1989-12-31"))));
        assertEquals(Set.of("amount"), fields(app.post("/api/contracts", contractBody("K-FW", "CV", "A-FW").put("amount", "１００"))));
        assertEquals(Set.of("until"), fields(app.post("/api/silences", new JsonObject().put("matchers", new JsonObject().put("account", "A1"))
                .put("until", "+999999999-12-31T23:59:59+08:00").put("reason", "x"))));
        // CASH is no security of this database: the same 400 names it beside the date
        assertEquals(Set.of("code", "filedOn"), fields(app.post("/api/disclosures", new JsonObject().put("code", "CASH")
                .put("ratio", "0.05").put("filedOn", "0000-01-01"))));
    }

    @Test
    @DisplayName("Query dates and months outside 1990–2099, full-width digits in a number, a contact dated in the future and invisible characters in a name are each a 400 naming the field")
    void moreImplausibleInput() {
        assertEquals(Set.of("from"), fields(app.get("/api/reports/maturity-distribution?from=0000-01")));
        assertEquals(Set.of("months"), fields(app.get("/api/reports/maturity-distribution?from=2099-12&months=3")));
        assertEquals(Set.of("maturityFrom"), fields(app.get("/api/contracts?maturityFrom=0000-01-01")));
        assertEquals(Set.of("year"), fields(app.get("/api/assessments?year=%EF%BC%92%EF%BC%90%EF%BC%92%EF%BC%95")));
        assertEquals(Set.of("time"), fields(app.post("/api/clients/CV/contacts", new JsonObject().put("kind", "FOLLOW_UP")
                .put("time", java.time.OffsetDateTime.now().plusDays(30).toString()).put("summary", "未来的会面"))));
        for (String invisible : List.of("\u200B", "\u200E", "\uFEFF", "\uFFFE", "\uDB40\uDC41")) {
            assertEquals(Set.of("name"), fields(app.post("/api/clients", new JsonObject().put("code", "CI").put("name", "华东" + invisible + "客户")
                    .put("nature", "PRIVATE").put("manager", "cm-v"))), invisible);
        }
    }

    @Test
    @DisplayName("A misspelt query parameter or body field is named in a 400, never ignored; one 400 names every bad one")
    void unknownParametersAndFieldsAreNamed() {
        assertEquals(Set.of("bogus"), fields(app.get("/api/alerts?bogus=1")));
        assertEquals(Set.of("foo"), fields(app.get("/api/reports/maturity-distribution?from=2026-01&foo=1")));
        assertEquals(Set.of("state"), fields(app.get("/api/silences?state=bogus")));
        assertEquals(Set.of("status", "limit"), fields(app.get("/api/outbox?status=BAD&limit=0")));
        assertEquals(Set.of("colour"), fields(app.get("/api/feed/rejected?colour=red")));
        assertEquals(Set.of("extra"), fields(app.post("/api/alerts/1/ack", new JsonObject().put("comment", "已处理").put("extra", 1))));
        assertEquals(Set.of("matchers.colour"), fields(app.post("/api/silences", new JsonObject()
                .put("matchers", new JsonObject().put("account", "A1").put("colour", "red"))
                .put("until", "2099-01-01T00:00:00+08:00").put("reason", "x"))));
        app.user("cm-active", "CLIENT_MANAGER", "cm-active@example.test");
        assertEquals(Set.of("active"), fields(app.put("/api/users/cm-active", new JsonObject().put("name", "张三")
                .put("role", "CLIENT_MANAGER").put("active", "yes"))));
        // the controls: the same reads with known parameters answer
        assertEquals(200, app.get("/api/alerts?state=all&limit=5").status());
        assertEquals(200, app.get("/api/silences?state=active").status());
        assertEquals(200, app.get("/api/outbox?status=SENT&limit=5").status());
    }
}
