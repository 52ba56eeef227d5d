package com.mandatewatch.api;

import com.mandatewatch.auth.Permission;
import com.mandatewatch.store.OutboxStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

import java.util.List;

/** GET /api/outbox?status=: the e-mail outbox row by row, so OPS can see what failed and why. */
public final class OutboxRoutes {
    private static final List<String> STATUSES = List.of("PENDING", "SENDING", "SENT", "FAILED", "SUPPRESSED");

    private final OutboxStore outbox;

    public OutboxRoutes(OutboxStore outbox) {
        this.outbox = outbox;
    }

    public void mount(Router api) {
        api.get("/outbox").handler(ctx -> {
            Caller.of(ctx).require(Permission.READ_OPERATIONS);
            com.mandatewatch.json.Fields q = Api.query(ctx, "status", "limit", "offset");
            String status = q.text("status", false, 16);
            if (status != null && !STATUSES.contains(status)) q.error("status", com.mandatewatch.json.Fields.mustBeOneOf(STATUSES));
            int limit = q.integer("limit", 100, 1, 1000);
            int offset = q.integer("offset", 0, 0, Integer.MAX_VALUE);
            q.throwIfAny();
            Api.reply(ctx, 200, Future.all(outbox.list(status, limit, offset), outbox.count(status)).map(all -> {
                JsonArray items = new JsonArray();
                all.<List<OutboxStore.Row>>resultAt(0).forEach(r -> items.add(r.toJson()));
                return new JsonObject().put("items", items).put("total", all.<Long>resultAt(1));
            }));
        });
    }
}
