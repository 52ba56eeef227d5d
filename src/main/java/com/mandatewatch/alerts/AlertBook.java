package com.mandatewatch.alerts;

import com.mandatewatch.domain.Cause;
import com.mandatewatch.domain.Condition;
import com.mandatewatch.domain.Rule;
import com.mandatewatch.domain.Severity;

import java.time.Duration;
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
    /** The open alerts of each account (FIRM and FEED included): an account's evaluation reconciles only these. */
    private final Map<String, Map<String, Alert>> byAccount = new HashMap<>();
    /** Per account, how many of its open alerts follow prices ({@link #followsPrices(String)}). */
    private final Map<String, Integer> priceFollowing = new HashMap<>();
    /** alerts.keep-firing-for: how long a ratio condition must stay false before its alert resolves (SPEC §5). */
    private final Duration keepFiringFor;
    /** Open alerts whose condition is false, and since when (business time): they resolve once keepFiringFor passed. */
    private final Map<String, Instant> clearedSince = new HashMap<>();

    public AlertBook() {
        this(Duration.ZERO);
    }

    public AlertBook(Duration keepFiringFor) {
        this.keepFiringFor = keepFiringFor == null || keepFiringFor.isNegative() ? Duration.ZERO : keepFiringFor;
    }

    /** What the engine knows about an evaluation that the conditions themselves do not say. */
    public record Context(Cause cause, Instant now, Function<Condition, LocalDate> cureBy,
                          Function<Condition, String> clientCode, Function<String, String> clientName,
                          Function<Alert, List<String>> recipients) {
    }

    public void load(Collection<Alert> alerts) {
        alerts.forEach(this::put);
    }

    public Collection<Alert> open() { return open.values(); }

    public Alert get(String fingerprint) { return open.get(fingerprint); }

    /** The database assigned an id to a newly opened alert. */
    public void assignId(String fingerprint, long id) {
        Alert a = open.get(fingerprint);
        if (a != null && a.id() == 0) put(a.withId(id));
    }

    public void replace(Alert alert) {
        if (alert.state().open()) put(alert);
        else {
            remove(alert.fingerprint());
            clearedSince.remove(alert.fingerprint());
        }
    }

    /**
     * True while the account has an open alert whose shown numbers follow prices (a holding ratio, the NAV data-quality
     * alert) or which may be resolving (a return band within keep-firing-for): a price move must judge such an account
     * with the full rules even when no verdict moved, so that its displayed value is updated.
     */
    public boolean followsPrices(String account) {
        return priceFollowing.getOrDefault(account, 0) > 0;
    }

    private static boolean followsPrices(Alert a) {
        return a.rule() == Rule.HOLDING_RATIO || a.rule() == Rule.RETURN_BAND
                || (a.rule() == Rule.DATA_QUALITY && "NAV".equals(a.subject()));
    }

    private void put(Alert a) {
        Alert before = open.put(a.fingerprint(), a);
        byAccount.computeIfAbsent(a.account(), k -> new HashMap<>()).put(a.fingerprint(), a);
        if (before == null && followsPrices(a)) priceFollowing.merge(a.account(), 1, Integer::sum);
    }

    private void remove(String fingerprint) {
        Alert before = open.remove(fingerprint);
        if (before != null) {
            Map<String, Alert> mine = byAccount.get(before.account());
            mine.remove(fingerprint);
            if (mine.isEmpty()) byAccount.remove(before.account());
        }
        if (before != null && followsPrices(before)) {
            priceFollowing.computeIfPresent(before.account(), (k, n) -> n == 1 ? null : n - 1);
        }
    }

    /** True while the alert's condition is false but alerts.keep-firing-for has not passed yet. */
    public boolean pendingResolution(String fingerprint) {
        return clearedSince.containsKey(fingerprint);
    }

    /**
     * Reconciles one scope (the fingerprints an evaluation is responsible for) with the conditions that hold
     * now: new fingerprints open, changed ones update, open ones no longer reported resolve.
     */
    public List<Transition> reconcile(Predicate<Alert> scope, List<Condition> conditions, Context ctx) {
        return reconcile(open.values(), scope, conditions, ctx);
    }

    /**
     * The same for a scope within one account's alerts: only that account's open alerts are looked at, not every
     * open alert of the instance (which made judging each of thousands of accounts cost as much as all of them).
     */
    public List<Transition> reconcile(String account, Predicate<Alert> scope, List<Condition> conditions, Context ctx) {
        return reconcile(byAccount.getOrDefault(account, Map.of()).values(), scope, conditions, ctx);
    }

    private List<Transition> reconcile(Collection<Alert> candidates, Predicate<Alert> scope, List<Condition> conditions, Context ctx) {
        List<Transition> out = new ArrayList<>();
        Map<String, Condition> now = new HashMap<>();
        for (Condition c : conditions) now.put(c.fingerprint(), c);
        for (Alert a : List.copyOf(candidates)) {
            if (scope.test(a) && !now.containsKey(a.fingerprint()) && clearedLongEnough(a, ctx.now())) {
                out.add(resolve(a, ctx));
            }
        }
        for (Condition c : now.values()) {
            // true again within keep-firing-for: the same alert goes on, no RESOLVED and no new OPENED
            clearedSince.remove(c.fingerprint());
            Alert before = open.get(c.fingerprint());
            Transition t = before == null ? opened(c, ctx) : updated(before, c, ctx);
            if (t != null) {
                put(t.alert());
                out.add(t);
            }
        }
        return out;
    }

    /**
     * Resolves the alerts whose condition has stayed false for keep-firing-for by now. Called on every clock step:
     * nothing re-evaluates an account whose data stopped moving, yet its alert must still resolve on time.
     */
    public List<Transition> resolveCleared(Context ctx) {
        List<Transition> out = new ArrayList<>();
        for (String fp : List.copyOf(clearedSince.keySet())) {
            Alert a = open.get(fp);
            if (a == null) clearedSince.remove(fp);
            else if (clearedLongEnough(a, ctx.now())) out.add(resolve(a, ctx));
        }
        return out;
    }

    /** The condition of {@code a} is false at {@code now}: may it resolve yet? Remembers when it first was false. */
    private boolean clearedLongEnough(Alert a, Instant now) {
        if (keepFiringFor.isZero() || !keepsFiring(a.rule())) return true;
        Instant since = clearedSince.computeIfAbsent(a.fingerprint(), k -> now);
        return !now.isBefore(since.plus(keepFiringFor));
    }

    /**
     * keep-firing-for damps values that oscillate around a limit: the ratio rules. A sale of an excluded security,
     * a filed disclosure, a renewed contract or a feed that speaks again are decisions or facts, not noise, and
     * resolve at once (C04: the stale warning clears within one evaluation).
     */
    private static boolean keepsFiring(Rule rule) {
        return rule == Rule.HOLDING_RATIO || rule == Rule.RETURN_BAND;
    }

    private Transition resolve(Alert a, Context ctx) {
        Alert resolved = a.resolved(ctx.now());
        remove(a.fingerprint());
        clearedSince.remove(a.fingerprint());
        return new Transition(EventKind.RESOLVED, resolved, ctx.recipients().apply(resolved));
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
        Instant escalated = a.escalatedAt();
        if (becameBreach) {
            cure = passive(c.rule(), c.severity(), cause) ? ctx.cureBy().apply(c) : null;
            escalated = null; // a new breach episode gets a new cure period, and may be escalated again when it lapses
        }
        // an acknowledgement holds until the alert changes in severity (SPEC §5)
        boolean stillAcknowledged = a.state() == AlertState.ACKNOWLEDGED && !severityChanged;
        Alert next = new Alert(a.id(), a.fingerprint(), a.rule(), c.severity(),
                stillAcknowledged ? AlertState.ACKNOWLEDGED : AlertState.FIRING, a.account(), a.clientCode(),
                a.clientName(), a.subject(), c.value(), c.limit(), cause, cure, c.message(), c.messageEn(),
                c.evidence(), a.openedAt(), ctx.now(), null, stillAcknowledged ? a.acknowledgedBy() : null,
                stillAcknowledged ? a.comment() : null, a.remindedOn(), escalated);
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
