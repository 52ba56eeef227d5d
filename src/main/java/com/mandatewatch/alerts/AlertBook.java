package com.mandatewatch.alerts;

import com.mandatewatch.domain.Cause;
import com.mandatewatch.domain.Condition;
import com.mandatewatch.domain.Rule;
import com.mandatewatch.domain.Severity;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The open alerts of this instance, keyed by fingerprint, and the decisions that turn the conditions a rule
 * reports now into OPENED / UPDATED / RESOLVED transitions. Pure: the engine calls it on its own thread.
 */
public final class AlertBook {
    /** The account of the feed-staleness alert (DATA_QUALITY:FEED:FEED). */
    private static final String FEED = "FEED";
    private final Map<String, Alert> open = new HashMap<>();

    /** What the engine knows about an evaluation that the conditions themselves do not say. */
    public record Context(Cause cause, Instant now, Function<Condition, LocalDate> cureBy,
                          Function<Condition, String> clientCode, Function<String, String> clientName,
                          Function<Alert, List<String>> recipients) {
    }

    public void load(Collection<Alert> alerts) {
        alerts.forEach(a -> open.put(a.fingerprint(), a));
    }

    public Collection<Alert> open() { return open.values(); }

    public Alert get(String fingerprint) { return open.get(fingerprint); }

    /** The database assigned an id to a newly opened alert. */
    public void assignId(String fingerprint, long id) {
        open.computeIfPresent(fingerprint, (k, a) -> a.id() == 0 ? a.withId(id) : a);
    }

    public void replace(Alert alert) {
        if (alert.state().open()) open.put(alert.fingerprint(), alert);
        else open.remove(alert.fingerprint());
    }

    /**
     * Reconciles one scope (the fingerprints an evaluation is responsible for) with the conditions that hold
     * now: new fingerprints open, changed ones update, open ones no longer reported resolve.
     */
    public List<Transition> reconcile(Predicate<Alert> scope, List<Condition> conditions, Context ctx) {
        List<Transition> out = new ArrayList<>();
        Map<String, Condition> now = new HashMap<>();
        for (Condition c : conditions) now.put(c.fingerprint(), c);
        for (Alert a : List.copyOf(open.values())) {
            if (scope.test(a) && !now.containsKey(a.fingerprint())) {
                Alert resolved = a.resolved(ctx.now());
                open.remove(a.fingerprint());
                out.add(new Transition(EventKind.RESOLVED, resolved, ctx.recipients().apply(resolved)));
            }
        }
        for (Condition c : now.values()) {
            Alert before = open.get(c.fingerprint());
            Transition t = before == null ? opened(c, ctx) : updated(before, c, ctx);
            if (t != null) {
                open.put(c.fingerprint(), t.alert());
                out.add(t);
            }
        }
        return out;
    }

    private Transition opened(Condition c, Context ctx) {
        String client = ctx.clientCode().apply(c);
        LocalDate cure = passive(c.rule(), c.severity(), ctx.cause()) ? ctx.cureBy().apply(c) : null;
        Alert a = new Alert(0, c.fingerprint(), c.rule(), c.severity(), AlertState.FIRING, c.account(), client,
                client == null ? null : ctx.clientName().apply(client), c.subject(), c.value(), c.limit(), ctx.cause(),
                cure, c.message(), c.messageEn(), c.evidence(), ctx.now(), ctx.now(), null, null, null);
        return new Transition(EventKind.OPENED, a, ctx.recipients().apply(a));
    }

    /**
     * A severity change or a new reading is an UPDATED event; only a severity change is worth an e-mail.
     * The cause is taken when the condition first becomes a breach and kept after: an active breach is
     * never relabelled passive by a later price move (SPEC §4).
     */
    private Transition updated(Alert a, Condition c, Context ctx) {
        boolean severityChanged = a.severity() != c.severity();
        if (!severityChanged && (counter(a) || Objects.equals(a.message(), c.message()))) return null;
        boolean becameBreach = severityChanged && c.severity() == Severity.CRITICAL;
        Cause cause = becameBreach ? ctx.cause() : a.cause();
        LocalDate cure = a.cureBy();
        if (becameBreach) cure = passive(c.rule(), c.severity(), cause) ? ctx.cureBy().apply(c) : null;
        // an acknowledgement holds until the alert changes in severity (SPEC §5)
        boolean stillAcknowledged = a.state() == AlertState.ACKNOWLEDGED && !severityChanged;
        Alert next = new Alert(a.id(), a.fingerprint(), a.rule(), c.severity(),
                stillAcknowledged ? AlertState.ACKNOWLEDGED : AlertState.FIRING, a.account(), a.clientCode(),
                a.clientName(), a.subject(), c.value(), c.limit(), cause, cure, c.message(), c.messageEn(),
                c.evidence(), a.openedAt(), ctx.now(), null, stillAcknowledged ? a.acknowledgedBy() : null,
                stillAcknowledged ? a.comment() : null);
        return new Transition(EventKind.UPDATED, next, severityChanged ? ctx.recipients().apply(next) : List.of());
    }

    /**
     * Alerts whose message is a running counter: the maturity countdown ("61 days left", one more change every day)
     * and the feed-silence minutes. A new count is not news: publishing it would put an UPDATED event on every
     * WebSocket each day (each minute for the feed) and say nothing the severity does not. Only a severity change
     * updates them; the stored message keeps the count of the last real change.
     */
    private static boolean counter(Alert a) {
        return a.rule() == Rule.MATURITY || (a.rule() == Rule.DATA_QUALITY && FEED.equals(a.account()));
    }

    /** A passive breach is a holding limit broken by price drift: it gets a cure period (SPEC §4). */
    private static boolean passive(Rule rule, Severity severity, Cause cause) {
        return rule == Rule.HOLDING_RATIO && severity == Severity.CRITICAL && cause == Cause.PRICE;
    }
}
