package com.mandatewatch.api;

import com.mandatewatch.auth.Permission;
import com.mandatewatch.store.DeadLetterStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/** GET /api/feed/rejected: the dead letters of the feed (every rejected line with its reason), for OPS. */
public final class DeadLetterRoutes {
    private final DeadLetterStore deadLetters;

    public DeadLetterRoutes(DeadLetterStore deadLetters) {
        this.deadLetters = deadLetters;
    }

    public void mount(Router api) {
        api.get("/feed/rejected").handler(ctx -> {
            Caller.of(ctx).require(Permission.READ_OPERATIONS);
            Api.query(ctx, "limit", "offset").throwIfAny();
            Paging p = Paging.of(ctx, 100, 1000);
            Api.reply(ctx, 200, Future.all(deadLetters.page(p.limit(), p.offset()), deadLetters.count()).map(all -> {
                JsonArray items = new JsonArray();
                all.<java.util.List<DeadLetterStore.Rejected>>resultAt(0).forEach(r -> items.add(r.toJson()));
                return new JsonObject().put("items", items).put("total", all.<Long>resultAt(1));
            }));
        });
    }
}
