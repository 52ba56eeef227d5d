package com.mandatewatch.engine;

import com.mandatewatch.alerts.Alert;
import com.mandatewatch.alerts.EventKind;
import com.mandatewatch.alerts.Transition;
import com.mandatewatch.domain.Rule;
import com.mandatewatch.feed.FeedEvent;
import com.mandatewatch.json.AlertJson;
import com.mandatewatch.ops.Metrics;
import com.mandatewatch.rules.BusinessCalendar;
import com.mandatewatch.store.AlertStore;
import com.mandatewatch.store.DisclosureStore;
import com.mandatewatch.store.Stores;
import com.mandatewatch.store.ReferenceStore;
import com.mandatewatch.store.StateDelta;
import com.mandatewatch.store.StateStore;
import com.mandatewatch.store.UserStore;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The one owner of live account state: runs the {@link Engine} on its event loop, one unit of work at a
 * time, and for each unit persists the state and alert transitions in one transaction before publishing
 * the events (SPEC §5: persisted before announced).
 */
public final class EngineVerticle extends VerticleBase {
    private static final Logger LOG = Logger.getLogger(EngineVerticle.class.getName());

    private final ReferenceStore reference;
    private final UserStore users;
    private final StateStore state;
    private final AlertStore alertStore;
    private final DisclosureStore disclosures;
    private final Metrics metrics;
    private final BusinessCalendar calendar;
    private final Engine.Clock clock;
    private final Duration staleAfter;
    private final int cureDays;
    private final Duration keepFiringFor;
    private final Duration groupWait;
    private final ClusterLink cluster;
    private Engine engine;
    /** A unit of work failed to persist: memory is ahead of the database until restored from it. */
    private boolean diverged;
    private Future<?> tail = Future.succeededFuture();

    public EngineVerticle(Stores stores, Metrics metrics, BusinessCalendar calendar, Engine.Clock clock, Duration staleAfter,
                          int cureDays, Duration keepFiringFor, Duration groupWait, ClusterLink cluster) {
        this.reference = stores.reference();
        this.users = stores.users();
        this.state = stores.state();
        this.alertStore = stores.alerts();
        this.disclosures = stores.disclosures();
        this.metrics = metrics;
        this.calendar = calendar;
        this.clock = clock;
        this.staleAfter = staleAfter;
        this.cureDays = cureDays;
        this.keepFiringFor = keepFiringFor;
        this.groupWait = groupWait;
        this.cluster = cluster;
    }

    @Override
    public Future<?> start() {
        return restoreFromDatabase()
                .compose(dir -> {
                    vertx.eventBus().<FeedBatch>consumer(Bus.FEED, this::onFeed);
                    vertx.eventBus().consumer(Bus.REFERENCE_CHANGED, m -> enqueue(this::reloadReference));
                    vertx.eventBus().<JsonObject>consumer(Bus.ACK, this::onAck);
                    vertx.eventBus().<String>consumer(Bus.ACCOUNT, this::onAccount);
                    vertx.eventBus().<JsonObject>consumer(Bus.DISCLOSURE_FILED, this::onDisclosureFiled);
                    // what it now owns was judged by another instance, or by nobody during the hand-over: judge it again
                    vertx.eventBus().consumer(Bus.OWNERSHIP_CHANGED, m -> enqueue(() -> restoreFromDatabase().compose(d -> reloadReference()))
                            .onComplete(ar -> { if (ar.succeeded()) m.reply("restored"); else m.fail(503, String.valueOf(ar.cause())); }));
                    vertx.eventBus().<io.vertx.core.json.JsonArray>consumer(Bus.FIRM_CHANGED,
                            m -> enqueue(() -> firmChanged(m.body().stream().map(String::valueOf).toList())));
                    // the wall clock drives maturity and staleness when the feed does not
                    vertx.setPeriodic(1000, 15_000, id -> enqueue(this::tick));
                    return enqueue(this::reloadReference);
                });
    }

    private Future<Void> tick() {
        long began = System.nanoTime();
        List<Transition> transitions = engine.tick(Instant.now());
        metrics.ruleEvaluation(System.nanoTime() - began);
        return persistAndPublish(transitions, new StateDelta());
    }

    /** A graceful stop finishes the unit of work in hand and those queued behind it (their senders wait for them). */
    @Override
    public Future<?> stop() {
        return tail.transform(x -> Future.succeededFuture());
    }

    private Future<Directory> loadDirectory() {
        return Future.all(reference.clients(), reference.contracts(), users.all())
                .map(all -> new Directory(all.resultAt(0), all.resultAt(1), all.resultAt(2)));
    }

