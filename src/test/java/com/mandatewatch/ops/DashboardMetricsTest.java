package com.mandatewatch.ops;

import com.mandatewatch.support.TestApp;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static com.mandatewatch.support.TestApp.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 7 items 1 and 2: the latency histograms are exported and counted, and every query of every Grafana
 * dashboard in dashboards/ names a metric that a live instance really exports.
 */
class DashboardMetricsTest {
    static TestApp app;
    static String scrape;

    @BeforeAll
    static void start() {
        app = TestApp.start(Map.of());
        try (TestApp.Socket ws = app.socket("token=" + app.token)) {
            app.setupClient("C001", "A001", "K-2025-001", "cm1", null);
            app.feed(List.of(security("600001.SH", "STOCK", 1_000_000_000L, "2025-03-03"), price("600001.SH", "1500.00", ts("2025-03-03", "10:00")),
                    position("A001", "600001.SH", "700", ts("2025-03-03", "10:00")),     // 10.5% against a 10% single-stock limit
                    position("A001", "CASH", "8950000.00", ts("2025-03-03", "10:00"))));
            ws.nextEvent("OPENED", 10);
        }
        scrape = app.metrics();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    @DisplayName("rule evaluation time and tick-to-push latency are histograms with fixed buckets, counted by a feed batch that opened an alert")
    void latencyHistograms() {
        for (String name : List.of("mw_rule_evaluation_seconds", "mw_tick_to_push_seconds")) {
            assertTrue(app.metric(name + "_count") >= 1, name + " counted nothing:\n" + name);
            assertTrue(scrape.contains(name + "_bucket{le=\"0.001\"}"), name + " has no 1 ms bucket");
            assertTrue(scrape.contains(name + "_bucket{le=\"+Inf\"}"), name + " has no +Inf bucket");
            long buckets = scrape.lines().filter(l -> l.startsWith(name + "_bucket{")).count();
            assertTrue(buckets <= 20, name + " has " + buckets + " buckets: the series count must stay small");
        }
    }

    @Test
    @DisplayName("the metric-name reader finds names and skips functions, labels, ranges, numbers and Grafana variables")
    void readerOfExpressions() {
        assertEquals(Set.of("mw_a_total", "mw_b"), DashboardQueries.metricNames(
                "sum by (rule) (rate(mw_a_total{instance=~\"$instance\",x=\"y\"}[$__rate_interval])) / on(rule) mw_b * 1e3 or vector(0)"));
        assertEquals(Set.of("mw_alerts_open"), DashboardQueries.metricNames("label_values(mw_alerts_open, rule)"));
        assertEquals(Set.of("mw_x_bucket"), DashboardQueries.metricNames("histogram_quantile(0.99, sum by (le) (rate(mw_x_bucket[5m])))"));
    }

    @Test
    @DisplayName("every expression of every dashboard names only metrics the live /metrics exports, and each names one at least")
    void dashboardsReadLiveMetrics() throws Exception {
        Set<String> live = DashboardQueries.scrapedNames(scrape);
        List<Path> boards;
        try (Stream<Path> files = Files.list(Path.of("dashboards"))) {
            boards = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        assertTrue(boards.size() >= 3, "dashboards/ holds " + boards);
        List<String> wrong = new ArrayList<>();
        int expressions = 0;
        for (Path board : boards) {
            JsonObject json = new JsonObject(Files.readString(board));
            for (var e : DashboardQueries.expressions(json).entrySet()) {
                expressions++;
                Set<String> names = DashboardQueries.metricNames(e.getValue());
                if (names.isEmpty()) wrong.add(board.getFileName() + " / " + e.getKey() + ": no metric in " + e.getValue());
                for (String name : names) {
                    if (!live.contains(name)) wrong.add(board.getFileName() + " / " + e.getKey() + ": " + name + " is not exported");
                }
            }
        }
        assertTrue(expressions > 30, "only " + expressions + " expressions found: is the reader broken?");
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }
}
