package com.mandatewatch.api;

import com.mandatewatch.support.RawWebSocket;
import com.mandatewatch.support.TestApp;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static com.mandatewatch.support.Scenario.*;
import static com.mandatewatch.support.TestApp.*;
import static org.junit.jupiter.api.Assertions.*;

/** C27: one dashboard stops reading (its TCP window fills) beside ten that read, while thousands of alert events go out. */
class AlertSocketBackpressureTest {
    static final List<String> CODES = List.of("600601.SH", "600602.SH", "600603.SH", "600604.SH", "600605.SH",
            "600606.SH", "600607.SH", "600608.SH", "600609.SH");

    /** Every event after {@code after}, as the persisted log replays them: what every reader must have seen. */
    static Set<Long> persistedSince(TestApp app, long after) {
        Set<Long> seqs = new TreeSet<>();
        try (TestApp.Socket replay = app.socket("token=" + app.token + "&since=" + after)) {
            JsonObject m;
            while ((m = poll(replay, 3)) != null) seqs.add(m.getLong("seq"));
        }
        return seqs;
    }

    static JsonObject poll(TestApp.Socket s, long seconds) {
        try {
            return s.messages.poll(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @DisplayName("C27 a client that stops reading is closed and counted in mw_ws_dropped_messages_total while ten reading clients receive every one of the events")
    void slowClientIsCutOthersGetEverything() throws Exception {
        try (TestApp app = TestApp.start(Map.of())) {
            // ten accounts each holding nine stocks at 10.5%: one price tick of the nine moves 90 breach values
            String t0 = ts("2025-03-03", "10:00");
            List<Object> setup = new ArrayList<>();
            for (String c : CODES) {
                setup.add(security(c, "STOCK", 1_000_000_000L, "2025-03-03"));
                setup.add(price(c, "100.00", t0));
            }
            for (int i = 0; i < 10; i++) {
                String account = "AW" + i;
                app.setupClient("CW" + i, account, "K-W" + i, "cmw" + i, "cmw" + i + "@example.test");
                for (String c : CODES) setup.add(position(account, c, "10500", t0));
                setup.add(position(account, "CASH", "550000", t0));
            }
            app.feed(setup);
            assertEquals(90, app.alerts("state=open&limit=1000").size());

            List<TestApp.Socket> readers = new ArrayList<>();
            long start = -1;
            for (int i = 0; i < 10; i++) {
                TestApp.Socket s = app.socket("token=" + app.token);
                start = s.next(10).getLong("seq");
                readers.add(s);
            }
            double droppedBefore = metric(app, "mw_ws_dropped_messages_total");
            try (RawWebSocket stalled = new RawWebSocket(app.port(), "token=" + app.token, 2048)) {
                await("eleven clients connected", 10, () -> metric(app, "mw_ws_connected_clients") == 11);
                // enough events to fill the stalled peer's kernel buffers (up to a few MB on loopback) and the write queue
                for (int tick = 1; tick <= 60; tick++) {
                    String t = ts("2025-03-03", String.format("%02d:%02d", 10 + tick / 60, tick % 60));
                    List<Object> prices = new ArrayList<>();
                    for (String c : CODES) prices.add(price(c, tick % 2 == 1 ? "120.00" : "100.00", t));
                    app.feed(prices);
                }
                await("the stalled client is cut", 30, () -> metric(app, "mw_ws_dropped_messages_total") > droppedBefore);
                await("the stalled client leaves the gauge", 30, () -> metric(app, "mw_ws_connected_clients") == 10);
                // and its connection is really gone: reading now finds the end of the stream, not a server still waiting
                stalled.socket.setSoTimeout(20_000);
                try {
                    while (stalled.next() != null) { /* drain what was buffered before the cut */ }
                } catch (java.net.SocketTimeoutException e) {
                    fail("the server kept the stalled connection open");
                } catch (java.net.SocketException reset) {
                    // a reset is a closed connection too
                }
            }
            Set<Long> expected = persistedSince(app, start);
            assertTrue(expected.size() >= 5_400, "60 ticks × 90 updates: " + expected.size());
            for (TestApp.Socket s : readers) {
                Set<Long> seen = new TreeSet<>();
                JsonObject m;
                while (seen.size() < expected.size() && (m = poll(s, 10)) != null) {
                    if ("event".equals(m.getString("type"))) seen.add(m.getLong("seq"));
                }
                assertEquals(expected, seen, "a reading client misses nothing");
                assertNull(s.closedWith, "a reading client is not closed");
                s.close();
            }
        }
    }
}
