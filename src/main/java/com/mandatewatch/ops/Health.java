package com.mandatewatch.ops;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * /health/ready: up once start-up finished, the database answers and every configured feed (Kafka) answers;
 * otherwise 503 naming what is down.
 */
public final class Health {
    private final Pool pool;
    private final Map<String, Supplier<Future<Void>>> checks = new LinkedHashMap<>();
    private final Map<String, Supplier<String>> informational = new LinkedHashMap<>();
    private volatile boolean started;

    public Health(Pool pool) {
        this.pool = pool;
    }

    /** Adds a named check (e.g. "kafka"), asked on every /health/ready; it must answer within two seconds. */
    public synchronized void check(String name, Supplier<Future<Void>> check) { checks.put(name, check); }

    /** Adds a state shown on /health/ready that does not decide readiness (mail: UP, DEGRADED, NOT_CONFIGURED). */
    public synchronized void inform(String name, Supplier<String> state) { informational.put(name, state); }

    public void started() { started = true; }

    public void ready(RoutingContext ctx) {
        if (!started) {
            answer(ctx, 503, new JsonObject().put("status", "STARTING"));
            return;
        }
        Map<String, Future<Void>> asked = new LinkedHashMap<>();
        asked.put("database", pool.query("SELECT 1").execute().mapEmpty());
        synchronized (this) {
            checks.forEach((name, check) -> asked.put(name, check.get()));
        }
        asked.replaceAll((name, f) -> f.timeout(2, TimeUnit.SECONDS));
        Future.join(asked.values().stream().toList()).onComplete(x -> {
            JsonObject body = new JsonObject();
            boolean up = true;
            for (var e : asked.entrySet()) {
                boolean ok = e.getValue().succeeded();
                up &= ok;
                body.put(e.getKey(), ok ? "UP" : "DOWN");
            }
            synchronized (this) {
                informational.forEach((name, state) -> body.put(name, state.get()));
            }
            answer(ctx, up ? 200 : 503, new JsonObject().put("status", up ? "UP" : "DOWN").mergeIn(body));
        });
    }

    private static void answer(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
    }
}
