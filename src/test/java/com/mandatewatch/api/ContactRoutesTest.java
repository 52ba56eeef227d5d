package com.mandatewatch.api;

import com.mandatewatch.support.TestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.*;

/** Contact records per client (issue 5 item 6, SPEC §7): first contact, follow-ups, validation, own clients only. */
class ContactRoutesTest {
    static TestApp app;
    static String cm1;
    static String cm2;

    @BeforeAll
    static void start() {
        app = TestApp.start(Map.of());
        app.setupClient("C001", "A001", "K-C001", "cm1", "cm1@example.test");
        app.setupClient("C002", "A002", "K-C002", "cm2", "cm2@example.test");
        cm1 = app.login("cm1", "Cm-Pass-2026!x");
        cm2 = app.login("cm2", "Cm-Pass-2026!x");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static JsonObject first() {
        return new JsonObject().put("kind", "FIRST").put("time", "2025-03-03T10:00:00+08:00").put("place", "上海陆家嘴某会议室")
                .put("participants", new JsonArray().add(new JsonObject().put("name", "张总").put("level", "董事长"))
                        .add(new JsonObject().put("name", "李经理").put("level", "财务总监")))
                .put("problems", "关注回撤控制；\n希望每月报告");
    }

    static Set<String> fields(TestApp.Response r) {
        assertEquals(400, r.status(), r.body());
        Set<String> out = new TreeSet<>();
        for (Object o : r.json().getJsonArray("details")) out.add(((JsonObject) o).getString("field"));
        return out;
    }

    @Test
    @DisplayName("a client manager records the first contact and follow-ups of an own client; the list is oldest first")
    void firstAndFollowUps() {
        TestApp.Response f = app.call("POST", "/api/clients/C001/contacts", first().encode(), cm1);
        assertEquals(201, f.status(), f.body());
        assertEquals("FIRST", f.json().getString("kind"));
        assertEquals("cm1", f.json().getString("createdBy"));
        assertEquals("2025-03-03T10:00:00+08:00", f.json().getString("time"), "the time is kept with its offset");
        TestApp.Response later = app.call("POST", "/api/clients/C001/contacts", new JsonObject().put("kind", "FOLLOW_UP")
                .put("time", "2025-04-01T15:30:00+08:00").put("summary", "讨论合同条款").put("nextStep", "4月中旬报送方案").encode(), cm1);
        assertEquals(201, later.status(), later.body());
        TestApp.Response earlier = app.post("/api/clients/C001/contacts", new JsonObject().put("kind", "FOLLOW_UP")
                .put("time", "2025-03-10T01:00:00Z").put("summary", "电话回访"));
        assertEquals(201, earlier.status(), earlier.body());

        TestApp.Response list = app.call("GET", "/api/clients/C001/contacts", null, cm1);
        assertEquals(200, list.status(), list.body());
        assertEquals(3, list.json().getInteger("total"));
        JsonArray items = list.items();
        assertEquals("FIRST", items.getJsonObject(0).getString("kind"));
        assertEquals("董事长", items.getJsonObject(0).getJsonArray("participants").getJsonObject(0).getString("level"));
        assertEquals("关注回撤控制；\n希望每月报告", items.getJsonObject(0).getString("problems"));
        assertEquals("电话回访", items.getJsonObject(1).getString("summary"));
        assertEquals("4月中旬报送方案", items.getJsonObject(2).getString("nextStep"));

        TestApp.Response second = app.post("/api/clients/C001/contacts", first());
        assertEquals(409, second.status(), "one first contact per client: " + second.body());
    }

    @Test
    @DisplayName("validation names each bad field, for either kind, participants included")
    void validation() {
        assertEquals(Set.of("kind", "time"), fields(app.post("/api/clients/C002/contacts", new JsonObject().put("kind", "VISIT"))));
        assertEquals(Set.of("time", "place", "problems", "participants[0].level", "participants[1]", "participants[0].rank"),
                fields(app.post("/api/clients/C002/contacts", new JsonObject().put("kind", "FIRST").put("time", "2025-03-03T10:00:00")
                        .put("place", " ").put("participants", new JsonArray().add(new JsonObject().put("name", "张总").put("rank", 1)).add("x")))));
        assertEquals(Set.of("participants"), fields(app.post("/api/clients/C002/contacts", first().put("participants", new JsonArray()))));
        assertEquals(Set.of("summary", "nextStep", "place"), fields(app.post("/api/clients/C002/contacts", new JsonObject()
                .put("kind", "FOLLOW_UP").put("time", "2025-03-03T10:00:00+08:00").put("nextStep", 5).put("place", "x"))));
        assertEquals(0, app.get("/api/clients/C002/contacts").json().getInteger("total"), "nothing stored");
    }

    @Test
    @DisplayName("a client manager neither reads nor writes another manager's client (404); unknown client is 404")
    void ownClientsOnly() {
        assertEquals(404, app.call("GET", "/api/clients/C002/contacts", null, cm1).status());
        assertEquals(404, app.call("POST", "/api/clients/C002/contacts", first().encode(), cm1).status());
        assertEquals(404, app.get("/api/clients/C999/contacts").status());
        assertEquals(200, app.call("GET", "/api/clients/C002/contacts", null, cm2).status());
    }

    @Test
    @DisplayName("the lifecycle stage moves with PUT /api/clients/{code}")
    void stage() {
        TestApp.Response put = app.call("PUT", "/api/clients/C002", new JsonObject().put("name", "测试客户C002").put("nature", "PRIVATE")
                .put("stage", "MAINTAINING").encode(), cm2);
        assertEquals(200, put.status(), put.body());
        assertEquals("MAINTAINING", app.get("/api/clients/C002").json().getString("stage"));
        assertEquals(1, app.get("/api/clients?stage=MAINTAINING").json().getInteger("total"));
    }
}
