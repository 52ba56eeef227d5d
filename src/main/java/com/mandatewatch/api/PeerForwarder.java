package com.mandatewatch.api;

import com.mandatewatch.store.ClusterStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.List;

/**
 * With several instances, a question only the owner of an account can answer (its live view, acknowledging one of
 * its alerts) that reaches another instance is passed on: when this instance's engine answers "not mine" (404), the
 * same request, with the caller's own token, goes to each live peer in turn and the first answer that is not a 404
 * is the answer. Tokens are signed with a key all instances share in the database, so the peer checks the caller
 * exactly as this instance did. A forwarded request is never forwarded again.
 */
public final class PeerForwarder {
    static final String FORWARDED = "X-MW-Forwarded";
    private static final long TIMEOUT_MS = 10_000;

    private final ClusterStore store;
    private final String instanceId;
    private final HttpClient client;

    private PeerForwarder(Vertx vertx, ClusterStore store, String instanceId) {
        this.store = store;
        this.instanceId = instanceId;
        this.client = vertx == null ? null : vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(2_000));
    }

    /** A single instance: every answer is this instance's own. */
    public static PeerForwarder none() { return new PeerForwarder(null, null, null); }

    public static PeerForwarder over(Vertx vertx, ClusterStore store, String instanceId) {
        return new PeerForwarder(vertx, store, instanceId);
    }

    /** Answers the engine's reply; an engine's "not mine" goes to the peers first. */
    public void reply(RoutingContext ctx, Future<JsonObject> local) {
        local.onComplete(ar -> {
            if (ar.succeeded()) Api.json(ctx, 200, ar.result());
            else if (client != null && notMine(ar.cause()) && ctx.request().getHeader(FORWARDED) == null) {
                store.peers(instanceId).compose(peers -> ask(ctx, peers, 0))
                        .onSuccess(r -> ctx.response().setStatusCode(r.status).putHeader("Content-Type", "application/json; charset=utf-8")
                                .putHeader("Cache-Control", "no-store").end(r.body))
                        .onFailure(e -> ctx.fail(ar.cause()));
            } else ctx.fail(ar.cause());
        });
    }

    private static boolean notMine(Throwable t) {
        return t instanceof ReplyException r && r.failureCode() == 404;
    }

    private record Answer(int status, Buffer body) {
    }

    private Future<Answer> ask(RoutingContext ctx, List<String> peers, int i) {
        if (i >= peers.size()) return Future.failedFuture("no peer owns it");
        RequestOptions options = new RequestOptions().setAbsoluteURI(peers.get(i) + ctx.request().uri())
                .setMethod(ctx.request().method()).setTimeout(TIMEOUT_MS).putHeader(FORWARDED, instanceId);
        String auth = ctx.request().getHeader("Authorization");
        if (auth != null) options.putHeader("Authorization", auth);
        String type = ctx.request().getHeader("Content-Type");
        if (type != null) options.putHeader("Content-Type", type);
        Buffer body = ctx.body() == null || ctx.body().buffer() == null ? Buffer.buffer() : ctx.body().buffer();
        return client.request(options)
                .compose(req -> req.send(body))
                .compose(resp -> resp.body().map(b -> new Answer(resp.statusCode(), b)))
                .transform(ar -> ar.succeeded() && ar.result().status != 404 ? Future.succeededFuture(ar.result()) : ask(ctx, peers, i + 1));
    }
}
