package com.mandatewatch.notify;

import com.mandatewatch.config.AppConfig;
import com.mandatewatch.ops.Metrics;
import com.mandatewatch.store.AlertStore;
import com.mandatewatch.store.OutboxStore;
import com.mandatewatch.store.SilenceStore;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.StartTLSOptions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Runs the outbox every second, in this order: release ended silences (their still-open alerts are queued
 * again), mark due rows of silenced alerts SUPPRESSED and so due reminders that a resolution or a newer
 * row made outdated, claim the rest, put back those inside the minimum
 * interval of their fingerprint (C20), fold the others into one message per recipient and send it. Without
 * SMTP it only sets outdated reminders aside and keeps the pending gauge.
 */
public final class MailVerticle extends VerticleBase {
    private static final Logger LOG = Logger.getLogger(MailVerticle.class.getName());
    private static final int BATCH = 200;

    private final AppConfig.Smtp smtp;
    private final Backoff backoff;
    private final Duration minInterval;
    private final OutboxStore outbox;
    private final AlertStore alerts;
    private final SilenceStore silences;
    private final MailComposer composer;
    private final Metrics metrics;
    private final com.mandatewatch.ops.MailHealth mailHealth;
    private MailClient client;
    private Delivery delivery;
    private Future<Void> pass = Future.succeededFuture();
    private boolean stopping;

    public MailVerticle(AppConfig.Smtp smtp, AppConfig.Retry retry, Duration minInterval, OutboxStore outbox, AlertStore alerts,
                        SilenceStore silences, MailComposer composer, Metrics metrics, com.mandatewatch.ops.MailHealth mailHealth) {
        this.mailHealth = mailHealth;
        this.smtp = smtp;
        this.backoff = new Backoff(retry.initial(), retry.max());
        this.minInterval = minInterval;
        this.outbox = outbox;
        this.alerts = alerts;
        this.silences = silences;
        this.composer = composer;
        this.metrics = metrics;
    }

    @Override
    public Future<?> start() {
        if (smtp.configured()) {
            int timeoutMs = (int) smtp.timeout().toMillis();
            // the idle timeout frees the connection of a send that timed out (C32) and drops pooled connections
            // before a server's own idle cut (C33); it is longer than the send deadline so that the deadline,
            // not the idle close, decides how a hung send is reported
            MailConfig config = new MailConfig().setHostname(smtp.host()).setPort(smtp.port()).setSsl(smtp.ssl())
                    .setStarttls(StartTLSOptions.OPTIONAL).setConnectTimeout(timeoutMs)
                    .setIdleTimeout(timeoutMs + 1000).setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
                    .setKeepAlive(true).setKeepAliveTimeout(30).setMaxPoolSize(smtp.poolSize()).setAllowRcptErrors(false);
            if (!smtp.user().isBlank()) config.setUsername(smtp.user()).setPassword(smtp.password());
            client = MailClient.create(vertx, config);
            delivery = new Delivery(client, smtp.from(), smtp.timeout(), backoff, outbox, alerts, composer, metrics, mailHealth);
            LOG.info("mail goes to SMTP " + smtp.host() + ":" + smtp.port());
        } else {
            LOG.info("no SMTP configured (MW_SMTP_HOST): e-mail waits in the outbox");
        }
        vertx.setPeriodic(1000, id -> pump());
        vertx.setPeriodic(5000, id -> outbox.counts().onSuccess(c -> metrics.outboxPending().set(c.getInteger("PENDING"))));
        return Future.succeededFuture();
    }

    private void pump() {
        if (stopping || !pass.isComplete()) return;
        // without SMTP nothing is sent, but the outbox keeps only what would be: a waiting reminder made outdated is set
        // aside now, so "邮件待发" counts the mail the department would get (the demo's daily reminders after maturity
        // otherwise pile up by the thousand)
        pass = (client == null ? outbox.suppressSupersededReminders().<Void>mapEmpty() : send())
                .onFailure(e -> LOG.warning("outbox pass failed: " + e))
                .recover(e -> Future.succeededFuture());
    }

    private Future<Void> send() {
        return silences.releaseEnded().onSuccess(ids -> {
                    if (!ids.isEmpty()) LOG.info("silences " + ids + " ended: their still-open alerts are announced again");
                })
                .compose(x -> outbox.suppressSilenced())
                .compose(n -> outbox.suppressSupersededReminders())
                .compose(n -> outbox.suppressToldLater())
                .compose(n -> outbox.releaseStale(300))
                .compose(n -> outbox.claimDue(BATCH, minInterval))
                .compose(this::dispatch);
    }

    private Future<Void> dispatch(List<OutboxStore.Mail> due) {
        List<Future<Void>> work = new ArrayList<>();
        Map<String, List<OutboxStore.Mail>> byRecipient = new LinkedHashMap<>();
        for (OutboxStore.Mail m : due) {
            if (m.deferUntil() != null) work.add(outbox.defer(m.id(), m.deferUntil()));
            else byRecipient.computeIfAbsent(m.recipient(), r -> new ArrayList<>()).add(m);
        }
        byRecipient.forEach((to, mails) -> work.add(delivery.send(to, Coalescer.lines(mails))));
        return Future.join(work).mapEmpty();
    }

    /** Lets a send in flight finish and record its outcome, so that a restart neither loses nor repeats it (C24). */
    @Override
    public Future<?> stop() {
        stopping = true;
        if (client == null) return Future.succeededFuture();
        return pass.timeout(smtp.timeout().toMillis() + 5000, TimeUnit.MILLISECONDS).recover(e -> Future.succeededFuture())
                .compose(v -> client.close());
    }
}