    /**
     * Builds a fresh engine from what the database holds. Used at start, and after a unit of work could not be
     * persisted: the engine had already applied it in memory, so memory and database must be made one again
     * before anything else is decided (C35).
     */
    private Future<Directory> restoreFromDatabase() {
        Engine fresh = new Engine(calendar, clock, staleAfter, cureDays, keepFiringFor, (what, e) -> metrics.ruleEvaluationError());
        fresh.own(cluster.ownership());
        long began = System.nanoTime();
        return loadDirectory().compose(dir -> Future.all(state.load(), reference.securities(), alertStore.open(), disclosures.latest())
                .map(all -> {
                    StateStore.Snapshot s = all.resultAt(0);
                    List<com.mandatewatch.domain.Security> secs = all.resultAt(1);
                    Map<String, com.mandatewatch.domain.Security> byCode = new HashMap<>();
                    secs.forEach(x -> byCode.put(x.code(), x));
                    fresh.restore(dir, s.prices(), s.positions(), s.returns(), byCode, s.businessTime(), all.resultAt(2));
                    fresh.restoreFiledDisclosures(all.resultAt(3));
                    engine = fresh;
                    diverged = false;
                    updateOpenGauge(); // the gauge starts at 0: after a restart it must show the alerts still open (C49)
                    // the time covers reading the state from the database and rebuilding the book and its ledger
                    LOG.info("engine restored " + s.positions().size() + " positions, " + engine.alerts().open().size()
                            + " open alerts, business time " + s.businessTime() + ", in "
                            + (System.nanoTime() - began) / 1_000_000 + " ms");
                    return dir;
                }));
    }

    /** Runs units of work strictly one after another: state has one owner and one order. */
    private <T> Future<T> enqueue(Supplier<Future<T>> work) {
        Promise<T> done = Promise.promise();
        tail = tail.transform(ignored -> {
            Future<T> f;
            try {
                f = diverged ? restoreFromDatabase().compose(d -> work.get()) : work.get();
            } catch (RuntimeException e) {
                f = Future.failedFuture(e);
            }
            f.onComplete(done);
            return f.transform(x -> Future.succeededFuture());
        });
        return done.future();
    }

    private void onFeed(Message<FeedBatch> msg) {
        FeedBatch batch = msg.body();
        List<String> ids = batch.events().stream().map(engine.ownership()::idempotencyKey).filter(java.util.Objects::nonNull).toList();
        enqueue(() -> state.seen(ids).compose(seen -> {
            long began = System.nanoTime();
            Engine.Result r = engine.apply(batch.events(), seen, Instant.now());
            metrics.ruleEvaluation(System.nanoTime() - began);
            countFeed(batch, r);
            return persistAndPublish(r.transitions(), r.delta(), batch.receivedNanos()).map(v -> new JsonObject().put("applied", r.applied())
                    .put("duplicates", r.duplicates()).put("late", r.late()));
        })).onComplete(ar -> {
            if (ar.succeeded()) msg.reply(ar.result());
            else {
                LOG.warning("feed batch failed: " + ar.cause());
                msg.fail(503, String.valueOf(ar.cause().getMessage()));
            }
        });
    }

    private void countFeed(FeedBatch batch, Engine.Result r) {
        Map<String, Integer> byType = new HashMap<>();
        batch.events().forEach(e -> byType.merge(e.type(), 1, Integer::sum));
        byType.forEach(metrics::feedAccepted);
        metrics.feedDuplicates(r.duplicates());
        metrics.feedRejected("duplicate", r.duplicates());
        metrics.feedRejected("late", r.late());
    }

    private Future<Void> reloadReference() {
        return loadDirectory().compose(dir -> persistAndPublish(engine.reevaluateAll(dir, Instant.now()), new StateDelta()));
    }

    private void onAck(Message<JsonObject> msg) {
        JsonObject b = msg.body();
        // alert times are business time (README): an acknowledgement is stamped with it too
        Instant at = engine.businessTime() == null ? Instant.now() : engine.businessTime().toInstant();
        enqueue(() -> engine.acknowledge(b.getLong("id"), b.getString("user"), b.getString("comment"), at)
                .map(ack -> persistAndPublish(ack.change().map(List::of).orElse(List.of()), new StateDelta())
                        .map(v -> AlertJson.toJson(engine.alerts().get(ack.alert().fingerprint()))))
                .orElse(Future.failedFuture("not open")))
                .onComplete(ar -> {
                    if (ar.succeeded()) msg.reply(ar.result());
                    else msg.fail(404, "预警已解除或不存在 " + b.getLong("id") + " / no open alert " + b.getLong("id"));
                });
    }

