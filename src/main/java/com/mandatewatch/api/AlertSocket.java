package com.mandatewatch.api;

import com.mandatewatch.engine.Bus;
import com.mandatewatch.json.AlertJson;
import com.mandatewatch.ops.Metrics;
import com.mandatewatch.store.AlertStore;
import com.mandatewatch.store.ReferenceStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * GET /ws/alerts (SPEC §6): authenticated by {@code ?token=}, refused for foreign origins (C41); sends a
 * snapshot or, with {@code ?since=k}, the persisted events after k; then every new event in seq order.
 * A client that stops reading is closed when its write queue is full (C27); silent peers are pinged and
 * closed (C28). A client manager receives own clients' alerts only.
 */
public final class AlertSocket {
    private static final Logger LOG = Logger.getLogger(AlertSocket.class.getName());
    private static final int MAX_REPLAY = 10_000;
    /** How many live seqs a session remembers to drop repeats: far more than can be in flight between instances. */
    private static final int RECENT_SEQS = 4_096;
    /** How long a cut peer gets to take the close frame before its TCP connection is dropped. */
    private static final long CLOSE_GRACE_MS = 2_000;

    private final Vertx vertx;
    private final AuthHandler auth;
    private final AlertStore alerts;
    private final ReferenceStore reference;
    private final Metrics metrics;
    private final List<String> allowedOrigins;
    private final long pingMs;
    private final long deadAfterMs;
    private final Set<Session> sessions = ConcurrentHashMap.newKeySet();

    public AlertSocket(Vertx vertx, AuthHandler auth, AlertStore alerts, ReferenceStore reference, Metrics metrics,
                       List<String> allowedOrigins, java.time.Duration pingInterval, java.time.Duration deadAfter) {
        this.vertx = vertx;
        this.auth = auth;
        this.alerts = alerts;
        this.reference = reference;
        this.metrics = metrics;
        this.allowedOrigins = allowedOrigins;
        this.pingMs = pingInterval.toMillis();
        this.deadAfterMs = deadAfter.toMillis();
    }

    /** One connected dashboard: what it may see, and events held back until its snapshot is out. */
    private final class Session {
        final ServerWebSocket ws;
        final Caller caller;
        /** What the caller may see, settled at the handshake and again whenever users or client records change. */
        Set<String> clientCodes; // null: all
        final Set<String> rules;
        List<JsonObject> pending = new ArrayList<>();
        /** Events up to here are in the snapshot or the replay. */
        long sentSeq;
        /**
         * The live events sent since, by seq. With several instances events arrive out of seq order (each engine
         * commits on its own), so a seq below the last one sent can still be new: only one already sent is dropped.
         */
        final java.util.LinkedHashSet<Long> sent = new java.util.LinkedHashSet<>();
        long lastPong = System.currentTimeMillis();
        boolean cut;

        Session(ServerWebSocket ws, Caller caller, Set<String> clientCodes, Set<String> rules) {
            this.ws = ws;
            this.caller = caller;
            this.clientCodes = clientCodes;
            this.rules = rules;
        }

        boolean sees(JsonObject alert) {
            if (!rules.contains(alert.getString("rule"))) return false;
            // firm-wide and feed alerts carry no client; an immutable set throws on contains(null)
            String client = alert.getString("clientCode");
            return clientCodes == null || client != null && clientCodes.contains(client);
        }

        void deliver(JsonObject event) {
            if (pending != null) {
                pending.add(event);
                return;
            }
            long seq = event.getLong("seq");
            if (seq <= sentSeq || sent.contains(seq) || !sees(event.getJsonObject("alert"))) return;
            send(event);
            sent.add(seq);
            if (sent.size() > RECENT_SEQS) sent.remove(sent.iterator().next());
        }

        void send(JsonObject msg) {
            if (cut || ws.isClosed()) return;
            if (ws.writeQueueFull()) {
                // a reader that does not keep up is cut off rather than buffered without bound (C27)
                metrics.wsDropped();
                cut(this, (short) 1008, "接收过慢 / too slow");
                return;
            }
            ws.writeTextMessage(msg.encode());
        }

        void goLive(long afterSeq) {
            sentSeq = afterSeq;
            List<JsonObject> held = pending;
            pending = null;
            held.forEach(this::deliver);
        }
    }

