package com.mandatewatch.api;

import com.mandatewatch.support.TestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static com.mandatewatch.support.TestApp.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Assessments over the real service (issue 5 item 8, SPEC §7): a supervisor records a manager's month, the
 * quantitative part is computed from the database (sealed new contracts, renewals, a critical alert past its SLA),
 * the year-end summary ranks the managers, client managers read their own records only, and every bad field is named.
 */
class AssessmentRoutesTest {
    static final String DAY = "2025-03-05";
    static TestApp app;
    static String lead;
    static String marketing;
    static String compliance;
    static String ops;
    static String feed;
    static String cm1;
    static String cm2;
    static long march;

    @BeforeAll
    static void start() {
        app = TestApp.start(Map.of());
        lead = app.user("lead1", "SALES_LEAD", null);
        marketing = app.user("mkt1", "MARKETING_MANAGER", null);
        compliance = app.user("comp1", "COMPLIANCE", null);
        ops = app.user("ops1", "OPS", null);
        feed = app.user("feeder", "FEED", null);
        app.setupClient("C001", "A001", "K-C001", "cm1", "cm1@example.test");
        app.setupClient("C004", "A004", "K-C004", "cm1", "cm1@example.test");
        app.setupClient("C002", "A002", "K-C002", "cm2", "cm2@example.test");
        cm1 = app.login("cm1", "Cm-Pass-2026!x");
        cm2 = app.login("cm2", "Cm-Pass-2026!x");

        // March 2025 for cm1: 1.5千万 of new money (sealed), one draft that does not count yet, one renewal at maturity
        contract("K-N1", "C001", "A011", "15000000.00", "2025-03-03", "2026-03-03", "ACTIVE", true);
        contract("K-N2", "C001", "A013", "50000000.00", "2025-03-10", "2026-03-10", "ACTIVE", false);
        contract("K-R1", "C001", "A012", "90000000.00", "2024-04-01", "2025-03-31", "RENEWED", true);
        // two critical holding breaches on 5 March 10:00; A004's is acknowledged at once, A001's never is
        String t = ts(DAY, "10:00");
        app.feed(List.of(security("AS1.SH", "STOCK", 1_000_000_000L, DAY), price("AS1.SH", "100.00", t),
                position("A001", "CASH", "8900000.00", t), position("A001", "AS1.SH", "11000", t),
                position("A004", "CASH", "8900000.00", t), position("A004", "AS1.SH", "11000", t)));
        JsonObject a004 = app.alerts("state=open&account=A004").getJsonObject(0);
        assertEquals("CRITICAL", a004.getString("severity"), a004.encode());
        assertEquals(200, app.call("POST", "/api/alerts/" + a004.getLong("id") + "/ack", "{\"comment\":\"已联系交易员减仓\"}", lead).status());
        // business time moves two days on: A001's deadline (6 March 10:00) has passed
        app.feed(List.of(new JsonObject().put("type", "clock").put("ts", ts("2025-03-07", "10:00"))));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static void contract(String code, String client, String account, String amount, String start, String maturity,
                         String status, boolean seal) {
        JsonObject body = contractBody(code, client, account).put("amount", amount).put("startDate", start)
                .put("maturityDate", maturity).put("status", status);
        TestApp.Response r = app.post("/api/contracts", body);
        assertEquals(201, r.status(), r.body());
        if (seal) assertEquals(200, app.post("/api/contracts/" + code + "/seal", "{}").status());
    }

    static JsonObject body(String manager, int year, int month, Object qualitative) {
        return new JsonObject().put("manager", manager).put("year", year).put("month", month).put("qualitativeScore", qualitative);
    }

    static Set<String> fields(TestApp.Response r) {
        assertEquals(400, r.status(), r.body());
        Set<String> out = new TreeSet<>();
        for (Object o : r.json().getJsonArray("details")) out.add(((JsonObject) o).getString("field"));
        return out;
    }

    static synchronized long marchRecord() {
        if (march == 0) {
            TestApp.Response r = app.call("POST", "/api/assessments", body("cm1", 2025, 3, "85").put("marketingPlans", 1)
                    .put("productItems", 0).put("comment", "三月新签一户；\n严重预警处理不及时").encode(), lead);
            assertEquals(201, r.status(), r.body());
            march = r.json().getLong("id");
        }
        return march;
    }

    @Test
    @DisplayName("a SALES_LEAD records cm1's March: 1.5 (1.5千万 new) + 2 (renewal) − 1 (late alert) + 2 (plan) = 4.5; 4.5 × 0.7 + 85 × 0.3 = 28.65")
    void createComputesTheBreakdown() {
        long id = marchRecord();
        JsonObject r = app.get("/api/assessments?year=2025&month=3&manager=cm1").items().getJsonObject(0);
        assertEquals(id, r.getLong("id"));
        assertEquals("经理cm1", r.getString("managerName"));
        JsonObject b = r.getJsonObject("breakdown");
        JsonObject n = b.getJsonObject("newContracts");
        assertEquals(new JsonArray().add("K-N1"), n.getJsonArray("contracts"));
        assertEquals(new JsonArray().add("K-N2"), n.getJsonArray("unsealed"), "a draft is shown, not counted");
        assertEquals("15000000.00", n.getString("amount"));
        assertEquals("1.50", n.getString("tenMillions"));
        assertEquals("1.50", n.getString("points"));
        assertEquals(new JsonArray().add("K-R1"), b.getJsonObject("renewals").getJsonArray("contracts"));
        assertEquals("2.00", b.getJsonObject("renewals").getString("points"));
        assertEquals(0, b.getJsonObject("lostClients").getInteger("count"));
        JsonObject late = b.getJsonObject("lateCriticalAlerts");
        assertEquals(1, late.getInteger("count"), late.encode());
        long a001 = app.alerts("state=all&account=A001").getJsonObject(0).getLong("id");
        assertEquals(new JsonArray().add(a001), late.getJsonArray("alerts"), "A001's alert, not A004's acknowledged one");
        assertEquals("-1.00", late.getString("points"));
        assertEquals("2.00", b.getJsonObject("marketingPlans").getString("points"));
        assertEquals("0.00", b.getJsonObject("productItems").getString("points"));
        assertEquals("4.50", r.getString("quantitativePoints"));
        assertEquals("85.00", r.getString("qualitativeScore"));
        assertEquals("28.65", r.getString("score"));
        assertEquals("三月新签一户；\n严重预警处理不及时", r.getString("comment"));
        assertEquals("0.7", r.getJsonObject("standards").getJsonObject("weights").getString("quantitative"));
        assertEquals("PT24H", r.getJsonObject("standards").getString("criticalAlertSla"));
        assertEquals("2025-03-07T10:00+08:00", r.getString("asOf"), "the business time the alerts were judged at");
        assertEquals("lead1", r.getString("createdBy"));
        // the audit log has the record as it was created
        JsonArray audit = app.call("GET", "/api/audit?entity=assessment&code=cm1:2025-03", null, lead).items();
        assertEquals("CREATE", audit.getJsonObject(audit.size() - 1).getString("action"));
        assertEquals("28.65", audit.getJsonObject(audit.size() - 1).getJsonObject("after").getString("score"));
    }

    @Test
    @DisplayName("a second POST for the same manager and month is 409 naming month; the first record is unchanged")
    void duplicateIs409() {
        long id = marchRecord();
        TestApp.Response again = app.call("POST", "/api/assessments", body("cm1", 2025, 3, "99").encode(), marketing);
        assertEquals(409, again.status(), again.body());
        assertEquals("month", again.json().getJsonArray("details").getJsonObject(0).getString("field"));
        assertTrue(again.json().getString("error").contains("id " + id), again.body());
        assertEquals("28.65", app.get("/api/assessments?year=2025&month=3&manager=cm1").items().getJsonObject(0).getString("score"));
    }

    @Test
    @DisplayName("a PUT revises the qualitative part and computes again (4.5 × 0.7 + 95 × 0.3 = 31.65); manager, year, month cannot change")
    void revise() {
        long id = marchRecord();
        // a separate record to revise, in 2024 so that the 2025 summary does not depend on the order of the tests
        TestApp.Response created = app.call("POST", "/api/assessments", body("cm2", 2024, 2, 50).encode(), marketing);
        assertEquals(201, created.status(), created.body());
        long feb = created.json().getLong("id");
        TestApp.Response put = app.call("PUT", "/api/assessments/" + feb, body("cm2", 2024, 2, "95").put("productItems", 2).encode(), lead);
        assertEquals(200, put.status(), put.body());
        // 2 products × 3 = 6; 6 × 0.7 + 95 × 0.3 = 4.2 + 28.5 = 32.7
        assertEquals("32.70", put.json().getString("score"));
        assertEquals("lead1", put.json().getString("updatedBy"));
        assertEquals("mkt1", put.json().getString("createdBy"));
        assertNotNull(put.json().getString("updatedAt"));
        JsonArray audit = app.call("GET", "/api/audit?entity=assessment&code=cm2:2024-02", null, compliance).items();
        assertEquals(List.of("UPDATE", "CREATE"), audit.stream().map(o -> ((JsonObject) o).getString("action")).toList());
        assertEquals("15.00", audit.getJsonObject(0).getJsonObject("before").getString("score"));

        assertEquals(Set.of("manager", "month", "year"), fields(app.call("PUT", "/api/assessments/" + feb,
                body("cm1", 2025, 3, "95").encode(), lead)));
        assertEquals(404, app.call("PUT", "/api/assessments/999999", body("cm2", 2024, 2, "95").encode(), lead).status());
        assertEquals(404, app.call("PUT", "/api/assessments/x", body("cm2", 2024, 2, "95").encode(), lead).status());
        assertEquals(403, app.call("PUT", "/api/assessments/" + id, body("cm1", 2025, 3, "100").encode(), cm1).status());
        assertEquals(Set.of("qualitativeScore"), fields(app.call("PUT", "/api/assessments/" + feb, "{}", lead)));
    }

    @Test
    @DisplayName("the year-end summary ranks by average: cm2 (27) before cm1 ((28.65 + 18) / 2 = 23.325, shown 23.33); a client manager sees own row and rank")
    void summary() {
        marchRecord();
        // out of order on purpose: January after March
        TestApp.Response jan = app.call("POST", "/api/assessments", body("cm1", 2025, 1, 60).encode(), marketing);
        assertEquals(201, jan.status(), jan.body());
        assertEquals("18.00", jan.json().getString("score"), "no sealed contract started in January: 60 × 0.3");
        assertEquals(new JsonArray().add("K-C001").add("K-C004"),
                jan.json().getJsonObject("breakdown").getJsonObject("newContracts").getJsonArray("unsealed"));
        TestApp.Response cm2March = app.call("POST", "/api/assessments", body("cm2", 2025, 3, 90).encode(), lead);
        assertEquals(201, cm2March.status(), cm2March.body());
        assertEquals("27.00", cm2March.json().getString("score"));

        TestApp.Response all = app.call("GET", "/api/assessments/summary?year=2025", null, lead);
        assertEquals(200, all.status(), all.body());
        JsonObject cm1Row = row(all, "cm1");
        assertEquals(new JsonArray().add(1).add(3), cm1Row.getJsonArray("months"));
        assertEquals(2, cm1Row.getInteger("recorded"));
        assertEquals("46.65", cm1Row.getString("totalScore"));
        assertEquals("23.33", cm1Row.getString("averageScore"));
        JsonObject cm2Row = row(all, "cm2");
        assertTrue(cm2Row.getInteger("rank") < cm1Row.getInteger("rank"), all.body());
        assertEquals(1, all.items().getJsonObject(0).getInteger("rank"), "the best first");

        TestApp.Response own = app.call("GET", "/api/assessments/summary?year=2025", null, cm1);
        assertEquals(200, own.status(), own.body());
        assertEquals(1, own.json().getInteger("total"));
        assertEquals("cm1", own.items().getJsonObject(0).getString("manager"));
        assertEquals(cm1Row.getInteger("rank"), own.items().getJsonObject(0).getInteger("rank"));
        assertEquals(all.json().getInteger("ranked"), own.json().getInteger("ranked"));

        TestApp.Response none = app.call("GET", "/api/assessments/summary?year=2023", null, lead);
        assertEquals(0, none.json().getInteger("total"));
    }

    static JsonObject row(TestApp.Response summary, String manager) {
        return summary.items().stream().map(o -> (JsonObject) o).filter(o -> manager.equals(o.getString("manager")))
                .findFirst().orElseThrow(() -> new AssertionError(manager + " missing: " + summary.body()));
    }

    @Test
    @DisplayName("roles: supervisors score; CLIENT_MANAGER reads own records only; COMPLIANCE and ADMIN read; OPS and FEED forbidden; no token 401")
    void roles() {
        marchRecord();
        String b = body("cm2", 2025, 1, 70).encode();
        assertEquals(403, app.call("POST", "/api/assessments", b, cm1).status(), "a manager does not score");
        assertEquals(403, app.call("POST", "/api/assessments", b, compliance).status());
        assertEquals(403, app.call("POST", "/api/assessments", b, ops).status());
        assertEquals(403, app.post("/api/assessments", b).status(), "ADMIN does not score either");
        assertEquals(403, app.call("POST", "/api/assessments", b, feed).status());
        assertEquals(401, app.call("POST", "/api/assessments", b, null).status());

        for (String path : List.of("/api/assessments", "/api/assessments/summary?year=2025")) {
            assertEquals(403, app.call("GET", path, null, ops).status(), path);
            assertEquals(403, app.call("GET", path, null, feed).status(), path);
            assertEquals(401, app.call("GET", path, null, null).status(), path);
            assertEquals(401, app.call("GET", path, null, "forged").status(), path);
            assertEquals(200, app.call("GET", path, null, compliance).status(), path);
            assertEquals(200, app.get(path).status(), path);
        }
        TestApp.Response own = app.call("GET", "/api/assessments", null, cm2);
        for (Object o : own.items()) assertEquals("cm2", ((JsonObject) o).getString("manager"));
        TestApp.Response other = app.call("GET", "/api/assessments?manager=cm1", null, cm2);
        assertEquals(0, other.json().getInteger("total"), "another manager's records do not exist for cm2");
        assertEquals(1, app.call("GET", "/api/assessments?year=2025&month=3&manager=cm1", null, cm1).json().getInteger("total"));
        assertTrue(app.call("GET", "/api/assessments?manager=cm1", null, compliance).json().getInteger("total") >= 1);
    }

    @Test
    @DisplayName("malformed JSON, an empty body and duplicate keys are 400")
    void malformed() {
        for (String bad : List.of("{\"manager\":\"cm1\",", "[1,2]", "", "{\"manager\":\"cm1\",\"manager\":\"cm2\",\"year\":2025,\"month\":4,\"qualitativeScore\":1}")) {
            TestApp.Response r = app.call("POST", "/api/assessments", bad, lead);
            assertEquals(400, r.status(), bad + " -> " + r.body());
            assertNotNull(r.json().getString("error"));
        }
    }

    @Test
    @DisplayName("every missing or bad field is named in one 400: missing, month 13 and 0, year 1999, a non-manager, out-of-range and oversized values")
    void everyBadFieldNamed() {
        assertEquals(Set.of("manager", "month", "qualitativeScore", "year"), fields(app.call("POST", "/api/assessments", "{}", lead)));
        assertEquals(Set.of("month"), fields(app.call("POST", "/api/assessments", body("cm1", 2025, 13, 80).encode(), lead)));
        assertEquals(Set.of("month"), fields(app.call("POST", "/api/assessments", body("cm1", 2025, 0, 80).encode(), lead)));
        assertEquals(Set.of("year"), fields(app.call("POST", "/api/assessments", body("cm1", 1999, 5, 80).encode(), lead)));
        assertEquals(Set.of("manager"), fields(app.call("POST", "/api/assessments", body("nobody", 2025, 5, 80).encode(), lead)));
        assertEquals(Set.of("manager"), fields(app.call("POST", "/api/assessments", body("lead1", 2025, 5, 80).encode(), lead)),
                "a supervisor is not a client manager");
        assertEquals(Set.of("manager"), fields(app.call("POST", "/api/assessments", body("cm 1\n", 2025, 5, 80).encode(), lead)));
        YearMonth next = YearMonth.now(ZoneId.of("Asia/Shanghai")).plusMonths(1);
        assertEquals(Set.of("month"), fields(app.call("POST", "/api/assessments",
                body("cm1", next.getYear(), next.getMonthValue(), 80).encode(), lead)), "a month not begun has nothing to count");

        String huge = "{\"manager\":\"cm1\",\"year\":2025,\"month\":5,\"qualitativeScore\":1e400,\"marketingPlans\":101,"
                + "\"productItems\":-1,\"comment\":\"" + "评".repeat(2001) + "\",\"bonus\":3}";
        assertEquals(Set.of("bonus", "comment", "marketingPlans", "productItems", "qualitativeScore"),
                fields(app.call("POST", "/api/assessments", huge, lead)));
        for (Object score : List.of("100.01", -1, "85.555", "八十", true, "NaN", 99999999999999999L)) {
            assertEquals(Set.of("qualitativeScore"), fields(app.call("POST", "/api/assessments",
                    body("cm1", 2025, 5, score).encode(), lead)), String.valueOf(score));
        }
        assertEquals(Set.of("marketingPlans", "productItems", "year"), fields(app.call("POST", "/api/assessments",
                body("cm1", 2025, 5, 80).put("year", "二〇二五").put("marketingPlans", 1.5).put("productItems", "x").encode(), lead)));
        assertEquals(Set.of("comment"), fields(app.call("POST", "/api/assessments",
                body("cm1", 2025, 5, 80).put("comment", "bell\u0007").encode(), lead)));
        // the boundaries themselves are fine: 0 and 100, 100 items, a comment of 2000 characters (in 2024: the 2025
        // summary is another test's)
        TestApp.Response ok = app.call("POST", "/api/assessments", body("cm1", 2024, 6, "100.00").put("marketingPlans", 100)
                .put("productItems", 0).put("comment", "好".repeat(2000)).encode(), lead);
        assertEquals(201, ok.status(), ok.body());
        assertEquals("100.00", ok.json().getString("qualitativeScore"));
        assertEquals(201, app.call("POST", "/api/assessments", body("cm2", 2024, 6, 0).encode(), lead).status());
        assertEquals(0, app.sql("SELECT * FROM assessment WHERE month = 5").size(), "nothing invalid was stored");
    }

    @Test
    @DisplayName("every bad query parameter is named in one 400: month 13, year text, unknown, repeated; summary needs a year")
    void badQueries() {
        assertEquals(Set.of("month", "year"), fields(app.call("GET", "/api/assessments?year=abc&month=13", null, lead)));
        assertEquals(Set.of("month"), fields(app.call("GET", "/api/assessments?month=0", null, lead)));
        assertEquals(Set.of("foo", "limit"), fields(app.call("GET", "/api/assessments?foo=1&limit=0", null, lead)));
        assertEquals(Set.of("year"), fields(app.call("GET", "/api/assessments?year=2025&year=2026", null, lead)));
        assertEquals(Set.of("manager"), fields(app.call("GET", "/api/assessments?manager=%0A", null, lead)));
        assertEquals(Set.of("year"), fields(app.call("GET", "/api/assessments/summary", null, lead)));
        assertEquals(Set.of("year"), fields(app.call("GET", "/api/assessments/summary?year=1999", null, lead)));
        assertEquals(Set.of("month"), fields(app.call("GET", "/api/assessments/summary?year=2025&month=3", null, lead)));
    }

    @Test
    @DisplayName("a client moved from SIGNED to TERMINATED is lost in the month the change took effect; a prospect given up is not")
    void lostClientFromTheAuditLog() {
        for (String[] c : new String[][]{{"C003", "SIGNED"}, {"C005", "PROSPECT"}}) {
            JsonObject client = new JsonObject().put("code", c[0]).put("name", "流失测试" + c[0]).put("nature", "PRIVATE")
                    .put("manager", "cm1").put("stage", c[1]);
            assertEquals(201, app.post("/api/clients", client).status());
            TestApp.Response moved = app.put("/api/clients/" + c[0], client.copy().put("stage", "TERMINATED"));
            assertEquals(200, moved.status(), moved.body());
        }
        JsonArray audit = app.call("GET", "/api/audit?entity=client&code=C003", null, lead).items();
        YearMonth month = YearMonth.from(OffsetDateTime.parse(audit.getJsonObject(0).getString("at"))
                .atZoneSameInstant(ZoneId.of("Asia/Shanghai")));
        TestApp.Response r = app.call("POST", "/api/assessments", body("cm1", month.getYear(), month.getMonthValue(), 50).encode(), marketing);
        assertEquals(201, r.status(), r.body());
        JsonObject lost = r.json().getJsonObject("breakdown").getJsonObject("lostClients");
        assertEquals(new JsonArray().add("C003"), lost.getJsonArray("clients"), lost.encode());
        assertEquals("-5.00", lost.getString("points"));
        // −5 × 0.7 + 50 × 0.3 = −3.5 + 15 = 11.5
        assertEquals("11.50", r.json().getString("score"));
    }
}
