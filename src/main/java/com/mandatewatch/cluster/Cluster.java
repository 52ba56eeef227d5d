package com.mandatewatch.cluster;

import com.mandatewatch.engine.Bus;
import com.mandatewatch.engine.ClusterLink;
import com.mandatewatch.engine.Ownership;
import com.mandatewatch.feed.FeedEvent;
import com.mandatewatch.store.AlertStore;
import com.mandatewatch.store.ClusterStore;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.pgclient.pubsub.PgSubscriber;
import io.vertx.sqlclient.SqlConnection;
import org.apache.kafka.common.utils.Utils;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntSupplier;
import java.util.logging.Logger;

/**
 * This instance's place among several on one PostgreSQL and one Kafka (issue 7). It knows which account partitions
 * this instance owns (the Kafka feed tells it, see {@link #assigned}), whether it leads (it holds a session-level
 * advisory lock; the leader evaluates the firm-wide rules), and it carries what each instance wrote to the others
 * over PostgreSQL LISTEN/NOTIFY: alert events for their WebSocket clients, reference data changes, filed
 * disclosures, and the securities whose positions changed, for the leader's firm-wide totals.
 */
public final class Cluster extends VerticleBase implements ClusterLink {
    private static final Logger LOG = Logger.getLogger(Cluster.class.getName());
    private static final long HEARTBEAT_MS = 2_000;
    /** A NOTIFY payload must stay under 8000 bytes: long lists go out in slices. */
    private static final int SLICE = 400;

    private final String instanceId;
    private final String configuredUrl;
    private final IntSupplier httpPort;
    private final ClusterStore store;
    private final AlertStore alerts;
    private final PgConnectOptions connect;
    private String url;
    private volatile int partitions;
    private volatile Set<Integer> owned = Set.of();
    private volatile PgConnection leaderSession;
    private volatile int leaderPid;
    private PgSubscriber subscriber;
    private boolean stopping;

    public Cluster(String instanceId, String advertisedUrl, IntSupplier httpPort, ClusterStore store, AlertStore alerts,
                   PgConnectOptions connect, io.micrometer.core.instrument.MeterRegistry registry) {
        // what this instance owns and whether it leads: summed over instances, every partition once and one leader
        io.micrometer.core.instrument.Gauge.builder("mw_cluster_owned_partitions", this, c -> c.owned.size())
                .description("account partitions this instance owns").register(registry);
        io.micrometer.core.instrument.Gauge.builder("mw_cluster_leader", this, c -> c.leaderSession == null ? 0 : 1)
                .description("1 while this instance judges the firm-wide rules").register(registry);
        this.instanceId = instanceId;
        this.configuredUrl = advertisedUrl;
        this.httpPort = httpPort;
        this.store = store;
        this.alerts = alerts;
        this.connect = connect;
    }

    public String instanceId() { return instanceId; }

    /** Deployed after the HTTP server: the URL the others use to reach this instance carries its port. */
    @Override
    public Future<?> start() {
        url = configuredUrl == null || configuredUrl.isBlank() ? "http://" + hostName() + ":" + httpPort.getAsInt() : configuredUrl;
        subscriber = PgSubscriber.subscriber(vertx, connect).reconnectPolicy(attempt -> 1_000L);
        subscriber.channel(ClusterStore.CHANNEL).handler(this::onNotice);
        vertx.eventBus().consumer(Bus.REFERENCE_CHANGED, m -> {
            if (m.headers().get(Bus.REMOTE) == null) send(new JsonObject().put("kind", "reference"));
        });
        return subscriber.connect().compose(v -> store.heartbeat(instanceId, url)).onSuccess(v -> {
            vertx.setPeriodic(HEARTBEAT_MS, id -> store.heartbeat(instanceId, url).onFailure(e -> LOG.warning("cluster heartbeat: " + e)));
            vertx.setPeriodic(1, HEARTBEAT_MS, id -> tryToLead());
            LOG.info("cluster: instance " + instanceId + " at " + url);
        });
    }

    @Override
    public Future<?> stop() {
        stopping = true;
        PgConnection session = leaderSession;
        Future<Void> released = session == null ? Future.succeededFuture() : session.close();
        return Future.join(released.otherwiseEmpty(), subscriber.close().otherwiseEmpty(), store.leave(instanceId).otherwiseEmpty());
    }

    // ---- ownership

    @Override
    public Ownership ownership() {
        int n = partitions;
        Set<Integer> mine = owned;
        boolean leads = leaderSession != null;
        return new Ownership() {
            @Override public boolean owns(String account) { return n > 0 && mine.contains(partitionOf(account, n)); }

            @Override public boolean leads() { return leads; }

            @Override public boolean shared() { return true; }

            @Override public String idempotencyKey(FeedEvent e) {
                if (e.id() == null || e instanceof FeedEvent.Position || e instanceof FeedEvent.Return) return e.id();
                return instanceId + "|" + e.id();
            }
        };
    }

