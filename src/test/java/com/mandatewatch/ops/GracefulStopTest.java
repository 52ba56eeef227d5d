package com.mandatewatch.ops;

import com.mandatewatch.engine.Bus;
import com.mandatewatch.engine.FeedBatch;
import com.mandatewatch.feed.FeedEvent;
import com.mandatewatch.feed.FeedParser;
import com.mandatewatch.feed.ParsedLine;
import com.mandatewatch.support.TestApp;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static com.mandatewatch.support.TestApp.*;
import static org.junit.jupiter.api.Assertions.*;

/** Issue 7 item 6: a stop drains the work already taken in instead of cutting it off. */
class GracefulStopTest {

    @Test
    @DisplayName("a feed batch taken in just before the stop is applied, persisted and answered; after a restart its alert and positions are there")
    void stopDrainsTheEngine() throws Exception {
        Path dir = Files.createTempDirectory("mw-drain-");
        try {
            TestApp app = TestApp.start(dir, Map.of());
            app.setupClient("C001", "A001", "K-2025-001", "cm1", null);
            app.feed(List.of(security("600001.SH", "STOCK", 1_000_000_000L, "2025-03-03")));
            // a batch big enough to take a while: 3,000 positions of other accounts, then the breach of A001
            List<JsonObject> lines = new ArrayList<>();
            for (int i = 0; i < 3000; i++) lines.add(position("B" + i, "600001.SH", "100", ts("2025-03-03", "10:00")));
            lines.add(price("600001.SH", "1500.00", ts("2025-03-03", "10:00")));
            lines.add(position("A001", "600001.SH", "700", ts("2025-03-03", "10:00")));
            lines.add(position("A001", "CASH", "8950000.00", ts("2025-03-03", "10:00")));
            List<FeedEvent> events = FeedParser.parseBatch(lines.stream().map(JsonObject::encode).collect(Collectors.joining("\n")))
                    .stream().map(ParsedLine::event).toList();
            assertEquals(3003, events.size());

            CompletableFuture<Message<JsonObject>> answer = app.vertx().eventBus().<JsonObject>request(Bus.FEED,
                    new FeedBatch("test", events), new DeliveryOptions().setSendTimeout(60_000)).toCompletionStage().toCompletableFuture();
            app.close(); // at once: the engine has the batch in hand

            JsonObject reply = answer.get(60, TimeUnit.SECONDS).body();
            assertEquals(3003, reply.getInteger("applied"), reply.encode());

            try (TestApp again = TestApp.start(dir, Map.of())) {
                JsonArray open = again.alerts("state=open&account=A001");
                assertEquals(1, open.size(), open.encode());
                assertEquals("HOLDING_RATIO", open.getJsonObject(0).getString("rule"));
                assertEquals(200, again.get("/api/accounts/B2999").status(), "the last position of the batch was not kept");
            }
        } finally {
            TestApp.deleteTree(dir);
        }
    }
}
