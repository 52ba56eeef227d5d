package com.mandatewatch.api;

import com.mandatewatch.auth.Permission;
import com.mandatewatch.engine.Bus;
import com.mandatewatch.engine.FeedBatch;
import com.mandatewatch.feed.FeedEvent;
import com.mandatewatch.feed.FeedParser;
import com.mandatewatch.feed.ParsedLine;
import com.mandatewatch.ops.Metrics;
import com.mandatewatch.store.StateStore;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.List;

/**
 * POST /api/feed: NDJSON in, each line judged on its own (SPEC §3). Bad lines are answered with their
 * reason and kept as dead letters; the valid ones go to the engine as one batch, and the answer waits
 * until they are applied and persisted.
 */
public final class FeedRoutes {
    private final StateStore state;
    private final Metrics metrics;
    /** With several instances: valid lines go to Kafka, to the instance that owns each account (null: this engine). */
    private final com.mandatewatch.feed.KafkaFeedProducer toKafka;

    public FeedRoutes(StateStore state, Metrics metrics, com.mandatewatch.feed.KafkaFeedProducer toKafka) {
        this.state = state;
        this.metrics = metrics;
        this.toKafka = toKafka;
    }

    public void mount(Router api) {
        api.post("/feed").handler(this::post);
    }

    private void post(RoutingContext ctx) {
        Caller.of(ctx).require(Permission.POST_FEED);
        String body = ctx.body().asString("UTF-8");
        List<ParsedLine> lines = FeedParser.parseBatch(body == null ? "" : body);
        List<FeedEvent> events = new ArrayList<>();
        List<String> validLines = new ArrayList<>();
        JsonArray rejected = new JsonArray();
        List<StateStore.DeadLetter> deadLetters = new ArrayList<>();
        String[] raw = body == null ? new String[0] : body.split("\n", -1);
        for (ParsedLine l : lines) {
            if (l.ok()) {
                events.add(l.event());
                validLines.add(raw[l.line() - 1].replaceFirst("^\uFEFF", "").strip());
            } else {
                rejected.add(new JsonObject().put("line", l.line()).put("reason", l.reason()));
                String payload = l.line() - 1 < raw.length ? raw[l.line() - 1] : "";
                deadLetters.add(new StateStore.DeadLetter(l.line(), l.reason(), payload));
            }
        }
        metrics.feedRejected("parse", rejected.size());
        JsonObject answer = new JsonObject().put("accepted", events.size()).put("rejected", rejected);
        // a batch with nothing valid still answers every count, so producers can read the reply one way
        if (toKafka != null) {
            // the owners apply them: what they will count as duplicates or late is not known here
            Api.reply(ctx, 200, state.reject("http", deadLetters).compose(v -> events.isEmpty() ? Future.succeededFuture()
                    : toKafka.publish(validLines, events)).map(v -> answer.put("queued", events.size())));
            return;
        }
        Future<JsonObject> applied = events.isEmpty()
                ? Future.succeededFuture(new JsonObject().put("applied", 0).put("duplicates", 0).put("late", 0))
                : ctx.vertx().eventBus().<JsonObject>request(Bus.FEED, new FeedBatch("http", events),
                        new DeliveryOptions().setSendTimeout(60_000)).map(m -> m.body());
        Api.reply(ctx, 200, state.reject("http", deadLetters).compose(v -> applied).map(answer::mergeIn));
    }
}
