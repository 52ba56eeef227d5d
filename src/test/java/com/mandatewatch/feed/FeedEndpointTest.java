package com.mandatewatch.feed;

import com.mandatewatch.support.TestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static com.mandatewatch.support.TestApp.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * POST /api/feed over real HTTP into the real engine and database (SPEC §3): bad lines are judged one by one,
 * answered with their reason and kept as dead letters; duplicates and late events are counted, never applied.
 * Each test uses its own accounts and security codes, since late-event ordering is per key.
 */
class FeedEndpointTest {
    static TestApp app;
    static final String DAY = "2025-03-03";

    @BeforeAll
    static void start() {
        app = TestApp.start(Map.of());
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static String body(List<?> lines) {
        StringBuilder b = new StringBuilder();
        for (Object o : lines) b.append(o instanceof JsonObject j ? j.encode() : String.valueOf(o)).append('\n');
        return b.toString();
    }

    private static JsonObject account(String account) {
        TestApp.Response r = app.get("/api/accounts/" + account);
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    private static JsonObject holding(String account, String code) {
        JsonArray positions = account(account).getJsonArray("positions");
        for (int i = 0; i < positions.size(); i++) {
            if (code.equals(positions.getJsonObject(i).getString("code"))) return positions.getJsonObject(i);
        }
        return null;
    }

    private static void assertDecimal(String expected, String actual) {
        assertNotNull(actual, "expected " + expected);
        assertEquals(0, new BigDecimal(expected).compareTo(new BigDecimal(actual)), expected + " vs " + actual);
    }

    private static JsonObject rejectedAt(JsonObject reply, int line) {
        JsonArray rejected = reply.getJsonArray("rejected");
        for (int i = 0; i < rejected.size(); i++) {
            if (rejected.getJsonObject(i).getInteger("line") == line) return rejected.getJsonObject(i);
        }
        throw new AssertionError("line " + line + " not rejected: " + reply.encode());
    }

    @Test
    @DisplayName("Malformed lines are each rejected with a reason and stored as dead letters; the valid lines around them are applied")
    void malformedLinesAreRejectedOneByOne() {
        String t = ts(DAY, "09:31");
        JsonObject reply = app.feed(List.of(
                security("M01.SH", "STOCK", 1_000_000_000L, DAY),                       // 1
                "this is not json",                                                     // 2
                "{\"type\":\"price\",\"code\":\"M01.SH\",\"price\":",                   // 3 truncated
                price("M01.SH", "12.50", t),                                            // 4
                "[1,2,3]",                                                              // 5 not an object
                new JsonObject().put("type", "bogus").put("ts", t),                     // 6 unknown type
                price("M01.SH", "-1", t),                                               // 7 negative price
                price("M01.SH", "NaN", t),                                              // 8 NaN as a string
                position("MA01", "M01.SH", "abc", t),                                   // 9 not a number
                position("MA01", "M01.SH", "1000", t),                                  // 10
                position("MA01", "CASH", "100000.00", t)));                             // 11
        assertEquals(4, reply.getInteger("accepted"), reply.encode());
        assertEquals(7, reply.getJsonArray("rejected").size(), reply.encode());
        assertTrue(rejectedAt(reply, 2).getString("reason").contains("unparsable"));
        assertTrue(rejectedAt(reply, 3).getString("reason").contains("unparsable"));
        assertTrue(rejectedAt(reply, 5).getString("reason").contains("JSON object"));
        assertTrue(rejectedAt(reply, 6).getString("reason").contains("unknown type"));
        assertTrue(rejectedAt(reply, 7).getString("reason").contains("price must be > 0"));
        assertTrue(rejectedAt(reply, 8).getString("reason").contains("price is not a valid number"));
        assertTrue(rejectedAt(reply, 9).getString("reason").contains("quantity is not a valid number"));

        JsonObject m01 = holding("MA01", "M01.SH");
        assertNotNull(m01, "the valid position after seven bad lines is applied");
        assertDecimal("1000", m01.getString("quantity"));
        assertDecimal("12.50", m01.getString("price"));
        assertDecimal("112500.00", account("MA01").getString("nav"));

        List<JsonObject> dead = app.sql("SELECT line, reason, payload FROM feed_rejected WHERE payload LIKE '%M01.SH%' "
                + "OR payload IN ('this is not json', '[1,2,3]') OR payload LIKE '%bogus%' ORDER BY line");
        assertEquals(List.of(2, 3, 5, 6, 7, 8, 9), dead.stream().map(d -> d.getInteger("line")).toList(), dead.toString());
        assertEquals("this is not json", dead.get(0).getString("payload"));
        assertEquals(rejectedAt(reply, 9).getString("reason"), dead.get(6).getString("reason"));
        assertTrue(dead.get(6).getString("payload").contains("\"abc\""));
    }

    @Test
    @DisplayName("Every required field of every message type, when missing, rejects its line naming the field")
    void missingFieldsAreNamed() {
        String t = ts(DAY, "09:32");
        List<JsonObject> lines = List.of(
                price("MF1.SH", "1.00", t).copy().put("code", (String) null),
                removed(price("MF1.SH", "1.00", t), "price"),
                removed(price("MF1.SH", "1.00", t), "ts"),
                removed(position("MFA", "MF1.SH", "1", t), "account"),
                removed(position("MFA", "MF1.SH", "1", t), "code"),
                removed(position("MFA", "MF1.SH", "1", t), "quantity"),
                new JsonObject().put("type", "return").put("account", "MFA").put("ts", t),
                new JsonObject().put("type", "return").put("cumulativeReturn", "0.01").put("ts", t),
                removed(security("MF1.SH", "STOCK", 1000, DAY), "kind"),
                removed(security("MF1.SH", "STOCK", 1000, DAY), "type"),
                new JsonObject().put("type", "clock"));
        List<String> fields = List.of("code", "price", "ts", "account", "code", "quantity", "cumulativeReturn", "account",
                "kind", "type", "ts");
        JsonObject reply = app.feed(lines);
        assertEquals(0, reply.getInteger("accepted"));
        for (int i = 0; i < fields.size(); i++) {
            String reason = rejectedAt(reply, i + 1).getString("reason");
            assertTrue(reason.contains("missing field " + fields.get(i)), "line " + (i + 1) + ": " + reason);
        }
    }

    private static JsonObject removed(JsonObject o, String field) {
        JsonObject c = o.copy();
        c.remove(field);
        return c;
    }

    @Test
    @DisplayName("A single line over 65536 characters is rejected on its own (and kept, shortened, as a dead letter); its neighbours are applied")
    void overlongLineIsRejectedAlone() {
        String t = ts(DAY, "09:33");
        String huge = position("OLA", "OL1.SH", "1", t).put("pad", "x".repeat(FeedParser.MAX_LINE_CHARS)).encode();
        JsonObject reply = app.feed(List.of(position("OLA", "CASH", "5000.00", t), huge, position("OLA", "OL2.SH", "7", t)));
        assertEquals(2, reply.getInteger("accepted"), reply.encode());
        assertTrue(rejectedAt(reply, 2).getString("reason").contains("line too long"));
        assertDecimal("5000.00", holding("OLA", "CASH").getString("quantity"));
        assertDecimal("7", holding("OLA", "OL2.SH").getString("quantity"));
        assertNull(holding("OLA", "OL1.SH"), "the over-long line is never applied");
        List<JsonObject> dead = app.sql("SELECT reason, length(payload) AS n FROM feed_rejected WHERE payload LIKE '%\"OLA\"%'");
        assertEquals(1, dead.size());
        assertTrue(dead.get(0).getInteger("n") < 5000, "the dead letter keeps a bounded prefix, not 64 KiB");
    }

    @Test
    @DisplayName("A feed labelled as a form (curl --data-binary's default) is read as NDJSON: a 9,000-character line is applied, an over-long one rejected alone")
    void formLabelledFeedIsReadAsNdjson() {
        String t = ts(DAY, "09:34");
        String long9k = position("FLA", "FL1.SH", "3", t).put("note", "x".repeat(9_000)).encode();
        String huge = position("FLA", "FL2.SH", "1", t).put("pad", "x".repeat(FeedParser.MAX_LINE_CHARS)).encode();
        for (String type : List.of("application/x-www-form-urlencoded", "multipart/form-data; boundary=x")) {
            TestApp.Response r = app.call("POST", "/api/feed", long9k + "\n" + huge + "\n", app.token, Map.of("Content-Type", type));
            assertEquals(200, r.status(), type + ": " + r.body());
            assertTrue(rejectedAt(r.json(), 2).getString("reason").contains("line too long"), r.body());
        }
        assertDecimal("3", holding("FLA", "FL1.SH").getString("quantity"));
        TestApp.Response login = app.call("POST", "/api/auth/login", new JsonObject().put("username", "admin").put("password", "x").encode(),
                null, Map.of("Content-Type", "application/x-www-form-urlencoded"));
        assertEquals(401, login.status(), "a JSON login labelled as a form is read as JSON: " + login.body());
    }

    @Test
    @DisplayName("A body over the feed's size limit is refused with 413 and a JSON error body, and the endpoint keeps working")
    void oversizedBodyIsRefused() {
        int limit = 16 * 1024 * 1024;
        String line = position("OBA", "OB1.SH", "1", ts(DAY, "09:34")).encode() + "\n";
        String body = line.repeat(limit / line.length() + 10);
        assertTrue(body.length() > limit);
        TestApp.Response r = app.call("POST", "/api/feed", body, app.token);
        assertEquals(413, r.status(), r.body().length() > 300 ? r.body().substring(0, 300) : r.body());
        JsonObject error = r.json();
        assertTrue(error.getString("error").contains("too large"), error.encode());
        assertNotNull(error.getJsonArray("details"));
        assertEquals(404, app.get("/api/accounts/OBA").status(), "nothing of the refused body is applied");

        JsonObject after = app.feed(List.of(line.trim()));
        assertEquals(1, after.getInteger("accepted"));
        assertDecimal("1", holding("OBA", "OB1.SH").getString("quantity"));
    }

    @Test
    @DisplayName("The same id twice in one batch and again in a later batch is applied once; the reply counts duplicates, and accepted/late/rejected")
    void duplicateIdsAreIgnoredAndCounted() {
        String t = ts(DAY, "09:35");
        JsonObject first = position("DUA", "DU1.SH", "100", t).put("id", "DUP-1");
        JsonObject again = position("DUA", "DU1.SH", "999", ts(DAY, "09:36")).put("id", "DUP-1");
        JsonObject reply = app.feed(List.of(first, again, position("DUA", "DU2.SH", "5", t).put("id", "DUP-2")));
        assertEquals(3, reply.getInteger("accepted"), reply.encode());
        assertEquals(2, reply.getInteger("applied"), reply.encode());
        assertEquals(1, reply.getInteger("duplicates"), reply.encode());
        assertEquals(0, reply.getInteger("late"), reply.encode());
        assertEquals(0, reply.getJsonArray("rejected").size());
        assertDecimal("100", holding("DUA", "DU1.SH").getString("quantity"));

        JsonObject later = app.feed(List.of(again, position("DUA", "DU2.SH", "6", ts(DAY, "09:37")).put("id", "DUP-2"),
                position("DUA", "DU3.SH", "1", t).put("id", "DUP-3")));
        assertEquals(2, later.getInteger("duplicates"), later.encode());
        assertEquals(1, later.getInteger("applied"), later.encode());
        assertDecimal("100", holding("DUA", "DU1.SH").getString("quantity"));
        assertDecimal("5", holding("DUA", "DU2.SH").getString("quantity"));
        assertEquals(3, app.sql("SELECT id FROM feed_seen WHERE id LIKE 'DUP-%'").size());
    }

    @Test
    @DisplayName("An older position or price than the last applied one is ignored and counted as late, within a batch and across batches")
    void outOfOrderEventsAreNeverApplied() {
        JsonObject reply = app.feed(List.of(
                security("OO1.SH", "STOCK", 1_000_000_000L, DAY),
                price("OO1.SH", "10.00", ts(DAY, "10:00")),
                position("OOA", "OO1.SH", "100", ts(DAY, "10:00")),
                price("OO1.SH", "99.00", ts(DAY, "09:50")),          // older, same batch
                position("OOA", "OO1.SH", "999", ts(DAY, "09:59"))));
        assertEquals(2, reply.getInteger("late"), reply.encode());
        assertEquals(3, reply.getInteger("applied"), reply.encode());
        JsonObject h = holding("OOA", "OO1.SH");
        assertDecimal("100", h.getString("quantity"));
        assertDecimal("10.00", h.getString("price"));

        JsonObject later = app.feed(List.of(
                position("OOA", "OO1.SH", "555", "2025-03-03T01:59:59Z"),  // 09:59:59 Shanghai: still older than 10:00
                price("OO1.SH", "1.00", ts(DAY, "09:00")),
                position("OOA", "CASH", "1000.00", ts(DAY, "09:00"))));     // another key: not late
        assertEquals(2, later.getInteger("late"), later.encode());
        assertEquals(1, later.getInteger("applied"), later.encode());
        h = holding("OOA", "OO1.SH");
        assertDecimal("100", h.getString("quantity"));
        assertDecimal("10.00", h.getString("price"));
        assertDecimal("2000.00", account("OOA").getString("nav"));

        JsonObject newer = app.feed(List.of(position("OOA", "OO1.SH", "300", ts(DAY, "10:01"))));
        assertEquals(0, newer.getInteger("late"));
        assertDecimal("300", holding("OOA", "OO1.SH").getString("quantity"));
    }

    @Test
    @DisplayName("A batch with 1,000 bad lines around one valid line answers 200, applies the valid one and keeps all 1,000 dead letters")
    void manyBadLinesInOneBatch() {
        List<Object> lines = new java.util.ArrayList<>();
        for (int i = 0; i < 500; i++) lines.add("{\"bad\":" + i);
        lines.add(position("MBA", "MB1.SH", "42", ts(DAY, "09:45")));
        for (int i = 500; i < 1000; i++) lines.add("{\"bad\":" + i);
        JsonObject reply = app.feed(lines);
        assertEquals(1, reply.getInteger("applied"), reply.getInteger("applied") + " applied");
        assertEquals(1000, reply.getJsonArray("rejected").size());
        assertDecimal("42", holding("MBA", "MB1.SH").getString("quantity"));
        assertEquals(1000, app.sql("SELECT count(*) AS n FROM feed_rejected WHERE payload LIKE '{\"bad\":%'").get(0).getInteger("n"));
    }

    @Test
    @DisplayName("A batch of only bad lines still answers every count field (accepted, applied, duplicates, late) as 0")
    void allRejectedBatchAnswersEveryField() {
        JsonObject reply = app.feed(List.of("{", "}"));
        assertEquals(0, reply.getInteger("accepted"));
        assertEquals(2, reply.getJsonArray("rejected").size());
        assertEquals(0, reply.getInteger("applied"), reply.encode());
        assertEquals(0, reply.getInteger("duplicates"), reply.encode());
        assertEquals(0, reply.getInteger("late"), reply.encode());
    }

    @Test
    @DisplayName("Only FEED and OPS users (and the administrator) may post to the feed; others get 403, no token 401")
    void feedNeedsAFeedRole() {
        String line = body(List.of(position("RLA", "CASH", "1.00", ts(DAY, "09:40"))));
        String feedToken = app.user("feeder1", "FEED", null);
        String cmToken = app.user("cm-feed-role", "CLIENT_MANAGER", "cmfr@example.test");
        assertEquals(200, app.call("POST", "/api/feed", line, feedToken).status());
        TestApp.Response cm = app.call("POST", "/api/feed", line, cmToken);
        assertEquals(403, cm.status());
        assertNotNull(cm.json().getString("error"));
        assertEquals(401, app.call("POST", "/api/feed", line, null).status());
    }

    @Test
    @DisplayName("A year-0 and a +999999999 timestamp are rejected line by line while their neighbours apply; a weight a hair over its limit keeps its digits in the stored alert (value never equals the limit it breaks)")
    void outOfRangeTimesAndExactValues() {
        app.setupClient("CEX", "AEX", "K-EX", "cm-ex", "cm-ex@example.test");
        String t = ts(DAY, "10:00");
        JsonObject reply = app.feed(List.of(
                position("AEX", "EX1.SH", "5", "0000-06-01T00:00:00+08:00"),
                security("EX1.SH", "STOCK", 1_000_000_000L, DAY),
                new JsonObject().put("type", "clock").put("ts", "+999999999-12-31T23:59:59+08:00"),
                price("EX1.SH", "1000.0000001", t), position("AEX", "EX1.SH", "1000", t), position("AEX", "CASH", "9000000", t)));
        assertEquals(4, reply.getInteger("accepted"), reply.encode());
        assertTrue(rejectedAt(reply, 1).getString("reason").contains("1990–2099"), reply.encode());
        assertTrue(rejectedAt(reply, 3).getString("reason").contains("1990–2099"), reply.encode());
        assertEquals(DAY, app.get("/api/status").json().getString("businessTime").substring(0, 10), "business time did not jump");
        JsonObject alert = app.alerts("state=open&account=AEX").getJsonObject(0);
        assertEquals("CRITICAL", alert.getString("severity"));
        assertTrue(new BigDecimal(alert.getString("value")).compareTo(new BigDecimal("0.1")) > 0, alert.encode());
        assertEquals("0.100000000009", alert.getString("value"), "exact, as computed, not cut to the column's scale");
    }
}