    /** Kafka's own choice of partition for a record keyed by this account (murmur2 of the key, as the default partitioner). */
    public static int partitionOf(String account, int partitions) {
        return Utils.toPositive(Utils.murmur2(account.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /** Where a position or return of this account must come from on the account topics; -1 for other messages. */
    public int partitionFor(FeedEvent e) {
        if (e instanceof FeedEvent.Position q) return partitionOf(q.account(), partitions);
        if (e instanceof FeedEvent.Return r) return partitionOf(r.account(), partitions);
        return -1;
    }

    /** The account topics' partition count (all of them have the same, so an account's partition is one number). */
    public void partitionCount(int n) {
        this.partitions = n;
    }

    /** The consumer group gave this instance these partitions: take them over in the database, then rebuild the engine. */
    public Future<Void> assigned(Set<Integer> taken) {
        return store.take(instanceId, taken).compose(v -> {
            Set<Integer> next = new HashSet<>(owned);
            next.addAll(taken);
            owned = Set.copyOf(next);
            LOG.info("cluster: " + instanceId + " owns account partitions " + new java.util.TreeSet<>(owned));
            return ownershipChanged();
        });
    }

    public Future<Void> revoked(Set<Integer> lost) {
        Set<Integer> next = new HashSet<>(owned);
        next.removeAll(lost);
        owned = Set.copyOf(next);
        return ownershipChanged();
    }

    private Future<Void> ownershipChanged() {
        return vertx.eventBus().request(Bus.OWNERSHIP_CHANGED, "changed", new DeliveryOptions().setSendTimeout(120_000)).mapEmpty();
    }

    @Override
    public Future<Void> fence(SqlConnection conn, Collection<String> accounts, boolean firmWide) {
        int n = partitions;
        Set<Integer> touched = new HashSet<>();
        if (!accounts.isEmpty() && n == 0) return Future.failedFuture(new ClusterStore.OwnershipMoved("no account partitions owned yet"));
        accounts.forEach(a -> touched.add(partitionOf(a, n)));
        Future<Void> mine = store.fence(conn, instanceId, touched);
        if (!firmWide) return mine;
        int pid = leaderPid;
        return mine.compose(v -> leaderSession == null ? Future.failedFuture(new ClusterStore.OwnershipMoved("not the leader"))
                : store.fenceLeader(conn, pid));
    }

    // ---- leadership

    /** The leader holds a session lock; when its session ends (stop, crash, lost database) another instance takes over. */
    private void tryToLead() {
        if (leaderSession != null || stopping) return;
        PgConnection.connect(vertx, connect).compose(conn -> conn.query("SELECT pg_try_advisory_lock(" + ClusterStore.LOCK_CLASS + ", "
                        + ClusterStore.LOCK_OBJECT + ") AS got, pg_backend_pid() AS pid").execute()
                .compose(rows -> {
                    var row = rows.iterator().next();
                    if (!row.getBoolean("got")) return conn.close().map(false);
                    leaderPid = row.getInteger("pid");
                    leaderSession = conn;
                    conn.closeHandler(v -> {
                        leaderSession = null;
                        if (!stopping) {
                            LOG.warning("cluster: " + instanceId + " lost the lead (its database session ended)");
                            ownershipChanged().onFailure(e -> LOG.warning("cluster: engine not rebuilt: " + e));
                        }
                    });
                    LOG.info("cluster: " + instanceId + " leads (firm-wide disclosure and feed staleness)");
                    return ownershipChanged().map(true);
                }))
                .onFailure(e -> LOG.fine("cluster: lead not taken: " + e));
    }

    // ---- telling the others

    @Override
    public void announce(List<Long> eventSeqs, Collection<String> positionCodes) {
        for (List<Long> slice : slices(eventSeqs)) send(new JsonObject().put("kind", "events").put("seqs", new JsonArray(new ArrayList<>(slice))));
        for (List<String> slice : slices(List.copyOf(positionCodes))) send(new JsonObject().put("kind", "firm").put("codes", new JsonArray(new ArrayList<>(slice))));
    }

    @Override
    public void announceFiled(String code, String ratio) {
        send(new JsonObject().put("kind", "filed").put("code", code).put("ratio", ratio));
    }

    private void send(JsonObject notice) {
        store.notify(notice.put("from", instanceId).encode()).onFailure(e -> LOG.warning("cluster notice not sent: " + e));
    }

    private static <T> List<List<T>> slices(List<T> all) {
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += SLICE) out.add(all.subList(i, Math.min(all.size(), i + SLICE)));
        return out;
    }

    private void onNotice(String payload) {
        JsonObject n;
        try {
            n = new JsonObject(payload);
        } catch (RuntimeException e) {
            LOG.warning("cluster: unreadable notice ignored: " + payload);
            return;
        }
        DeliveryOptions remote = new DeliveryOptions().addHeader(Bus.REMOTE, n.getString("from", "?"));
        String kind = n.getString("kind", "");
        // the leader may be this instance: its own position changes count towards the firm's totals too
        if (kind.equals("firm")) {
            vertx.eventBus().send(Bus.FIRM_CHANGED, n.getJsonArray("codes"), remote);
            return;
        }
        if (instanceId.equals(n.getString("from"))) return;
        switch (kind) {
            case "events" -> alerts.events(n.getJsonArray("seqs").stream().map(x -> ((Number) x).longValue()).toList())
                    .onSuccess(events -> events.forEach(e -> vertx.eventBus().publish(Bus.ALERT_EVENTS, e.toJson(), remote)))
                    .onFailure(e -> LOG.warning("cluster: events of another instance not read: " + e));
            case "reference" -> vertx.eventBus().publish(Bus.REFERENCE_CHANGED, "changed", remote);
            case "filed" -> vertx.eventBus().send(Bus.DISCLOSURE_FILED,
                    new JsonObject().put("code", n.getString("code")).put("ratio", n.getString("ratio")), remote);
            default -> LOG.warning("cluster: unknown notice " + kind);
        }
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }
}
