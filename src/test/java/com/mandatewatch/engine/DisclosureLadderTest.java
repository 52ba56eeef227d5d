package com.mandatewatch.engine;

import com.mandatewatch.support.TestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static com.mandatewatch.support.TestApp.*;
import static org.junit.jupiter.api.Assertions.*;

/** The disclosure ladder after a filing (SPEC §4): later steps are measured from the filed ratio. */
class DisclosureLadderTest {
    static TestApp app;
    static String compliance;

    @BeforeAll
    static void start() {
        app = TestApp.start(Map.of());
        app.setupClient("C801", "A801", "K-801", "cm801", "cm801@example.test");
        app.post("/api/users", new JsonObject().put("username", "comp801").put("password", "Comp-Pass-2026!")
                .put("role", "COMPLIANCE").put("email", "comp801@example.test").put("name", "合规"));
        compliance = app.login("comp801", "Comp-Pass-2026!");
        app.feed(List.of(security("600489.SH", "STOCK", 1_000_000_000L, "2025-03-03"),
                price("600489.SH", "1.00", ts("2025-03-03", "10:00"))));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static JsonArray disclosureAlerts() {
        return app.alerts("state=open&rule=DISCLOSURE");
    }

    private static void hold(String qty, String hhmm) {
        app.feed(List.of(position("A801", "600489.SH", qty, ts("2025-03-03", hhmm))));
    }

    @Test
    @DisplayName("A filing resolves the open alert; then a 0.6% rise is quiet, a 1% rise is a notice and the next 5% step is critical")
    void ladderFromTheFiledRatio() {
        hold("50000000", "10:01");
        assertEquals("CRITICAL", disclosureAlerts().getJsonObject(0).getString("severity"));

        TestApp.Response filed = app.call("POST", "/api/disclosures", new JsonObject().put("code", "600489.SH")
                .put("ratio", "0.05").put("filedOn", "2025-03-04").encode(), compliance);
        assertEquals(201, filed.status(), filed.body());
        assertEquals(0, disclosureAlerts().size(), "the filing resolves the open alert");
        assertEquals(1, app.get("/api/disclosures").items().size());
        assertEquals("0.05", app.get("/api/disclosures").items().getJsonObject(0).getString("ratio"), "the ratio as filed, not as NUMERIC pads it");

        hold("56000000", "10:02");
        assertEquals(0, disclosureAlerts().size(), "5.6% is within 1% of the filed 5%");
        hold("60000000", "10:03");
        assertEquals("WARNING", disclosureAlerts().getJsonObject(0).getString("severity"), "a 1% change from the filing");
        hold("100000000", "10:04");
        assertEquals("CRITICAL", disclosureAlerts().getJsonObject(0).getString("severity"), "the 10% step is crossed");
    }

    @Test
    @DisplayName("Only compliance files disclosures, and a filing names each bad field")
    void filingIsValidatedAndRestricted() {
        TestApp.Response bad = app.call("POST", "/api/disclosures", new JsonObject().put("code", "600489.SH")
                .put("ratio", "1.5").put("filedOn", "2025-02-30").encode(), compliance);
        assertEquals(400, bad.status());
        JsonArray details = bad.json().getJsonArray("details");
        assertTrue(details.encode().contains("ratio") && details.encode().contains("filedOn"), details.encode());
        // both an unknown security and a filing dated in the future are named at once
        TestApp.Response unknown = app.call("POST", "/api/disclosures", new JsonObject().put("code", "999999.SH")
                .put("ratio", "0.05").put("filedOn", java.time.LocalDate.now().plusDays(2).toString()).encode(), compliance);
        assertEquals(400, unknown.status(), unknown.body());
        assertTrue(unknown.json().getJsonArray("details").encode().contains("\"code\""), unknown.body());
        assertTrue(unknown.json().getJsonArray("details").encode().contains("\"filedOn\""), unknown.body());
        // a format error does not hide the others: all three fields are named in the same 400
        TestApp.Response all = app.call("POST", "/api/disclosures", new JsonObject().put("code", "999999.SH")
                .put("ratio", "abc").put("filedOn", "2099-01-01").encode(), compliance);
        assertEquals(400, all.status(), all.body());
        for (String field : List.of("\"code\"", "\"ratio\"", "\"filedOn\"")) {
            assertTrue(all.json().getJsonArray("details").encode().contains(field), field + " in " + all.body());
        }
        assertEquals(0, app.get("/api/disclosures").items().stream()
                .filter(o -> "999999.SH".equals(((JsonObject) o).getString("code"))).count(), "nothing stored");
        String manager = app.login("cm801", "Cm-Pass-2026!x");
        assertEquals(403, app.call("POST", "/api/disclosures", new JsonObject().put("code", "600489.SH")
                .put("ratio", "0.05").put("filedOn", "2025-03-04").encode(), manager).status());
    }
}
