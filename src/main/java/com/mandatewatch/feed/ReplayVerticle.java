package com.mandatewatch.feed;

import com.mandatewatch.demo.DemoData;
import com.mandatewatch.demo.PriceReplay;
import com.mandatewatch.demo.ReplayDay;
import com.mandatewatch.engine.Bus;
import com.mandatewatch.engine.FeedBatch;
import com.mandatewatch.store.UserStore;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;

import java.time.LocalDate;
import java.util.logging.Logger;

/**
 * Replays real daily closes over the demo accounts, one trading day every 1/speed seconds, through the
 * same engine path as any feed. The last day done is kept in the database so a restart goes on from there.
 */
public final class ReplayVerticle extends VerticleBase {
    private static final Logger LOG = Logger.getLogger(ReplayVerticle.class.getName());
    static final String CURSOR = "replay.done";

    private final DemoData data;
    private final UserStore settings;
    private final double daysPerSecond;
    private PriceReplay replay;

    public ReplayVerticle(DemoData data, UserStore settings, double daysPerSecond) {
        this.data = data;
        this.settings = settings;
        this.daysPerSecond = daysPerSecond;
    }

    @Override
    public Future<?> start() {
        return settings.setting(CURSOR).map(done -> {
            replay = new PriceReplay(data);
            done.map(LocalDate::parse).ifPresent(replay::skipThrough);
            LOG.info("replaying real closes at " + daysPerSecond + " trading day(s) per second"
                    + done.map(d -> ", resuming after " + d).orElse(", from " + data.replayStart()));
            schedule();
            return null;
        });
    }

    private void schedule() {
        if (!replay.hasNext()) {
            LOG.info("replay finished: the price file ends here");
            return;
        }
        vertx.setTimer(Math.max(1, (long) (1000 / daysPerSecond)), id -> step());
    }

    /** One day at a time: the next is scheduled only once this one is applied, so a slow engine is never flooded. */
    private void step() {
        ReplayDay day = replay.next();
        vertx.eventBus().request(Bus.FEED, new FeedBatch("replay", day.events()), new DeliveryOptions().setSendTimeout(120_000))
                .compose(r -> settings.putSetting(CURSOR, day.date().toString()))
                .onComplete(ar -> {
                    if (ar.failed()) LOG.warning("replay of " + day.date() + " failed: " + ar.cause());
                    schedule();
                });
    }
}