    /** Every instance keeps the filed base of the ladder (a future leader needs it); the leader re-measures. */
    private void onDisclosureFiled(Message<JsonObject> msg) {
        String code = msg.body().getString("code");
        java.math.BigDecimal ratio = new java.math.BigDecimal(msg.body().getString("ratio"));
        enqueue(() -> persistAndPublish(engine.fileDisclosure(code, ratio), new StateDelta()))
                .onComplete(ar -> {
                    if (ar.succeeded()) msg.reply(new JsonObject());
                    else msg.fail(503, String.valueOf(ar.cause().getMessage()));
                });
        if (msg.headers().get(Bus.REMOTE) == null) cluster.announceFiled(code, ratio.toPlainString());
    }

    /** Positions of these securities changed on some instance: the leader measures the firm's stake again. */
    private Future<Void> firmChanged(List<String> codes) {
        if (!engine.ownership().leads()) return Future.succeededFuture();
        return state.holdings(codes).compose(byCode -> {
            List<Transition> out = new java.util.ArrayList<>();
            byCode.forEach((code, byAccount) -> out.addAll(engine.firmHoldings(code, byAccount)));
            return persistAndPublish(out, new StateDelta());
        });
    }

    private void onAccount(Message<String> msg) {
        String account = msg.body();
        Directory dir = engine.directory();
        if (!engine.ownership().owns(account)) {
            msg.fail(404, "账户由其他实例负责 / account owned by another instance: " + account);
            return;
        }
        if (!engine.book().accounts().contains(account) && dir.watched(account).isEmpty()) {
            msg.fail(404, "账户不存在 / no account " + account);
            return;
        }
        var contract = dir.watched(account).orElse(null);
        msg.reply(AccountViewJson.of(engine.book().view(account), contract, dir.clientName(dir.clientCode(account)))
                .put("businessDate", String.valueOf(engine.businessDate())));
    }

    private Future<Void> persistAndPublish(List<Transition> transitions, StateDelta delta) {
        return persistAndPublish(transitions, delta, null);
    }

    /** receivedNanos: when the feed batch behind these transitions came in, carried to the WebSocket push; null otherwise. */
    private Future<Void> persistAndPublish(List<Transition> transitions, StateDelta delta, Long receivedNanos) {
        DeliveryOptions options = new DeliveryOptions();
        if (receivedNanos != null) options.addHeader(Bus.RECEIVED_NANOS, Long.toString(receivedNanos));
        Set<String> accounts = new java.util.HashSet<>();
        delta.positions.values().forEach(p -> accounts.add(p.account()));
        delta.returns.values().forEach(r -> accounts.add(r.account()));
        boolean firmWide = false;
        for (Transition t : transitions) {
            String account = t.alert().account();
            if (Engine.FIRM.equals(account) || Engine.FEED.equals(account)) firmWide = true;
            else accounts.add(account);
        }
        boolean fenceFirm = firmWide;
        return alertStore.persist(transitions, delta, Instant.now().plus(groupWait), conn -> cluster.fence(conn, accounts, fenceFirm))
                .onFailure(e -> diverged = true).map(events -> {
            List<Long> seqs = new java.util.ArrayList<>(events.size());
            for (AlertStore.StoredEvent e : events) {
                seqs.add(e.seq());
                if (e.kind() == EventKind.OPENED) engine.alerts().assignId(e.alert().fingerprint(), e.alert().id());
                count(e);
                vertx.eventBus().publish(Bus.ALERT_EVENTS, e.toJson(), options);
            }
            if (!events.isEmpty()) updateOpenGauge();
            Set<String> codes = new java.util.TreeSet<>();
            delta.positions.values().forEach(p -> codes.add(p.code()));
            cluster.announce(seqs, codes);
            return null;
        });
    }

    private void count(AlertStore.StoredEvent e) {
        Alert a = e.alert();
        switch (e.kind()) {
            case OPENED -> metrics.alertOpened(a.rule(), a.severity());
            case RESOLVED -> metrics.alertResolved(a.rule());
            case UPDATED -> metrics.alertUpdated(a.rule());
            default -> { }
        }
    }

    private void updateOpenGauge() {
        Map<Rule, Integer> counts = new EnumMap<>(Rule.class);
        engine.alerts().open().forEach(a -> counts.merge(a.rule(), 1, Integer::sum));
        metrics.setOpen(counts);
    }

}
