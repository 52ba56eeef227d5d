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
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.*;

import static com.mandatewatch.support.TestApp.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The reports over the real API (SPEC §2, §7): the classification on every client body and in
 * /api/reports/classification, the maturity distribution in JSON and CSV, parameter validation, and a client
 * manager limited to own clients.
 */
class ReportRoutesTest {
    static TestApp app;
    static String cm1;

    @BeforeAll
    static void start() {
        app = TestApp.start(Map.of());
        // C001 (cm1, 民营): 1亿 ACTIVE 无盈亏保证 from 2025-01-02; C002 (cm2) the same
        app.setupClient("C001", "A001", "K-C001", "cm1", "cm1@example.test");
        app.setupClient("C002", "A002", "K-C002", "cm2", "cm2@example.test");
        // C003 (cm1, 上市公司): 5亿 ACTIVE 保本 maturing 2025-03-31 with 2亿 expected to renew, and a 3千万 PLANNED contract
        created(app.post("/api/clients", new JsonObject().put("code", "C003").put("name", "华东某上市公司").put("nature", "LISTED_COMPANY").put("manager", "cm1")));
        created(app.post("/api/contracts", contractBody("K-C003", "C003", "A003").put("amount", "500000000.00")
                .put("startDate", "2024-06-01").put("maturityDate", "2025-03-31").put("type", "CAPITAL_GUARANTEED")
                .put("expectedRenewal", "200000000.00")));
        created(app.post("/api/contracts", contractBody("K-C003-P", "C003", "A003P").put("amount", "30000000.00")
                .put("startDate", "2025-02-10").put("maturityDate", "2026-02-10").put("type", "OTHER").put("status", "PLANNED")));
        // C001's account reports a 5.23% cumulative return: class B
        app.feed(List.of(new JsonObject().put("type", "return").put("account", "A001").put("cumulativeReturn", "0.0523")
                .put("ts", ts("2025-03-03", "15:00"))));
        cm1 = app.login("cm1", "Cm-Pass-2026!x");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static void created(TestApp.Response r) {
        assertEquals(201, r.status(), r.body());
    }

    static JsonObject classes(String size, String nature, String type, String ret) {
        return new JsonObject().put("size", size).put("nature", nature).put("contractType", type).put("return", ret);
    }

    static Set<String> fields(TestApp.Response r) {
        assertEquals(400, r.status(), r.body());
        Set<String> out = new TreeSet<>();
        for (Object o : r.json().getJsonArray("details")) out.add(((JsonObject) o).getString("field"));
        return out;
    }

    // ---- classification on client bodies

    @Test
    @DisplayName("every client body carries its computed classification: GET one, GET list, POST and PUT (a sent classification is ignored)")
    void clientBodiesAreClassified() {
        assertEquals(classes("B", "C", "A", "B"), app.get("/api/clients/C001").json().getJsonObject("classification"));
        Map<String, JsonObject> list = new HashMap<>();
        app.get("/api/clients").items().forEach(o -> list.put(((JsonObject) o).getString("code"), ((JsonObject) o).getJsonObject("classification")));
        assertEquals(classes("A", "A", "B", null), list.get("C003"), "5亿 is A (inclusive); no return yet: null");
        assertEquals(classes("B", "C", "A", null), list.get("C002"));
        assertEquals(classes("B", "C", "A", "B"), app.get("/api/clients/C001").json().getJsonObject("classification"),
                "a client manager sees the same classification");

        TestApp.Response posted = app.post("/api/clients", new JsonObject().put("code", "C004").put("name", "某国企")
                .put("nature", "STATE_OWNED").put("manager", "cm2").put("classification", classes("A", "A", "A", "A")));
        assertEquals(201, posted.status(), posted.body());
        assertEquals(classes("D", "B", null, null), posted.json().getJsonObject("classification"));
        TestApp.Response put = app.put("/api/clients/C004", new JsonObject().put("name", "某国企").put("nature", "OTHER")
                .put("classification", classes("A", "A", "A", "A")));
        assertEquals(200, put.status(), put.body());
        assertEquals(classes("D", "D", null, null), put.json().getJsonObject("classification"));
    }

    // ---- GET /api/reports/classification

    static JsonObject dimension(JsonObject report, String key) {
        for (Object o : report.getJsonArray("dimensions")) if (key.equals(((JsonObject) o).getString("dimension"))) return (JsonObject) o;
        throw new AssertionError("no dimension " + key + " in " + report.encode());
    }

    static JsonObject cls(JsonObject dimension, String grade) {
        for (Object o : dimension.getJsonArray("classes")) if (grade.equals(((JsonObject) o).getString("class"))) return (JsonObject) o;
        throw new AssertionError("no class " + grade);
    }

    @Test
    @DisplayName("classification report: per dimension and class the count, total amount, colour, Chinese label and client codes")
    void classificationReport() {
        TestApp.Response r = app.get("/api/reports/classification");
        assertEquals(200, r.status(), r.body());
        JsonObject size = dimension(r.json(), "size");
        assertEquals("规模（委托金额）", size.getString("label"));
        JsonObject a = cls(size, "A");
        assertEquals(1, a.getInteger("count"));
        assertEquals("500000000.00", a.getString("totalAmount"), "the PLANNED 3千万 is not entrusted yet");
        assertEquals(new JsonArray().add("C003"), a.getJsonArray("clients"));
        assertTrue(a.getString("colour").matches("#[0-9A-Fa-f]{6}"));
        assertTrue(a.getString("label").contains("5亿"));
        JsonObject b = cls(size, "B");
        assertTrue(b.getJsonArray("clients").getList().containsAll(List.of("C001", "C002")), b.encode());
        assertEquals("200000000.00", b.getString("totalAmount"));
        JsonObject ret = dimension(r.json(), "return");
        assertEquals(new JsonArray().add("C001"), cls(ret, "B").getJsonArray("clients"));
        assertTrue(ret.getJsonObject("unclassified").getJsonArray("clients").contains("C003"));
        assertEquals(4, r.json().getJsonArray("dimensions").size());
    }

    @Test
    @DisplayName("C42 a client manager's classification report counts only own clients (cm1: C001, C003; never C002)")
    void clientManagerSeesOwnClientsOnly() {
        TestApp.Response r = app.call("GET", "/api/reports/classification", null, cm1);
        assertEquals(200, r.status(), r.body());
        assertEquals(2, r.json().getInteger("clients"));
        Set<String> seen = new TreeSet<>();
        for (Object d : r.json().getJsonArray("dimensions")) {
            JsonObject dim = (JsonObject) d;
            int total = dim.getJsonObject("unclassified").getInteger("count");
            dim.getJsonObject("unclassified").getJsonArray("clients").forEach(c -> seen.add((String) c));
            for (Object c : dim.getJsonArray("classes")) {
                total += ((JsonObject) c).getInteger("count");
                ((JsonObject) c).getJsonArray("clients").forEach(code -> seen.add((String) code));
            }
            assertEquals(2, total, dim.encode());
        }
        assertEquals(Set.of("C001", "C003"), seen);
        assertEquals("100000000.00", cls(dimension(r.json(), "size"), "B").getString("totalAmount"));
    }

    // ---- GET /api/reports/maturity-distribution

    static void assertRow(JsonObject row, String month, String maturing, String newFunds, String existing, String adjustedMaturing,
                          String adjustedExisting) {
        assertEquals(new JsonObject().put("month", month).put("maturing", maturing).put("newFunds", newFunds).put("existing", existing)
                .put("adjustedMaturing", adjustedMaturing).put("adjustedExisting", adjustedExisting), row);
    }

    @Test
    @DisplayName("maturity distribution 2025-01 for 3 months: exact decimal strings in yuan; the PLANNED contract only in newFunds")
    void maturityDistribution() {
        TestApp.Response r = app.get("/api/reports/maturity-distribution?from=2025-01&months=3");
        assertEquals(200, r.status(), r.body());
        assertEquals("500000000.00", r.json().getString("opening"));
        JsonArray rows = r.json().getJsonArray("rows");
        assertEquals(3, rows.size());
        assertRow(rows.getJsonObject(0), "2025-01", "0.00", "200000000.00", "700000000.00", "0.00", "700000000.00");
        assertRow(rows.getJsonObject(1), "2025-02", "0.00", "30000000.00", "730000000.00", "0.00", "730000000.00");
        assertRow(rows.getJsonObject(2), "2025-03", "500000000.00", "0.00", "230000000.00", "300000000.00", "430000000.00");
        assertEquals(12, app.get("/api/reports/maturity-distribution?from=2025-01").json().getJsonArray("rows").size(), "months defaults to 12");
    }

    @Test
    @DisplayName("C42 a client manager's maturity distribution counts only own clients' contracts")
    void maturityDistributionOwnClients() {
        TestApp.Response r = app.call("GET", "/api/reports/maturity-distribution?from=2025-01&months=1", null, cm1);
        assertEquals(200, r.status(), r.body());
        assertRow(r.json().getJsonArray("rows").getJsonObject(0), "2025-01", "0.00", "100000000.00", "600000000.00", "0.00", "600000000.00");
    }

    @Test
    @DisplayName("bad parameters answer 400 naming each field: from (missing, 2025-13, 2025-1, 2025-01-01), months (0, 61, abc), format, bom")
    void invalidParameters() {
        String p = "/api/reports/maturity-distribution";
        assertEquals(Set.of("from"), fields(app.get(p)));
        assertEquals(Set.of("from"), fields(app.get(p + "?from=2025-13")));
        assertEquals(Set.of("from"), fields(app.get(p + "?from=2025-1")));
        assertEquals(Set.of("from"), fields(app.get(p + "?from=2025-01-01")));
        assertEquals(Set.of("months"), fields(app.get(p + "?from=2025-01&months=0")));
        assertEquals(Set.of("months"), fields(app.get(p + "?from=2025-01&months=61")));
        assertEquals(Set.of("from", "months"), fields(app.get(p + "?from=x&months=abc")));
        assertEquals(Set.of("format"), fields(app.get(p + "?from=2025-01&format=xls")));
        assertEquals(Set.of("bom"), fields(app.get(p + "?from=2025-01&format=csv&bom=no")));
        assertEquals(200, app.get(p + "?from=2025-01&months=60").status());
        assertEquals(200, app.get(p + "?from=2025-01&months=1").status());
        assertEquals(401, app.call("GET", p + "?from=2025-01", null, null).status());
        assertEquals(401, app.call("GET", "/api/reports/classification", null, null).status());
    }

    static HttpResponse<byte[]> bytes(String path) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(app.base() + path)).header("Authorization", "Bearer " + app.token).build();
        return HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    @DisplayName("C50 the CSV starts with EF BB BF, is served as text/csv; charset=utf-8, has the Chinese headers and exact numbers")
    void csv() throws Exception {
        HttpResponse<byte[]> r = bytes("/api/reports/maturity-distribution?from=2025-01&months=3&format=csv");
        assertEquals(200, r.statusCode());
        assertEquals("text/csv; charset=utf-8", r.headers().firstValue("Content-Type").orElse(""));
        byte[] b = r.body();
        assertArrayEquals(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Arrays.copyOf(b, 3));
        String text = new String(b, 3, b.length - 3, StandardCharsets.UTF_8);
        assertEquals("月份,到期兑付金额,新输入资金额,存量资金,调整后到期兑付金额,调整后存量资金\r\n"
                + "\"=\"\"2025-01\"\"\",0.00,200000000.00,700000000.00,0.00,700000000.00\r\n"
                + "\"=\"\"2025-02\"\"\",0.00,30000000.00,730000000.00,0.00,730000000.00\r\n"
                + "\"=\"\"2025-03\"\"\",500000000.00,0.00,230000000.00,300000000.00,430000000.00\r\n", text);
        HttpResponse<byte[]> plain = bytes("/api/reports/maturity-distribution?from=2025-01&months=3&format=csv&bom=false");
        assertEquals((byte) 0xE6, plain.body()[0], "bom=false starts with 月 (E6 9C 88) for programmatic readers");
    }
}
