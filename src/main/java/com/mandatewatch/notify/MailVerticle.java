package com.mandatewatch.notify;

import com.mandatewatch.config.AppConfig;
import com.mandatewatch.ops.Metrics;
import com.mandatewatch.store.OutboxStore;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.SMTPException;
import io.vertx.ext.mail.StartTLSOptions;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Sends the outbox: every second it claims due rows, groups them per recipient into one message, sends
 * through the SMTP client, and records the outcome. Transient failures (connection, 4xx, timeout) are
 * retried with capped back-off; permanent ones (5xx) are marked failed. Without SMTP it only counts.
 */
public final class MailVerticle extends VerticleBase {
    private static final Logger LOG = Logger.getLogger(MailVerticle.class.getName());
    private static final int MAX_ATTEMPTS = 12;
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(10);

    private final AppConfig.Smtp smtp;
    private final OutboxStore outbox;
    private final MailComposer composer;
    private final Metrics metrics;
    private MailClient client;
    private boolean busy;

    public MailVerticle(AppConfig.Smtp smtp, OutboxStore outbox, MailComposer composer, Metrics metrics) {
        this.smtp = smtp;
        this.outbox = outbox;
        this.composer = composer;
        this.metrics = metrics;
    }

    @Override
    public Future<?> start() {
        if (smtp.configured()) {
            int timeoutMs = (int) smtp.timeout().toMillis();
            MailConfig config = new MailConfig().setHostname(smtp.host()).setPort(smtp.port()).setSsl(smtp.ssl())
                    .setStarttls(StartTLSOptions.OPTIONAL).setConnectTimeout(timeoutMs).setIdleTimeout(30)
                    .setKeepAlive(true).setMaxPoolSize(4).setAllowRcptErrors(false);
            if (!smtp.user().isBlank()) config.setUsername(smtp.user()).setPassword(smtp.password());
            client = MailClient.create(vertx, config);
            LOG.info("mail goes to SMTP " + smtp.host() + ":" + smtp.port());
        } else {
            LOG.info("no SMTP configured (MW_SMTP_HOST): e-mail waits in the outbox");
        }
        vertx.setPeriodic(1000, id -> pump());
        vertx.setPeriodic(5000, id -> outbox.counts().onSuccess(c -> metrics.outboxPending().set(c.getInteger("PENDING"))));
        return Future.succeededFuture();
    }

    private void pump() {
        if (client == null || busy) return;
        busy = true;
        outbox.releaseStale(300).compose(n -> outbox.claimDue(200)).compose(this::sendAll)
                .onComplete(ar -> {
                    busy = false;
                    if (ar.failed()) LOG.warning("outbox pass failed: " + ar.cause());
                });
    }

    private Future<Void> sendAll(List<OutboxStore.Mail> due) {
        Map<String, List<OutboxStore.Mail>> byRecipient = new LinkedHashMap<>();
        due.forEach(m -> byRecipient.computeIfAbsent(m.recipient(), r -> new ArrayList<>()).add(m));
        List<Future<Void>> sends = new ArrayList<>();
        byRecipient.forEach((to, mails) -> sends.add(send(to, mails)));
        return Future.join(sends).mapEmpty();
    }

    private Future<Void> send(String to, List<OutboxStore.Mail> mails) {
        MailComposer.Composed c = composer.compose(mails);
        List<Long> ids = mails.stream().map(OutboxStore.Mail::id).toList();
        MailMessage msg = new MailMessage().setFrom(MailComposer.header(smtp.from())).setTo(MailComposer.header(to))
                .setSubject(c.subject()).setText(c.text()).setHtml(c.html());
        // the same rows always carry the same Message-ID, so a resend after a dropped reply can be recognised (C24)
        msg.addHeader("Message-ID", "<mw-outbox-" + ids.get(0) + "-" + ids.size() + "@mandate-watch>");
        return client.sendMail(msg).timeout(smtp.timeout().toMillis() * 2, java.util.concurrent.TimeUnit.MILLISECONDS)
                .compose(r -> {
                    metrics.emailSent(1);
                    return outbox.sent(ids);
                }, e -> {
                    int attempts = mails.stream().mapToInt(OutboxStore.Mail::attempts).max().orElse(1);
                    // an address the client cannot even parse (legacy data with a line break, C46) never heals by retrying
                    boolean permanent = e instanceof SMTPException s && s.isPermanent() || e instanceof IllegalArgumentException;
                    String error = String.valueOf(e.getMessage());
                    if (permanent || attempts >= MAX_ATTEMPTS) {
                        metrics.emailFailed("permanent", 1);
                        LOG.warning("mail to " + to + " failed for good: " + error);
                        return outbox.failed(ids, error);
                    }
                    metrics.emailFailed("transient", 1);
                    long backoff = Math.min(MAX_BACKOFF.toSeconds(), 5L << Math.min(attempts - 1, 10));
                    return outbox.retryLater(ids, Instant.now().plusSeconds(backoff), error);
                });
    }

    @Override
    public Future<?> stop() {
        return client == null ? Future.succeededFuture() : client.close();
    }
}