    /**
     * Users or client records changed (here or on another instance): every session is judged again as a new
     * request would be. A deactivated user, or one whose role or password changed, is closed (1008); a client
     * manager who lost a client stops receiving its alerts. Until the check answers, a few events may still go out.
     */
    private void revalidate() {
        for (Session s : List.copyOf(sessions)) {
            auth.current(s.caller).onSuccess(now -> {
                if (now.isEmpty()) cut(s, (short) 1008, "请重新登录 / sign in again");
                else now.get().visibleClientCodes(reference).onSuccess(codes -> s.clientCodes = codes);
            }).onFailure(e -> LOG.fine("websocket session not re-checked: " + e));
        }
    }

    public void start() {
        vertx.eventBus().consumer(Bus.REFERENCE_CHANGED, m -> revalidate());
        vertx.eventBus().<JsonObject>consumer(Bus.ALERT_EVENTS, m -> {
            sessions.forEach(s -> {
                try {
                    s.deliver(m.body());
                } catch (RuntimeException e) {
                    // one broken session must not keep the event from the sessions after it
                    LOG.warning("websocket delivery failed: " + e);
                    s.ws.close((short) 1011, "服务出错 / error");
                }
            });
            String received = m.headers().get(Bus.RECEIVED_NANOS);
            if (received != null && !sessions.isEmpty()) metrics.tickToPush(System.nanoTime() - Long.parseLong(received));
        });
        vertx.setPeriodic(pingMs, id -> {
            long now = System.currentTimeMillis();
            for (Session s : sessions) {
                if (now - s.lastPong > deadAfterMs) dead(s);
                else s.ws.writePing(Buffer.buffer("mw"));
            }
        });
    }

    /**
     * A peer that answered no ping is gone (C28): it leaves the gauge and the fan-out at once; the server cuts
     * its TCP connection when the close handshake, which a vanished peer never answers, times out.
     */
    private void dead(Session s) {
        LOG.info("websocket peer answered no ping for " + deadAfterMs + " ms: closed");
        cut(s, (short) 1001, "心跳超时 / no pong");
    }

    /**
     * Ends a session that cannot be served: it leaves the fan-out and the gauge at once (its close handler would
     * only run once the peer took the close frame, which a peer that does not read never does), and its
     * connection is shut down with a deadline, after which the TCP connection is dropped.
     */
    private void cut(Session s, short code, String reason) {
        if (s.cut) return;
        s.cut = true;
        sessions.remove(s);
        metrics.wsClients().set(sessions.size());
        s.ws.shutdown(CLOSE_GRACE_MS, java.util.concurrent.TimeUnit.MILLISECONDS, code, reason);
    }

    public void handle(RoutingContext ctx) {
        String origin = ctx.request().getHeader("Origin");
        if (origin != null && !originAllowed(origin, ctx.request().getHeader("Host"))) {
            ctx.response().setStatusCode(403).end("来源不被允许 / origin not allowed");
            return;
        }
        String since;
        try {
            since = ctx.request().getParam("since");
        } catch (IllegalArgumentException e) { // a broken %-escape in the query
            ctx.response().setStatusCode(400).end("查询参数编码无效 / the query holds an invalid %-escape");
            return;
        }
        if (since != null && parseSince(since) == null) {
            ctx.response().setStatusCode(400).end("since 必须是不小于 0 的整数 / since must be a whole number >= 0");
            return;
        }
        var caller = auth.verify(ctx.request().getParam("token"));
        if (caller.isEmpty()) {
            ctx.response().setStatusCode(401).end("需要有效的登录令牌 / a valid token is required");
            return;
        }
        if (!com.mandatewatch.auth.Permission.READ_ALERTS.allows(caller.get().role())) {
            Api.deniedAccess(ctx, caller.get(), 403);
            ctx.response().setStatusCode(403).end("该角色无权查看预警 / role " + caller.get().role() + " may not read alerts");
            return;
        }
        Set<String> rules = caller.get().alertRules().stream().map(Enum::name).collect(java.util.stream.Collectors.toUnmodifiableSet());
        // upgrade at once: the handshake cannot wait for a database answer; what the caller may see is
        // settled before the first message is sent
        // the user row decides, as for every API call: a deactivated or re-roled user's old token opens no socket
        Future<Set<String>> visible = auth.current(caller.get()).compose(now -> now.isPresent()
                ? now.get().visibleClientCodes(reference) : Future.failedFuture(new IllegalStateException(AuthHandler.CHANGED)));
        // upgrade at once: an upgrade after an asynchronous step loses the handshake and the client hangs
        Future<ServerWebSocket> upgraded = ctx.request().toWebSocket();
        Caller who = caller.get();
        upgraded.compose(ws -> visible.map(codes -> new Session(ws, who, codes, rules))
                        .onFailure(e -> {
                            if (AuthHandler.CHANGED.equals(e.getMessage())) ws.close((short) 1008, "请重新登录 / sign in again");
                            else ws.close((short) 1011, "服务暂不可用 / unavailable");
                        }))
                .onSuccess(this::open)
                .onFailure(e -> LOG.fine("websocket refused: " + e));
    }

