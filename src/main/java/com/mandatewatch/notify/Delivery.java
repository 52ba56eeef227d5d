package com.mandatewatch.notify;

import com.mandatewatch.alerts.Alert;
import com.mandatewatch.ops.Metrics;
import com.mandatewatch.store.AlertStore;
import com.mandatewatch.store.OutboxStore;
import io.vertx.core.Future;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailMessage;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Sends one recipient's lines as one message and records the outcome in the outbox: SENT, back in the queue
 * after a back-off (transient, timeout), or FAILED (permanent, or out of attempts). Every failure is counted.
 */
final class Delivery {
    private static final Logger LOG = Logger.getLogger(Delivery.class.getName());
    static final int MAX_ATTEMPTS = 12;

    private final MailClient client;
    private final String from;
    private final Duration timeout;
    private final Backoff backoff;
    private final OutboxStore outbox;
    private final AlertStore alerts;
    private final MailComposer composer;
    private final Metrics metrics;
    private final com.mandatewatch.ops.MailHealth mailHealth;

    Delivery(MailClient client, String from, Duration timeout, Backoff backoff, OutboxStore outbox, AlertStore alerts,
             MailComposer composer, Metrics metrics, com.mandatewatch.ops.MailHealth mailHealth) {
        this.mailHealth = mailHealth;
        this.client = client;
        this.from = from;
        this.timeout = timeout;
        this.backoff = backoff;
        this.outbox = outbox;
        this.alerts = alerts;
        this.composer = composer;
        this.metrics = metrics;
    }

    Future<Void> send(String to, List<Coalescer.Line> lines) {
        List<Long> ids = lines.stream().flatMap(l -> l.ids().stream()).sorted().toList();
        // the peak: a line that folds a CRITICAL state says so, and the recipient has been told of it
        List<OutboxStore.Told> told = lines.stream().map(l -> new OutboxStore.Told(l.latest().alert().fingerprint(),
                l.peak().alert().severity().name(), l.latest().alert().updatedAt())).toList();
        int attempts = lines.stream().mapToInt(l -> l.latest().attempts()).max().orElse(1);
        return stillOpen(to, lines).compose(open -> {
            MailComposer.Composed c = composer.compose(lines, open);
            MailMessage msg = new MailMessage().setFrom(MailComposer.header(from)).setTo(MailComposer.header(to))
                    .setSubject(c.subject()).setText(c.text()).setHtml(c.html());
            // the same rows always carry the same Message-ID, so a resend after a lost reply can be recognised (C24)
            msg.addHeader("Message-ID", "<mw-outbox-" + ids.get(0) + "-" + ids.size() + "@mandate-watch>");
            // the deadline covers connect, greeting and dialogue: a server that never answers cannot hold us (C32)
            return client.sendMail(msg).timeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }).compose(r -> {
            metrics.emailSent(1);
            mailHealth.sent();
            return outbox.sent(ids, to, told);
        }, e -> failed(to, ids, attempts, e));
    }

    private Future<List<Alert>> stillOpen(String to, List<Coalescer.Line> lines) {
        List<Alert> mine = lines.stream().map(l -> l.latest().alert()).toList();
        List<String> accounts = mine.stream().map(Alert::account).distinct().toList();
        List<String> clients = mine.stream().map(Alert::clientCode).filter(java.util.Objects::nonNull).distinct().toList();
        List<Long> alertIds = mine.stream().map(Alert::id).toList();
        List<String> fingerprints = mine.stream().map(Alert::fingerprint).toList();
        // a re-opened fingerprint is reported by its own line: never list its newer alert as "also still open"
        return alerts.stillOpenFor(to, accounts, clients, alertIds)
                .map(l -> l.stream().filter(a -> !fingerprints.contains(a.fingerprint())).toList());
    }

    private Future<Void> failed(String to, List<Long> ids, int attempts, Throwable e) {
        SendFailure kind = SendFailure.of(e);
        String error = kind == SendFailure.TIMEOUT ? "timeout after " + timeout.toMillis() + " ms: " + e.getMessage()
                : String.valueOf(e.getMessage());
        boolean giveUp = !kind.retried() || attempts >= MAX_ATTEMPTS;
        metrics.emailFailed(giveUp && kind.retried() ? "exhausted" : kind.label(), 1);
        if (kind.retried()) mailHealth.serverFailed();
        if (giveUp) {
            LOG.warning("mail to " + to + " failed for good (" + kind.label() + ", attempt " + attempts + "): " + error);
            return outbox.failed(ids, error);
        }
        Duration wait = backoff.after(attempts);
        LOG.info("mail to " + to + " failed (" + kind.label() + ", attempt " + attempts + "), retry in " + wait + ": " + error);
        return outbox.retryLater(ids, Instant.now().plus(wait), error);
    }
}
