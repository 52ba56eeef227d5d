package com.mandatewatch.api;

import com.mandatewatch.support.RawWebSocket;
import com.mandatewatch.support.TestApp;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static com.mandatewatch.support.Scenario.*;
import static org.junit.jupiter.api.Assertions.*;

/** C28 with ws.ping-interval 1s and ws.dead-after 3s: pings go out, a peer that never answers is closed, one that answers stays. */
class AlertSocketHeartbeatTest {

    @Test
    @DisplayName("C28 the server pings every second; a peer that never answers is closed within dead-after plus one interval and leaves mw_ws_connected_clients, while a ponging client stays live")
    void silentPeerIsClosed() throws Exception {
        try (TestApp app = TestApp.start(Map.of("MW_WS_PING_INTERVAL", "1s", "MW_WS_DEAD_AFTER", "3s"));
             TestApp.Socket live = app.socket("token=" + app.token)) {
            assertEquals("snapshot", live.next(5).getString("type"));
            try (RawWebSocket mute = new RawWebSocket(app.port(), "token=" + app.token, 0)) {
                long opened = System.currentTimeMillis();
                await("both counted", 5, () -> metric(app, "mw_ws_connected_clients") == 2);
                int pings = 0;
                RawWebSocket.Frame f;
                while ((f = mute.next()) != null && !f.close()) if (f.ping()) pings++;
                long closedAfter = System.currentTimeMillis() - opened;
                assertNotNull(f, "a close frame, not just a dropped connection");
                assertTrue(pings >= 2, "pinged before being given up: " + pings);
                assertTrue(closedAfter >= 2_500 && closedAfter < 6_000, "closed after " + closedAfter + " ms");
                assertEquals(1, metric(app, "mw_ws_connected_clients"), "the dead peer left the gauge at once");
            }
            sleep(2_000);
            // the JDK client answers pings itself: still connected and still served
            breach(app, "HB", "600991.SH", "10:00");
            assertEquals("HOLDING_RATIO:AHB:600991.SH", live.nextEvent("OPENED", 5).getJsonObject("alert").getString("fingerprint"));
            assertNull(live.closedWith);
            assertEquals(1, metric(app, "mw_ws_connected_clients"));
        }
    }
}
