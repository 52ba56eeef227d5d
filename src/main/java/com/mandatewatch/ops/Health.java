package com.mandatewatch.ops;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;

/** /health/ready: up once start-up finished and the database answers; otherwise 503 naming what is down. */
public final class Health {
    private final Pool pool;
    private volatile boolean started;

    public Health(Pool pool) {
        this.pool = pool;
    }

    public void started() { started = true; }

    public void ready(RoutingContext ctx) {
        if (!started) {
            answer(ctx, 503, new JsonObject().put("status", "STARTING"));
            return;
        }
        pool.query("SELECT 1").execute()
                .timeout(2, java.util.concurrent.TimeUnit.SECONDS)
                .onSuccess(r -> answer(ctx, 200, new JsonObject().put("status", "UP").put("database", "UP")))
                .onFailure(e -> answer(ctx, 503, new JsonObject().put("status", "DOWN").put("database", "DOWN")));
    }

    private static void answer(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
    }
}
