package com.mandatewatch.api;

import com.mandatewatch.support.TestApp;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.mandatewatch.support.TestApp.*;
import static org.junit.jupiter.api.Assertions.*;

/** C47: /metrics stays bounded however many clients, accounts, securities and alerts there are. */
class MetricsCardinalityTest {
    static TestApp app;
    static final String DAY = "2025-03-10";
    static final Pattern LABEL = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=\"");

    @BeforeAll
    static void start() {
        app = TestApp.start(Map.of());
        app.user("cm-m", "CLIENT_MANAGER", "cm-m@example.test");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    /** Client, contract and feed for accounts [from, to): every one breaches, and every one holds an unvalued security. */
    static void load(int from, int to, int watched, String hhmm) {
        String t = ts(DAY, hhmm);
        for (int i = from; i < from + watched; i++) {
            assertEquals(201, app.post("/api/clients", new JsonObject().put("code", "CM" + i).put("name", "客户" + i)
                    .put("nature", "PRIVATE").put("manager", "cm-m")).status());
            assertEquals(201, app.post("/api/contracts", contractBody("KM" + i, "CM" + i, "AM" + i)).status());
        }
        List<Object> lines = new ArrayList<>();
        for (int i = from; i < to; i++) {
            String code = "M" + i + ".SZ";
            lines.add(security(code, "STOCK", 1_000_000L, DAY));
            lines.add(price(code, "10.00", t));
            lines.add(position("AM" + i, "CASH", "10000.00", t));
            lines.add(position("AM" + i, code, "100000", t));          // 99% of NAV, and 10% of the company: every rule kind fires
            lines.add(position("AM" + i, "U" + i + ".SZ", "1", t));    // never priced: data quality
            lines.add(new JsonObject().put("type", "price").put("code", code).put("price", "bad").put("ts", t)); // rejected
        }
        JsonObject reply = app.feed(lines);
        assertEquals(5 * (to - from), reply.getInteger("applied"), reply.encode().length() > 500 ? "" : reply.encode());
    }

    static List<String> series(String prefix) {
        return app.metrics().lines().filter(l -> !l.startsWith("#") && !l.isBlank() && l.startsWith(prefix)).toList();
    }

    static Set<String> labelNames(List<String> lines) {
        Set<String> out = new TreeSet<>();
        for (String l : lines) {
            int open = l.indexOf('{');
            if (open < 0) continue;
            Matcher m = LABEL.matcher(l.substring(open, l.lastIndexOf('}') + 1));
            while (m.find()) out.add(m.group(1));
        }
        return out;
    }

    @Test
    @DisplayName("Every mw_ series says in its # HELP line what it counts")
    void everySeriesIsDescribed() {
        List<String> help = app.metrics().lines().filter(l -> l.startsWith("# HELP mw_")).toList();
        assertFalse(help.isEmpty());
        for (String line : help) {
            String[] parts = line.split(" ", 4);
            assertTrue(parts.length == 4 && !parts[3].isBlank(), "no description: " + line);
        }
    }

    @Test
    @DisplayName("C47 after many distinct accounts and securities /metrics has no client, account, security, alertId or code label, and the number of mw_ series does not grow with the accounts")
    void c47MetricsStayBounded() {
        load(0, 10, 3, "10:00");
        List<String> small = series("mw_");
        assertFalse(small.isEmpty());
        assertTrue(small.stream().anyMatch(l -> l.startsWith("mw_alerts_opened_total{") && l.contains("HOLDING_RATIO")), String.join("\n", small));

        load(10, 400, 20, "10:01");
        assertTrue(app.alerts("state=open&limit=5000").size() > 400, "hundreds of alerts are open");
        List<String> large = series("mw_");
        Set<String> seriesSmall = new TreeSet<>(small.stream().map(MetricsCardinalityTest::key).toList());
        Set<String> seriesLarge = new TreeSet<>(large.stream().map(MetricsCardinalityTest::key).toList());
        assertEquals(seriesSmall, seriesLarge, "the same mw_ series with 10 or 400 accounts");

        Set<String> forbidden = Set.of("client", "clientCode", "clientId", "account", "security", "alertId", "code", "fingerprint", "subject");
        Set<String> mwLabels = labelNames(large);
        assertTrue(mwLabels.containsAll(Set.of("rule", "severity", "reason")), "the bounded labels are read: " + mwLabels);
        for (String f : forbidden) assertFalse(mwLabels.contains(f), "mw_ label " + f + " in " + mwLabels);
        List<String> all = series("");
        Set<String> allLabels = labelNames(all);
        for (String f : Set.of("client", "clientCode", "clientId", "account", "security", "alertId", "fingerprint", "subject")) {
            assertFalse(allLabels.contains(f), "label " + f + " in " + allLabels);
        }
        for (String l : all) {
            for (String id : List.of("AM123", "M123.SZ", "CM12\"", "KM12\"")) assertFalse(l.contains(id), "an identifier in a series: " + l);
        }
        assertTrue(all.size() < 2000, "series on /metrics: " + all.size());
    }

    /** The series identity: name and labels without the value. */
    static String key(String line) {
        int sp = line.lastIndexOf(' ');
        return sp < 0 ? line : line.substring(0, sp);
    }
}
