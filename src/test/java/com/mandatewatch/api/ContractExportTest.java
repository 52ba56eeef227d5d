package com.mandatewatch.api;

import com.mandatewatch.report.Csv;
import com.mandatewatch.support.TestApp;
import com.mandatewatch.text.Table;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static com.mandatewatch.support.TestApp.contractBody;
import static org.junit.jupiter.api.Assertions.*;

/** The contract export (CSV, TXT) and print view, with the filters, sort and visibility of GET /contracts (issue 5 item 5). */
class ContractExportTest {
    static TestApp app;
    static String cm1;

    @BeforeAll
    static void start() {
        app = TestApp.start(Map.of());
        app.setupClient("C001", "A001", "K-C001", "cm1", null);         // 1亿, matures 2026-12-31, target 5%
        app.setupClient("C002", "A002", "K-C002", "cm2", null);
        created(app.post("/api/clients", new JsonObject().put("code", "C003").put("name", "=HYPERLINK(\"http://evil.example\")<b>x</b>")
                .put("nature", "OTHER").put("manager", "cm1")));
        created(app.post("/api/contracts", contractBody("K-C003", "C003", "000123").put("amount", "350000000.00")
                .put("maturityDate", "2025-06-30").put("targetReturn", "0.06125").put("expectedRenewal", "120000000.00")
                .put("type", "CAPITAL_GUARANTEED").put("status", "PLANNED")));
        app.post("/api/users", new JsonObject().put("username", "trader1").put("password", "Trader-Pass-2026!").put("role", "TRADING")
                .put("name", "李强"));
        JsonObject k2 = app.get("/api/contracts/K-C002").json().put("tradingManager", "trader1");
        assertEquals(200, app.put("/api/contracts/K-C002", k2).status());
        cm1 = app.login("cm1", "Cm-Pass-2026!x");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static void created(TestApp.Response r) {
        assertEquals(201, r.status(), r.body());
    }

    static List<List<String>> csv(String query, String token) throws Exception {
        HttpResponse<byte[]> r = app.bytes("/api/contracts/export" + query, token);
        assertEquals(200, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
        assertEquals("text/csv; charset=utf-8", r.headers().firstValue("Content-Type").orElse(""));
        assertArrayEquals(Csv.BOM, Arrays.copyOf(r.body(), 3), "UTF-8 BOM first, so that Excel reads Chinese");
        return Csv.parse(new String(r.body(), 3, r.body().length - 3, StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("CSV: Chinese headers, one row per contract sorted as asked (descending: ties by code, as GET /contracts), amounts and the target return as exact numbers, names formula-safe, codes kept as text")
    void csvRows() throws Exception {
        List<List<String>> rows = csv("?sort=-amount", app.token);
        assertEquals(ContractExportRoutes.HEADERS, rows.get(0));
        assertEquals(List.of("K-C003", "K-C001", "K-C002"), rows.subList(1, rows.size()).stream().map(r -> r.get(0)).toList());
        List<String> k3 = rows.get(1);
        assertEquals("350000000.00", k3.get(6));
        assertEquals("6.125", k3.get(9), "the target return in percent, never rounded");
        assertEquals("120000000.00", k3.get(10));
        assertEquals("保本", k3.get(4));
        assertEquals("计划中", k3.get(5));
        assertEquals("2025-06-30", k3.get(8));
        assertEquals("000123", k3.get(3), "an account that looks like a number keeps its leading zeros");
        assertTrue(k3.get(2).startsWith("'="), "a client name starting with = is not a formula: " + k3.get(2));
        assertEquals("5.00", rows.get(3).get(9));
        assertEquals("李强（trader1）", rows.get(3).get(11), "the trading manager by the name people know, with the user name");
        assertEquals("", k3.get(11));
    }

    @Test
    @DisplayName("filters of GET /contracts apply; a client manager exports own clients' contracts only")
    void filtersAndVisibility() throws Exception {
        assertEquals(List.of("K-C003"), codes(csv("?maturityTo=2025-12-31", app.token)));
        assertEquals(List.of("K-C001", "K-C002"), codes(csv("?status=ACTIVE", app.token)));
        assertEquals(List.of("K-C001", "K-C003"), codes(csv("", cm1)), "cm2's contract must not be in cm1's export");
    }

    static List<String> codes(List<List<String>> rows) {
        return rows.subList(1, rows.size()).stream().map(r -> r.get(0)).toList();
    }

    @Test
    @DisplayName("bad parameters: one 400 naming each (format, bom, status, maturityFrom, an unknown one)")
    void badParameters() {
        TestApp.Response r = app.get("/api/contracts/export?format=pdf&bom=maybe&status=OPEN&maturityFrom=2025-13-01&colour=red");
        assertEquals(400, r.status(), r.body());
        Set<String> fields = r.json().getJsonArray("details").stream().map(d -> ((JsonObject) d).getString("field")).collect(Collectors.toSet());
        assertEquals(Set.of("format", "bom", "status", "maturityFrom", "colour"), fields);
        assertEquals(400, app.get("/api/contracts/print?maturityFrom=2025-02-01&maturityTo=2025-01-01").status());
        assertEquals(401, app.call("GET", "/api/contracts/export", null, null).status());
    }

    @Test
    @DisplayName("TXT: columns aligned by display width, amounts right-aligned")
    void text() throws Exception {
        HttpResponse<byte[]> r = app.bytes("/api/contracts/export?format=txt", app.token);
        assertEquals("text/plain; charset=utf-8", r.headers().firstValue("Content-Type").orElse(""));
        String[] lines = new String(r.body(), StandardCharsets.UTF_8).split("\n");
        assertTrue(lines[0].startsWith("合同编号"));
        assertTrue(lines[1].matches("-+"));
        int end = Table.displayWidth(lines[0].substring(0, lines[0].indexOf("起始日期")));
        for (int i = 2; i < lines.length; i++) {
            int at = lines[i].indexOf("20");                      // the start date column
            assertEquals(end, Table.displayWidth(lines[i].substring(0, lines[i].indexOf("2025-01-02"))), lines[i]);
            assertTrue(at > 0);
        }
    }

    @Test
    @DisplayName("print view: 万元/亿元, a total, every name escaped, and a policy that lets only the print button's own handler run")
    void print() throws Exception {
        HttpResponse<byte[]> r = app.bytes("/api/contracts/print?sort=code", app.token);
        assertEquals(200, r.statusCode());
        String html = new String(r.body(), StandardCharsets.UTF_8);
        assertTrue(html.contains("3.50亿元"), html);
        assertTrue(html.contains(">1.00亿元<") && html.contains(">1.20亿元<"), "amounts from one 亿 up in 亿元");
        assertTrue(html.contains("委托金额合计 5.50亿元"), html);
        assertTrue(html.contains("&lt;b&gt;x&lt;/b&gt;") && !html.contains("<b>x</b>"), "a name holding markup is shown as text");
        String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("default-src 'none'") && csp.contains("'" + Table.PRINT_BUTTON_HASH + "'"), csp);
        assertTrue(html.contains("onclick=\"" + Table.PRINT_HANDLER + "\""));
    }

    @Test
    @DisplayName("the CSP hash is the SHA-256 of exactly the print button's handler, so the button prints")
    void printButtonHash() throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(Table.PRINT_HANDLER.getBytes(StandardCharsets.UTF_8));
        assertEquals("sha256-" + Base64.getEncoder().encodeToString(digest), Table.PRINT_BUTTON_HASH);
    }
}
