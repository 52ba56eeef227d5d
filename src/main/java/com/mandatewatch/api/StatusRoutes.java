package com.mandatewatch.api;

import com.mandatewatch.json.AlertJson;
import com.mandatewatch.store.OutboxStore;
import com.mandatewatch.store.UserStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * GET /api/status: business time and the e-mail outbox, so the dashboard can say when mail is waiting
 * unsent (SPEC §6: with no SMTP, mail stays in the outbox, visible as not sent).
 */
public final class StatusRoutes {
    private final UserStore settings;
    private final OutboxStore outbox;
    private final boolean feedClock;
    private final boolean smtpConfigured;

    public StatusRoutes(UserStore settings, OutboxStore outbox, boolean feedClock, boolean smtpConfigured) {
        this.settings = settings;
        this.outbox = outbox;
        this.feedClock = feedClock;
        this.smtpConfigured = smtpConfigured;
    }

    public void mount(Router api) {
        api.get("/status").handler(ctx -> {
            Caller.of(ctx).person();
            Future<String> time = feedClock ? settings.setting(com.mandatewatch.store.StateStore.BUSINESS_TIME).map(o -> o.orElse(null))
                    : Future.succeededFuture(AlertJson.time(Instant.now()));
            Api.reply(ctx, 200, Future.all(time, outbox.counts()).map(all -> new JsonObject()
                    .put("businessTime", normalise(all.resultAt(0)))
                    .put("clock", feedClock ? "feed" : "wall")
                    .put("smtpConfigured", smtpConfigured)
                    .put("outbox", (JsonObject) all.resultAt(1))));
        });
    }

    private static String normalise(String t) {
        return t == null ? null : AlertJson.time(OffsetDateTime.parse(t).toInstant());
    }
}
