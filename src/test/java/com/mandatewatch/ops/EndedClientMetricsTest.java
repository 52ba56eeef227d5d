package com.mandatewatch.ops;

import com.mandatewatch.support.TestApp;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static com.mandatewatch.support.TestApp.*;
import static org.junit.jupiter.api.Assertions.*;

/** C49: nothing on /metrics outlives a client whose alerts have closed. */
class EndedClientMetricsTest {

    @Test
    @DisplayName("C49 When a client's contract ends and its alerts close, the open-alert gauge drops and no series names the client")
    void noGhostSeries() throws Exception {
        try (TestApp app = TestApp.start(Map.of())) {
            app.setupClient("C490", "A490", "K-490", "cm490", "cm490@example.test");
            app.feed(List.of(security("600490.SH", "STOCK", 1_000_000_000L, "2025-03-03"),
                    price("600490.SH", "10.00", ts("2025-03-03", "10:00")),
                    position("A490", "600490.SH", "150000", ts("2025-03-03", "10:00")),   // 1.5M of 10M: 15%
                    position("A490", "CASH", "8500000", ts("2025-03-03", "10:00"))));
            String gauge = "mw_alerts_open{rule=\"HOLDING_RATIO\"}";
            assertEquals(1.0, app.metric(gauge));

            TestApp.Response ended = app.put("/api/contracts/K-490", contractBody("K-490", "C490", "A490").put("status", "TERMINATED"));
            assertEquals(200, ended.status(), ended.body());
            long until = System.currentTimeMillis() + 10_000;
            while (System.currentTimeMillis() < until && app.metric(gauge) != 0.0) Thread.sleep(100);
            assertEquals(0.0, app.metric(gauge), "the gauge follows the closed alert");
            assertEquals(0, app.alerts("state=open&account=A490").size());
            String metrics = app.metrics();
            assertFalse(metrics.contains("C490") || metrics.contains("A490") || metrics.contains("600490"),
                    "no series carries the client, its account or its security");
        }
    }
}
