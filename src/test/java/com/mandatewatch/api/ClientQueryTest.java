package com.mandatewatch.api;

import com.mandatewatch.support.TestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static com.mandatewatch.support.TestApp.contractBody;
import static org.junit.jupiter.api.Assertions.*;

/** Conditional query on clients and contracts (issue 5 item 5, SPEC §7): filters, sort, paging, one 400 naming every bad parameter. */
class ClientQueryTest {
    static TestApp app;
    static String cm1;

    @BeforeAll
    static void start() {
        app = TestApp.start(Map.of());
        // C001 cm1 民营 1亿; C002 cm2 民营 1亿; C003 cm1 上市公司 5亿 (size A) maturing 2025-03-31
        app.setupClient("C001", "A001", "K-C001", "cm1", "cm1@example.test");
        app.setupClient("C002", "A002", "K-C002", "cm2", "cm2@example.test");
        created(app.post("/api/clients", new JsonObject().put("code", "C003").put("name", "华东某上市公司").put("nature", "LISTED_COMPANY")
                .put("manager", "cm1").put("stage", "DEVELOPING")));
        created(app.post("/api/contracts", contractBody("K-C003", "C003", "A003").put("amount", "500000000.00")
                .put("startDate", "2024-06-01").put("maturityDate", "2025-03-31").put("type", "CAPITAL_GUARANTEED")));
        cm1 = app.login("cm1", "Cm-Pass-2026!x");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static void created(TestApp.Response r) {
        assertEquals(201, r.status(), r.body());
    }

    static List<String> codes(TestApp.Response r) {
        assertEquals(200, r.status(), r.body());
        List<String> out = new ArrayList<>();
        for (Object o : r.items()) out.add(((JsonObject) o).getString("code"));
        return out;
    }

    static Set<String> fields(TestApp.Response r) {
        assertEquals(400, r.status(), r.body());
        Set<String> out = new TreeSet<>();
        for (Object o : r.json().getJsonArray("details")) out.add(((JsonObject) o).getString("field"));
        return out;
    }

    @Test
    @DisplayName("clients: filters by name, nature, manager, stage, status and class; sort; paging with total of all matches")
    void clientFilters() {
        assertEquals(List.of("C001", "C002", "C003"), codes(app.get("/api/clients")));
        assertEquals(List.of("C003"), codes(app.get("/api/clients?name=%E4%B8%8A%E5%B8%82")), "name contains 上市");
        assertEquals(List.of("C001", "C002"), codes(app.get("/api/clients?nature=PRIVATE")));
        assertEquals(List.of("C001", "C003"), codes(app.get("/api/clients?manager=cm1")));
        assertEquals(List.of("C003"), codes(app.get("/api/clients?stage=DEVELOPING")));
        assertEquals(List.of("C001", "C002", "C003"), codes(app.get("/api/clients?status=DRAFT")));
        assertEquals(List.of("C003"), codes(app.get("/api/clients?class.size=A")));
        assertEquals(List.of("C001", "C002"), codes(app.get("/api/clients?class.size=B&class.nature=C")));
        assertEquals(List.of("C003", "C001", "C002"), codes(app.get("/api/clients?sort=-amount")), "5亿 first, ties by code (ascending also in a descending sort)");
        assertEquals(List.of("C003", "C001", "C002"), codes(app.get("/api/clients?sort=name")), "华 < 测 in code-point order");
        TestApp.Response page = app.get("/api/clients?sort=code&limit=1&offset=1");
        assertEquals(List.of("C002"), codes(page));
        assertEquals(3, page.json().getInteger("total"), "total counts every match, not the page");
        JsonObject first = page.items().getJsonObject(0);
        assertNotNull(first.getJsonObject("classification"), "items keep the computed classification");
    }

    @Test
    @DisplayName("clients: a client manager sees own clients only, whatever the filter")
    void clientManagerOwnOnly() {
        assertEquals(List.of("C001", "C003"), codes(app.call("GET", "/api/clients", null, cm1)));
        assertEquals(List.of(), codes(app.call("GET", "/api/clients?manager=cm2", null, cm1)));
        assertEquals(List.of("K-C001", "K-C003"), codes(app.call("GET", "/api/contracts", null, cm1)));
        assertEquals(404, app.call("GET", "/api/contracts?clientCode=C002", null, cm1).status(), "another's client, as a direct read (C42)");
    }

    @Test
    @DisplayName("clients: every bad parameter is named in one 400")
    void clientBadParameters() {
        assertEquals(Set.of("nature", "stage", "status", "class.size", "class.colour", "sort", "limit", "offset", "bogus"),
                fields(app.get("/api/clients?nature=X&stage=Y&status=Z&class.size=E&class.colour=A&sort=age&limit=0&offset=-1&bogus=1")));
    }

    @Test
    @DisplayName("contracts: filters by client, status, type and maturity range; sort by maturity or amount; paging")
    void contractFilters() {
        assertEquals(List.of("K-C001", "K-C002", "K-C003"), codes(app.get("/api/contracts")));
        assertEquals(List.of("K-C002"), codes(app.get("/api/contracts?clientCode=C002")));
        assertEquals(List.of("K-C003"), codes(app.get("/api/contracts?type=CAPITAL_GUARANTEED")));
        assertEquals(List.of("K-C001", "K-C002", "K-C003"), codes(app.get("/api/contracts?status=ACTIVE")));
        assertEquals(List.of(), codes(app.get("/api/contracts?status=MATURED")));
        assertEquals(List.of("K-C003"), codes(app.get("/api/contracts?maturityFrom=2025-03-31&maturityTo=2025-12-31")), "inclusive");
        assertEquals(List.of("K-C001", "K-C002"), codes(app.get("/api/contracts?maturityFrom=2025-04-01")));
        assertEquals(List.of("K-C003", "K-C001", "K-C002"), codes(app.get("/api/contracts?sort=maturityDate")));
        assertEquals(List.of("K-C003", "K-C001", "K-C002"), codes(app.get("/api/contracts?sort=-amount")), "ties by code ascending");
        TestApp.Response page = app.get("/api/contracts?sort=maturityDate&limit=2&offset=2");
        assertEquals(List.of("K-C002"), codes(page));
        assertEquals(3, page.json().getInteger("total"));
        JsonArray items = page.items();
        assertEquals("100000000.00", items.getJsonObject(0).getString("amount"));
    }

    @Test
    @DisplayName("contracts: every bad parameter is named in one 400, including a reversed maturity range")
    void contractBadParameters() {
        assertEquals(Set.of("status", "type", "maturityFrom", "sort", "limit"),
                fields(app.get("/api/contracts?status=OPEN&type=X&maturityFrom=2025-13-01&sort=name&limit=x")));
        assertEquals(Set.of("maturityTo"), fields(app.get("/api/contracts?maturityFrom=2025-06-01&maturityTo=2025-01-01")));
    }
}
