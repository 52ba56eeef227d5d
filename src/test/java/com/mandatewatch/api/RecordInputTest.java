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

import static com.mandatewatch.api.ApiValidationTest.fields;
import static com.mandatewatch.support.TestApp.contractBody;
import static org.junit.jupiter.api.Assertions.*;

/**
 * What a record body may say and what it may not do: the holes a tester found by typing (a lower-case exclusion that
 * never matched, a misspelt "limit" that dropped the limits, the last administrator locking everyone out, a
 * client handed away by its own manager, an unchanged save sent to a supervisor), each closed and pinned here.
 */
class RecordInputTest {
    static TestApp app;
    static String cm;

    @BeforeAll
    static void start() {
        app = TestApp.start(Map.of());
        app.setupClient("RI1", "ARI1", "K-RI1", "cm-ri", "cm-ri@example.test");
        cm = app.login("cm-ri", "Cm-Pass-2026!x");
        app.user("cm-other", "CLIENT_MANAGER", null);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    @DisplayName("Excluded codes and flags are stored upper-case as the market writes them ('600000.sh', 'st' exclude 600000.SH and ST), and so are the feed's codes: a holding of 600000.sh is the excluded one; a code that cannot be one is named")
    void exclusionsAreCanonical() {
        JsonObject body = contractBody("K-RI2", "RI1", "ARI2").put("excluded", new JsonObject()
                .put("codes", new JsonArray().add("600000.sh")).put("issuers", new JsonArray()).put("flags", new JsonArray().add("st")));
        assertEquals(201, app.post("/api/contracts", body).status());
        JsonObject excluded = app.get("/api/contracts/K-RI2").json().getJsonObject("excluded");
        assertEquals(new JsonArray().add("600000.SH"), excluded.getJsonArray("codes"));
        assertEquals(new JsonArray().add("ST"), excluded.getJsonArray("flags"));
        // the feed writes the code in lower case too: the same security, so the holding is the excluded one
        String t = TestApp.ts("2025-03-03", "10:00");
        app.feed(List.of(TestApp.security("600000.sh", "STOCK", 29_352_000_000L, "2025-03-03"), TestApp.price("600000.sh", "10.00", t),
                TestApp.position("ARI2", "600000.sh", "1000", t), TestApp.position("ARI2", "CASH", "990000", t)));
        assertEquals("EXCLUDED_SECURITY", app.alerts("state=open&account=ARI2").getJsonObject(0).getString("rule"));
        assertEquals(200, app.get("/api/securities/600000.sh").status(), "looked up as written");
        assertEquals("600000.SH", app.get("/api/securities/600000.SH").json().getString("code"));
        JsonObject bad = contractBody("K-RI3", "RI1", "ARI3").put("excluded", new JsonObject()
                .put("codes", new JsonArray().add("<script>").add("600519.SH").add("600000")).put("flags", new JsonArray().add("贵州茅台")));
        TestApp.Response refused = app.post("/api/contracts", bad);
        assertEquals(Set.of("excluded.codes[0]", "excluded.codes[2]", "excluded.flags[0]"), fields(refused));
        assertTrue(refused.body().contains("请带交易所后缀，如 600000.SH 或 600000.SZ"), "a bare number would never match: " + refused.body());
    }

    @Test
    @DisplayName("A misspelt field is named, nested ones by path, never dropped; what a GET answers can be sent back as it is")
    void unknownFieldsAreNamed() {
        JsonObject typo = contractBody("K-RI4", "RI1", "ARI4").put("limit", new JsonObject()).put("exclude", new JsonObject())
                .put("expectedRenewals", "1.00");
        typo.getJsonObject("limits").put("single", "0.1");
        typo.getJsonObject("returnBand").put("mid", "0");
        assertEquals(Set.of("limit", "exclude", "expectedRenewals", "limits.single", "returnBand.mid"), fields(app.post("/api/contracts", typo)));
        assertEquals(Set.of("foo"), fields(app.post("/api/clients", new JsonObject().put("code", "RI9").put("name", "x")
                .put("nature", "PRIVATE").put("manager", "cm-ri").put("foo", 1))));
        assertEquals(404, app.get("/api/contracts/K-RI4").status());

        JsonObject asRead = app.get("/api/contracts/K-RI1").json();
        assertEquals(200, app.put("/api/contracts/K-RI1", asRead).status(), "a GET body sent back");
        JsonObject clientAsRead = app.get("/api/clients/RI1").json();
        assertTrue(clientAsRead.containsKey("classification"));
        TestApp.Response back = app.put("/api/clients/RI1", clientAsRead);
        assertEquals(200, back.status(), "a GET body with its computed classification: " + back.body());
    }

    @Test
    @DisplayName("One 400 names the fields the body gets wrong and those only the database can tell (an unknown manager or trader)")
    void databaseChecksJoinTheOthers() {
        assertEquals(Set.of("nature", "manager"), fields(app.post("/api/clients", new JsonObject().put("code", "RI8").put("name", "x")
                .put("nature", "NOPE").put("manager", "nobody"))));
        JsonObject k = contractBody("K-RI5", "RI1", "ARI5").put("amount", "0").put("tradingManager", "cm-ri");
        assertEquals(Set.of("amount", "tradingManager"), fields(app.post("/api/contracts", k)));
        JsonObject noClient = contractBody("K-RI6", "NOCLIENT", "ARI6").put("targetReturn", "5");
        assertEquals(Set.of("clientCode", "targetReturn"), fields(app.post("/api/contracts", noClient)), "6 is 600%, a unit mistake");
        TestApp.Response negative = app.post("/api/contracts", contractBody("K-RI7", "RI1", "ARI7").put("amount", "-1.00"));
        assertTrue(negative.body().contains("必须大于 0"), negative.body());
        assertEquals(201, app.post("/api/contracts", contractBody("K-RI9", "RI1", "ARI9")).status());
        JsonObject moved = app.get("/api/contracts/K-RI9").json().put("clientCode", "NOCLIENT").put("amount", "-1");
        assertEquals(Set.of("clientCode", "amount"), fields(app.put("/api/contracts/K-RI9", moved)), "an update names them together too");
    }

    @Test
    @DisplayName("An update names the path's record: a different code in the body is a 400, not a silent rename; a client manager cannot hand a client to another (403)")
    void updatesKeepTheirRecord() {
        JsonObject renamed = app.get("/api/contracts/K-RI1").json().put("code", "K-RENAMED");
        assertEquals(Set.of("code"), fields(app.put("/api/contracts/K-RI1", renamed)));
        JsonObject handedOver = new JsonObject().put("name", "测试客户RI1").put("nature", "PRIVATE").put("manager", "cm-other");
        assertEquals(403, app.call("PUT", "/api/clients/RI1", handedOver.encode(), cm).status());
        assertEquals("cm-ri", app.get("/api/clients/RI1").json().getString("manager"));
    }

    @Test
    @DisplayName("Saving a sealed record unchanged (amounts written with other trailing zeros included) creates no pending change")
    void unchangedSealedSaveIsNoChange() {
        app.setupClient("RI2", "ARI20", "K-RI20", "cm-ri", "cm-ri@example.test");
        String keeper = app.user("keeper-ri", "RECORDS_CUSTODIAN", null);
        assertEquals(200, app.call("POST", "/api/contracts/K-RI20/seal", null, keeper).status());
        long before = app.get("/api/changes?status=PENDING").json().getLong("total");
        JsonObject same = app.get("/api/contracts/K-RI20").json().put("amount", "100000000");
        TestApp.Response r = app.put("/api/contracts/K-RI20", same);
        assertEquals(200, r.status(), r.body());
        assertEquals(before, app.get("/api/changes?status=PENDING").json().getLong("total"));
        assertEquals(202, app.put("/api/contracts/K-RI20", same.put("amount", "100000001")).status(), "a real change still waits");

        // text that looks like a number is still text: a name 2024.10 changed to 2024.1 is a change
        assertEquals(201, app.post("/api/clients", new JsonObject().put("code", "RI-N").put("name", "2024.10").put("nature", "OTHER")
                .put("manager", "cm-ri")).status());
        JsonObject renamed = app.get("/api/clients/RI-N").json().put("name", "2024.1");
        assertEquals(200, app.put("/api/clients/RI-N", renamed).status());
        assertEquals("2024.1", app.get("/api/clients/RI-N").json().getString("name"));
    }

    @Test
    @DisplayName("The last active administrator can be neither demoted nor deactivated (409); with a second one, either can")
    void lastAdministratorStays() {
        JsonObject demoted = new JsonObject().put("name", "管理员").put("role", "CLIENT_MANAGER");
        TestApp.Response r = app.put("/api/users/admin", demoted);
        assertEquals(409, r.status(), r.body());
        assertTrue(r.json().getString("error").startsWith("不能停用或降级最后一位"), r.body());
        assertEquals(409, app.put("/api/users/admin", new JsonObject().put("name", "管理员").put("role", "ADMIN").put("active", false)).status());
        assertEquals("ADMIN", app.get("/api/users/admin").json().getString("role"));
        app.user("admin2", "ADMIN", null);
        assertEquals(200, app.put("/api/users/admin2", new JsonObject().put("name", "二号").put("role", "ADMIN").put("active", false)
                .put("password", "Another-Pass-2026")).status(), "admin is still there");

        // who created and who deactivated admin2, with before and after, never the password hash; a refused change writes nothing
        io.vertx.core.json.JsonArray audit = app.get("/api/audit?entity=user&code=admin2").items();
        assertEquals(List.of("UPDATE", "CREATE"), audit.stream().map(e -> ((JsonObject) e).getString("action")).toList(), audit.encodePrettily());
        JsonObject deactivated = audit.getJsonObject(0);
        assertEquals("admin", deactivated.getString("actor"));
        assertEquals(true, deactivated.getJsonObject("before").getBoolean("active"));
        assertEquals(false, deactivated.getJsonObject("after").getBoolean("active"));
        assertEquals(true, deactivated.getJsonObject("after").getBoolean("passwordChanged"));
        assertFalse(audit.encode().contains("password_hash") || audit.encode().toLowerCase().contains("pbkdf2"), audit.encode());
        io.vertx.core.json.JsonArray ofAdmin = app.get("/api/audit?entity=user&code=admin").items();
        assertEquals(1, ofAdmin.size(), "the refused demotions wrote nothing: " + ofAdmin.encodePrettily());
        assertEquals("CREATE", ofAdmin.getJsonObject(0).getString("action"));
        assertEquals("system", ofAdmin.getJsonObject(0).getString("actor"), "the first start created admin");
    }

    @Test
    @DisplayName("A username differing only in letter case from an existing one is taken (409)")
    void usernamesIgnoreCase() {
        TestApp.Response r = app.post("/api/users", new JsonObject().put("username", "CM-RI").put("password", "Long-Enough-1")
                .put("role", "CLIENT_MANAGER").put("name", "另一人"));
        assertEquals(409, r.status(), r.body());
    }

    @Test
    @DisplayName("A charset no one can decode is a 415 before sign-in and after, not a 500")
    void unknownCharset() {
        for (String path : new String[]{"/api/auth/login", "/api/clients"}) {
            TestApp.Response r = app.call("POST", path, "{}", app.token, Map.of("Content-Type", "application/json; charset=bogus"));
            assertEquals(415, r.status(), path + " " + r.body());
            assertTrue(r.json().getString("error").contains("不支持的字符集"), r.body());
        }
        assertEquals(400, app.call("POST", "/api/clients", "{}", app.token, Map.of("Content-Type", "application/json; charset=utf-8")).status());
    }

    @Test
    @DisplayName("The audit list's total counts every match, not the page; offset pages through")
    void auditTotalAndOffset() {
        JsonObject all = app.get("/api/audit?limit=1000").json();
        int n = all.getJsonArray("items").size();
        assertTrue(n > 3, all.encode());
        JsonObject page = app.get("/api/audit?limit=2&offset=1").json();
        assertEquals(n, page.getLong("total"));
        assertEquals(all.getJsonArray("items").getJsonObject(1).getLong("id"), page.getJsonArray("items").getJsonObject(0).getLong("id"));
        JsonObject past = app.get("/api/audit?limit=2&offset=100000").json();
        assertEquals(0, past.getJsonArray("items").size());
        assertEquals(n, past.getLong("total"));
    }

    @Test
    @DisplayName("Lists without parameters refuse unknown ones; a parameter given twice is named; a broken %-escape is a 400, not a 500; a wrong alert id names what was not found in Chinese too; an unknown page is the API's 404")
    void queriesAndNotFound() {
        for (String path : new String[]{"/api/securities?x=1", "/api/disclosures?x=1", "/api/reports/classification?x=1",
                "/api/clients/RI1/contacts?x=1"}) {
            assertEquals(Set.of("x"), fields(app.get(path)), path);
        }
        assertEquals(Set.of("limit"), fields(app.get("/api/clients?limit=1&limit=2")));
        assertEquals(Set.of("from"), fields(app.get("/api/reports/maturity-distribution?from=2026-01&from=2026-06")));
        for (String target : new String[]{"/api/alerts?state=%ZZ", "/api/clients?name=%", "/api/clients/export?name=%ZZ"}) {
            String[] answer = app.rawGet(target, app.token);
            assertTrue(answer[0].contains(" 400 "), target + ": " + answer[0]);
            assertTrue(new JsonObject(answer[1]).getString("error").startsWith("查询参数编码无效"), answer[1]);
        }
        assertTrue(app.rawGet("/ws/alerts?token=%ZZ", app.token)[0].contains(" 400 "), "the WebSocket's handshake too");
        TestApp.Response alert = app.get("/api/alerts/abc");
        assertEquals(404, alert.status());
        assertTrue(alert.json().getString("error").startsWith("未找到预警 abc"), alert.body());
        TestApp.Response page = app.call("GET", "/no-such-page.html", null, null);
        assertEquals(404, page.status());
        assertTrue(page.json().getString("error").startsWith("未找到"), page.body());
    }

    @Test
    @DisplayName("GET /api/people names everyone for every signed-in person (user name, name, role), never an e-mail address")
    void peopleByName() {
        JsonArray people = app.call("GET", "/api/people", null, cm).items();
        JsonObject admin = people.stream().map(JsonObject.class::cast).filter(p -> "admin".equals(p.getString("username"))).findFirst().orElseThrow();
        assertEquals(Set.of("username", "name", "role"), admin.fieldNames());
        assertFalse(people.encode().contains("@example.test"), people.encode());
        assertEquals(Set.of("x"), fields(app.get("/api/people?x=1")));
    }

    @Test
    @DisplayName("A method the path does not take is a 405 naming the ones it does (Allow), in Chinese first; an unknown API path stays 404")
    void wrongMethodIsNamed() {
        TestApp.Response patch = app.call("PATCH", "/api/clients/RI1", "{}", app.token);
        assertEquals(405, patch.status(), patch.body());
        assertEquals("DELETE, GET, PUT", patch.raw().headers().firstValue("Allow").orElse(""));
        assertTrue(patch.json().getString("error").startsWith("不支持的请求方法 PATCH"), patch.body());
        assertEquals("POST", app.call("GET", "/api/alerts/1/ack", null, app.token).raw().headers().firstValue("Allow").orElse(""));
        assertEquals(404, app.call("PATCH", "/api/no-such-thing", "{}", app.token).status());
        assertEquals(401, app.call("PATCH", "/api/clients/RI1", "{}", null).status(), "signing in comes first");
    }
}
