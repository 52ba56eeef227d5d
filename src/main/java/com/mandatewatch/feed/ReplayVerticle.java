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
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.disposables.Disposable;
import io.vertx.rxjava3.core.RxHelper;

import java.util.concurrent.TimeUnit;

import java.time.LocalDate;
import java.util.logging.Logger;

/**
 * Replays real daily closes over the demo accounts, one trading day every 1/speed seconds, through the
 * same engine path as any feed, as an RxJava stream of days. The last day done is kept in the database so a restart goes on from there.
 */
public final class ReplayVerticle extends VerticleBase {
    private static final Logger LOG = Logger.getLogger(ReplayVerticle.class.getName());
    static final String CURSOR = "replay.done";

    private final DemoData data;
    private final UserStore settings;
    private final double daysPerSecond;
    private static final long RETRY_SECONDS = 5;
    private Disposable running;

    public ReplayVerticle(DemoData data, UserStore settings, double daysPerSecond) {
        this.data = data;
        this.settings = settings;
        this.daysPerSecond = daysPerSecond;
    }

    @Override
    public Future<?> start() {
        return settings.setting(CURSOR).map(done -> {
            PriceReplay replay = new PriceReplay(data);
            done.map(LocalDate::parse).ifPresent(replay::skipThrough);
            LOG.info("replaying real closes at " + daysPerSecond + " trading day(s) per second"
                    + done.map(d -> ", resuming after " + d).orElse(", from " + data.replayStart()));
            long pauseMs = Math.max(1, (long) (1000 / daysPerSecond));
            Scheduler loop = RxHelper.scheduler(io.vertx.rxjava3.core.Vertx.newInstance(vertx));
            // one day at a time: the next waits until this one is applied and its cursor stored, so a slow engine
            // is never flooded; a day that fails (database down) is retried, never skipped
            running = Flowable.fromIterable(() -> replay)
                    .concatMapCompletable(day -> Completable.timer(pauseMs, TimeUnit.MILLISECONDS, loop)
                            .andThen(apply(day).doOnError(e -> LOG.warning("replay of " + day.date() + " failed, retrying: " + e))
                                    .retryWhen(errors -> errors.delay(RETRY_SECONDS, TimeUnit.SECONDS, loop))))
                    .subscribe(() -> LOG.info("replay finished: the price file ends here"),
                            e -> LOG.severe("replay stopped: " + e));
            return null;
        });
    }

    private Completable apply(ReplayDay day) {
        return Completable.defer(() -> Completable.fromCompletionStage(vertx.eventBus()
                .request(Bus.FEED, new FeedBatch("replay", day.events()), new DeliveryOptions().setSendTimeout(120_000))
                .compose(r -> settings.putSetting(CURSOR, day.date().toString()))
                .toCompletionStage()));
    }

    @Override
    public Future<?> stop() {
        if (running != null) running.dispose();
        return Future.succeededFuture();
    }
}
