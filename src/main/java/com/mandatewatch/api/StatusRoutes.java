package com.mandatewatch.api;

import com.mandatewatch.auth.Permission;
import com.mandatewatch.json.AlertJson;
import com.mandatewatch.store.OutboxStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;


/**
 * GET /api/status: business time and the e-mail outbox, so the dashboard can say when mail is waiting
 * unsent (SPEC §6: with no SMTP, mail stays in the outbox, visible as not sent).
 */
public final class StatusRoutes {
    private final BusinessClock clock;
    private final OutboxStore outbox;
    private final boolean smtpConfigured;

    public StatusRoutes(BusinessClock clock, OutboxStore outbox, boolean smtpConfigured) {
        this.clock = clock;
        this.outbox = outbox;
        this.smtpConfigured = smtpConfigured;
    }

    public void mount(Router api) {
        api.get("/status").handler(ctx -> {
            Caller.of(ctx).require(Permission.READ_STATUS);
            Api.reply(ctx, 200, Future.all(clock.known(), outbox.counts()).map(all -> new JsonObject()
                    .put("businessTime", AlertJson.time(all.resultAt(0)))
                    .put("clock", clock.feed() ? "feed" : "wall")
                    .put("smtpConfigured", smtpConfigured)
                    .put("outbox", (JsonObject) all.resultAt(1))));
        });
    }
}
