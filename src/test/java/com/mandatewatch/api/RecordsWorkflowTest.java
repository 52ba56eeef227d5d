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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import static com.mandatewatch.support.TestApp.*;
import static org.junit.jupiter.api.Assertions.*;

/** The records workflow (SPEC §7): drafts, seal, pending changes, their decision, versions (C38) and the audit log. */
class RecordsWorkflowTest {
    static TestApp app;
    static String cm1, cm2, lead, marketing, custodian, compliance;

    @BeforeAll
    static void start() {
        app = TestApp.start(Map.of());
        app.setupClient("C001", "A001", "K-C001", "cm1", "cm1@example.test");
        app.setupClient("C002", "A002", "K-C002", "cm2", "cm2@example.test");
        app.setupClient("C003", "A003", "K-C003", "cm1", "cm1@example.test");
        app.setupClient("C004", "A004", "K-C004", "cm1", "cm1@example.test");
        cm1 = app.login("cm1", "Cm-Pass-2026!x");
        cm2 = app.login("cm2", "Cm-Pass-2026!x");
        lead = app.user("lead1", "SALES_LEAD", null);
        marketing = app.user("mkt1", "MARKETING_MANAGER", null);
        custodian = app.user("keeper1", "RECORDS_CUSTODIAN", null);
        compliance = app.user("comp1", "COMPLIANCE", null);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static TestApp.Response as(String token, String method, String path, Object body) {
        return app.call(method, path, body == null ? null : String.valueOf(body), token);
    }

    static JsonObject client(String code, String name) {
        return new JsonObject().put("name", name).put("nature", "PRIVATE").put("stage", "SIGNED");
    }

    @Test
    @DisplayName("A draft is saved at any time; once sealed a PUT leaves it unchanged and answers 202 with a pending change that takes effect when a different supervisor approves it, with audit rows holding before and after")
    void wholeWorkflow() {
        assertEquals(200, as(cm1, "PUT", "/api/clients/C001", client("C001", "草稿一")).status());
        assertEquals(200, as(cm1, "PUT", "/api/clients/C001", client("C001", "草稿二")).status());

        TestApp.Response sealed = as(custodian, "POST", "/api/clients/C001/seal", null);
        assertEquals(200, sealed.status(), sealed.body());
        assertEquals("SEALED", sealed.json().getString("status"));
        int sealedVersion = sealed.json().getInteger("version");
        assertEquals(409, as(custodian, "POST", "/api/clients/C001/seal", null).status(), "sealing twice");

        TestApp.Response put = as(cm1, "PUT", "/api/clients/C001", client("C001", "封存后修改"));
        assertEquals(202, put.status(), put.body());
        JsonObject change = put.json();
        assertEquals("PENDING", change.getString("status"));
        assertEquals("草稿二", change.getJsonObject("before").getString("name"));
        assertEquals("封存后修改", change.getJsonObject("after").getString("name"));
        TestApp.Response unchanged = as(cm1, "GET", "/api/clients/C001", null);
        assertEquals("草稿二", unchanged.json().getString("name"), "a sealed record does not change on PUT");
        assertEquals(sealedVersion, unchanged.json().getInteger("version"));

        long id = change.getLong("id");
        assertTrue(as(lead, "GET", "/api/changes?status=PENDING", null).items().stream()
                .anyMatch(o -> ((JsonObject) o).getLong("id") == id), "a supervisor sees the pending change");
        assertTrue(as(cm1, "GET", "/api/changes", null).items().stream()
                .anyMatch(o -> ((JsonObject) o).getLong("id") == id), "the requester sees own change");
        assertTrue(as(cm2, "GET", "/api/changes", null).items().stream()
                .noneMatch(o -> ((JsonObject) o).getLong("id") == id), "another client manager does not see it");
        assertEquals(403, as(cm1, "POST", "/api/changes/" + id + "/approve", null).status(), "a client manager does not approve");

        TestApp.Response approved = as(lead, "POST", "/api/changes/" + id + "/approve", null);
        assertEquals(200, approved.status(), approved.body());
        assertEquals("APPROVED", approved.json().getString("status"));
        assertEquals("lead1", approved.json().getString("decidedBy"));
        assertEquals(409, as(marketing, "POST", "/api/changes/" + id + "/approve", null).status(), "deciding twice");
        JsonObject decided = as(lead, "GET", "/api/changes?status=APPROVED", null).items().stream().map(JsonObject.class::cast)
                .filter(o -> o.getLong("id") == id).findFirst().orElseThrow();
        assertEquals("用户lead1", decided.getString("decidedByName"), "people by the names they are known by: " + decided.encode());
        assertNotNull(decided.getString("requestedByName"), decided.encode());

        JsonObject now = as(cm1, "GET", "/api/clients/C001", null).json();
        assertEquals("封存后修改", now.getString("name"));
        assertEquals("SEALED", now.getString("status"), "still sealed after an approved change");
        assertEquals(sealedVersion + 1, now.getInteger("version"));

        JsonArray audit = as(lead, "GET", "/api/audit?entity=client&code=C001", null).items();
        List<String> actions = audit.stream().map(o -> ((JsonObject) o).getString("action")).toList();
        assertEquals(List.of("CHANGE_APPROVED", "CHANGE_REQUESTED", "SEAL", "UPDATE", "UPDATE", "CREATE"), actions);
        JsonObject approval = audit.getJsonObject(0);
        assertEquals("lead1", approval.getString("actor"));
        assertEquals("草稿二", approval.getJsonObject("before").getString("name"));
        assertEquals("封存后修改", approval.getJsonObject("after").getString("name"));
        assertEquals("DRAFT", audit.getJsonObject(2).getJsonObject("before").getString("status"));
        assertEquals("SEALED", audit.getJsonObject(2).getJsonObject("after").getString("status"));

        assertEquals(6, as(cm1, "GET", "/api/audit?code=C001", null).items().size(), "a client manager reads own client's log");
        assertEquals(6, as(compliance, "GET", "/api/audit?entity=client&code=C001", null).items().size());
    }

    @Test
    @DisplayName("The requester of a change cannot approve it (403), another supervisor can; only SALES_LEAD or MARKETING_MANAGER decide")
    void requesterCannotApproveOwnChange() {
        assertEquals(200, as(custodian, "POST", "/api/contracts/K-C003/seal", null).status());
        JsonObject body = contractBody("K-C003", "C003", "A003").put("maturityDate", "2027-06-30");
        TestApp.Response put = as(lead, "PUT", "/api/contracts/K-C003", body);
        assertEquals(202, put.status(), put.body());
        long id = put.json().getLong("id");
        assertEquals(403, as(lead, "POST", "/api/changes/" + id + "/approve", null).status(), "own change");
        assertEquals(403, as(app.token, "POST", "/api/changes/" + id + "/approve", null).status(), "ADMIN does not decide records");
        assertEquals(403, as(custodian, "POST", "/api/changes/" + id + "/approve", null).status());
        assertEquals("2026-12-31", as(cm1, "GET", "/api/contracts/K-C003", null).json().getString("maturityDate"));

        TestApp.Response ok = as(marketing, "POST", "/api/changes/" + id + "/approve", null);
        assertEquals(200, ok.status(), ok.body());
        JsonObject k = as(cm1, "GET", "/api/contracts/K-C003", null).json();
        assertEquals("2027-06-30", k.getString("maturityDate"));
        assertEquals("SEALED", k.getString("recordStatus"));
    }

    @Test
    @DisplayName("A rejection needs a reason (400 naming it), leaves the sealed record as it was and is audited; deciding again is 409")
    void rejectionWithReason() {
        assertEquals(200, as(custodian, "POST", "/api/clients/C004/seal", null).status());
        TestApp.Response put = as(cm1, "PUT", "/api/clients/C004", client("C004", "想改的名字"));
        assertEquals(202, put.status(), put.body());
        long id = put.json().getLong("id");

        TestApp.Response noReason = as(marketing, "POST", "/api/changes/" + id + "/reject", new JsonObject());
        assertEquals(400, noReason.status());
        assertEquals("reason", noReason.json().getJsonArray("details").getJsonObject(0).getString("field"));

        TestApp.Response rejected = as(marketing, "POST", "/api/changes/" + id + "/reject", new JsonObject().put("reason", "名称与营业执照不符"));
        assertEquals(200, rejected.status(), rejected.body());
        assertEquals("REJECTED", rejected.json().getString("status"));
        assertEquals("名称与营业执照不符", rejected.json().getString("reason"));
        assertEquals(409, as(lead, "POST", "/api/changes/" + id + "/approve", null).status(), "a rejected change is not approved later");
        assertEquals("测试客户C004", as(cm1, "GET", "/api/clients/C004", null).json().getString("name"));
        assertEquals(1, as(lead, "GET", "/api/changes?status=REJECTED", null).items().stream()
                .filter(o -> ((JsonObject) o).getLong("id") == id).count());
        assertEquals("CHANGE_REJECTED", as(lead, "GET", "/api/audit?entity=client&code=C004", null).items().getJsonObject(0).getString("action"));
    }

    @Test
    @DisplayName("C38: a PUT carrying a stale version (If-Match or version field) is 409, and of two concurrent PUTs from the same version exactly one wins")
    void staleVersionAndConcurrentWrites() throws Exception {
        TestApp.Response got = as(cm2, "GET", "/api/contracts/K-C002", null);
        assertEquals(200, got.status());
        int v = got.json().getInteger("version");
        assertEquals("\"" + v + "\"", got.raw().headers().firstValue("ETag").orElseThrow());

        JsonObject u1 = contractBody("K-C002", "C002", "A002").put("maturityDate", "2027-01-29");
        TestApp.Response first = app.call("PUT", "/api/contracts/K-C002", u1.encode(), cm2, Map.of("If-Match", "\"" + v + "\""));
        assertEquals(200, first.status(), first.body());
        assertEquals("\"" + (v + 1) + "\"", first.raw().headers().firstValue("ETag").orElseThrow());

        JsonObject u2 = contractBody("K-C002", "C002", "A002").put("expectedRenewal", "5000000.00");
        TestApp.Response stale = app.call("PUT", "/api/contracts/K-C002", u2.encode(), cm2, Map.of("If-Match", "\"" + v + "\""));
        assertEquals(409, stale.status(), stale.body());
        assertEquals(409, as(cm2, "PUT", "/api/contracts/K-C002", u2.copy().put("version", v)).status(), "version field");
        assertEquals("2027-01-29", as(cm2, "GET", "/api/contracts/K-C002", null).json().getString("maturityDate"), "the first edit stands");

        int current = v + 1;
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Integer>> racers = List.of("2027-02-26", "2027-03-31").stream().map(date -> CompletableFuture.supplyAsync(() -> {
            try {
                go.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return as(cm2, "PUT", "/api/contracts/K-C002", contractBody("K-C002", "C002", "A002").put("maturityDate", date)
                    .put("version", current)).status();
        })).toList();
        go.countDown();
        List<Integer> statuses = racers.stream().map(CompletableFuture::join).sorted().toList();
        assertEquals(List.of(200, 409), statuses);
        assertEquals(current + 1, as(cm2, "GET", "/api/contracts/K-C002", null).json().getInteger("version"));
    }

    @Test
    @DisplayName("C38: an edit still carrying the draft's version after the record was sealed is rejected (409), one without a version becomes a pending change; the sealed record never changes silently")
    void sealEditRace() {
        app.setupClient("C005", "A005", "K-C005", "cm2", "cm2@example.test");
        int v = as(cm2, "GET", "/api/contracts/K-C005", null).json().getInteger("version");
        assertEquals(200, as(custodian, "POST", "/api/contracts/K-C005/seal", null).status());
        JsonObject edit = contractBody("K-C005", "C005", "A005").put("maturityDate", "2028-02-29");
        assertEquals(409, as(cm2, "PUT", "/api/contracts/K-C005", edit.copy().put("version", v)).status());
        assertEquals(202, as(cm2, "PUT", "/api/contracts/K-C005", edit).status());
        assertEquals("2026-12-31", as(cm2, "GET", "/api/contracts/K-C005", null).json().getString("maturityDate"));
    }

    @Test
    @DisplayName("C42: only a records custodian (or ADMIN) seals; a client manager neither seals nor reads another manager's audit entries")
    void sealAndAuditAccess() {
        for (String who : List.of(cm1, lead, marketing, compliance)) {
            assertEquals(403, as(who, "POST", "/api/clients/C002/seal", null).status());
        }
        assertEquals(404, as(custodian, "POST", "/api/clients/NOPE/seal", null).status());
        // asking for another manager's trail by code is answered as reading the record would be: 404
        assertEquals(404, as(cm1, "GET", "/api/audit?entity=client&code=C002", null).status());
        assertEquals(404, as(cm1, "GET", "/api/audit?entity=contract&code=K-C002", null).status());
        assertTrue(as(cm1, "GET", "/api/audit", null).items().stream()
                .noneMatch(o -> String.valueOf(o).contains("C002")), "nor does the unfiltered log show it");
        assertFalse(as(cm2, "GET", "/api/audit?entity=contract&code=K-C002", null).items().isEmpty());
        assertEquals(403, as(custodian, "GET", "/api/audit", null).status());
        assertEquals(400, as(lead, "GET", "/api/audit?entity=bogus", null).status());
        assertEquals(400, as(lead, "GET", "/api/audit?entiti=client", null).status(), "a misspelt parameter is named, not ignored");
    }

    @Test
    @DisplayName("DELETE removes only a draft client entered by mistake: one with contracts or contact records, or a sealed one, answers 409 and stays; another manager's client is 404; the audit log keeps the deleted record")
    void deleteOnlyAnEmptyDraft() {
        JsonObject draft = new JsonObject().put("code", "C-DEL").put("name", "误录客户").put("nature", "OTHER");
        assertEquals(201, as(cm1, "POST", "/api/clients", draft).status());
        assertEquals(404, as(cm2, "DELETE", "/api/clients/C-DEL", null).status(), "another manager's client");
        assertEquals(403, as(custodian, "DELETE", "/api/clients/C-DEL", null).status());

        TestApp.Response withContracts = as(cm1, "DELETE", "/api/clients/C003", null);
        assertEquals(409, withContracts.status(), withContracts.body());
        assertEquals("code", withContracts.json().getJsonArray("details").getJsonObject(0).getString("field"));
        assertEquals(200, as(cm1, "GET", "/api/clients/C003", null).status());

        assertEquals(201, as(cm1, "POST", "/api/clients", draft.copy().put("code", "C-DEL2")).status());
        assertEquals(201, as(cm1, "POST", "/api/clients/C-DEL2/contacts", new JsonObject().put("kind", "FIRST")
                .put("time", "2025-03-01T10:00:00+08:00").put("place", "客户办公室")
                .put("participants", new JsonArray().add(new JsonObject().put("name", "王总").put("level", "总经理")))
                .put("problems", "了解需求")).status());
        assertEquals(409, as(cm1, "DELETE", "/api/clients/C-DEL2", null).status());

        assertEquals(201, as(cm1, "POST", "/api/clients", draft.copy().put("code", "C-DEL3")).status());
        assertEquals(200, as(custodian, "POST", "/api/clients/C-DEL3/seal", null).status());
        assertEquals(409, as(lead, "DELETE", "/api/clients/C-DEL3", null).status());

        assertEquals(204, as(cm1, "DELETE", "/api/clients/C-DEL", null).status());
        assertEquals(404, as(cm1, "GET", "/api/clients/C-DEL", null).status());
        assertEquals(404, as(cm1, "DELETE", "/api/clients/C-DEL", null).status());
        JsonObject entry = as(lead, "GET", "/api/audit?entity=client&code=C-DEL", null).items().getJsonObject(0);
        assertEquals("DELETE", entry.getString("action"));
        assertEquals("误录客户", entry.getJsonObject("before").getString("name"));
        assertNull(entry.getValue("after"));
    }
}