    private void open(Session s) {
        // the peer may have gone during the handshake's database round trip: nothing to serve
        if (s.ws.isClosed()) return;
        sessions.add(s);
        metrics.wsClients().set(sessions.size());
        s.ws.pongHandler(b -> s.lastPong = System.currentTimeMillis());
        s.ws.closeHandler(v -> {
            sessions.remove(s);
            metrics.wsClients().set(sessions.size());
        });
        s.ws.textMessageHandler(t -> { }); // clients have nothing to say yet; reading keeps the socket healthy
        Long since = parseSince(s.ws.query() == null ? null : queryParam(s.ws.query(), "since"));
        Future<Long> ready = since != null ? replay(s, since) : snapshot(s);
        ready.onSuccess(s::goLive).onFailure(e -> s.ws.close((short) 1011, "服务暂不可用 / unavailable"));
    }

    private Future<Long> snapshot(Session s) {
        return alerts.lastSeq().compose(seq -> alerts.open().map(open -> {
            JsonArray list = new JsonArray();
            open.stream().map(AlertJson::toJson).filter(s::sees).forEach(list::add);
            s.send(new JsonObject().put("type", "snapshot").put("seq", seq).put("alerts", list));
            return seq;
        }));
    }

    /**
     * Replays persisted events after {@code since}; too far behind, the client gets a fresh snapshot instead, and so
     * does one ahead of every event stored (it counted on another database, one restored from a backup or started
     * afresh): its view cannot be continued.
     */
    private Future<Long> replay(Session s, long since) {
        return alerts.eventsSince(since, MAX_REPLAY + 1).compose(events -> {
            if (events.size() > MAX_REPLAY) return snapshot(s);
            // nothing after since: up to date, or ahead of the store (only then is the last seq worth asking for)
            if (events.isEmpty()) return alerts.lastSeq().compose(last -> since > last ? snapshot(s) : Future.succeededFuture(since));
            io.vertx.core.Promise<Long> done = io.vertx.core.Promise.promise();
            replayFrom(s, events, 0, since, done);
            return done.future();
        });
    }

    /**
     * Writes the replayed events as fast as the client takes them: a client catching up after a reconnect (C30) is
     * not a stalled reader, so a full write queue here waits for the drain instead of cutting it (live events that
     * come meanwhile wait in the session's pending list). A peer that truly stopped is closed by the heartbeat.
     */
    private void replayFrom(Session s, List<AlertStore.StoredEvent> events, int from, long last, io.vertx.core.Promise<Long> done) {
        long seq = last;
        for (int i = from; i < events.size(); i++) {
            if (s.cut || s.ws.isClosed()) {
                done.tryFail("closed during replay");
                return;
            }
            if (s.ws.writeQueueFull()) {
                int next = i;
                long upTo = seq;
                s.ws.drainHandler(v -> {
                    s.ws.drainHandler(null);
                    replayFrom(s, events, next, upTo, done);
                });
                return;
            }
            AlertStore.StoredEvent e = events.get(i);
            JsonObject j = e.toJson();
            if (s.sees(j.getJsonObject("alert"))) s.ws.writeTextMessage(j.encode());
            seq = e.seq();
        }
        done.tryComplete(seq);
    }

    private boolean originAllowed(String origin, String host) {
        if (allowedOrigins.contains(origin)) return true;
        String bare = origin.replaceFirst("^https?://", "");
        return host != null && bare.equalsIgnoreCase(host);
    }

    private static Long parseSince(String v) {
        if (v == null || v.isBlank()) return null;
        try {
            long l = Long.parseLong(v);
            return l >= 0 ? l : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String queryParam(String query, String name) {
        for (String part : query.split("&")) {
            int eq = part.indexOf('=');
            if (eq > 0 && part.substring(0, eq).equals(name)) return part.substring(eq + 1);
        }
        return null;
    }
}
