package com.mandatewatch.engine;

import com.mandatewatch.alerts.Alert;
import com.mandatewatch.alerts.AlertBook;
import com.mandatewatch.alerts.AlertState;
import com.mandatewatch.alerts.EventKind;
import com.mandatewatch.alerts.Transition;
import com.mandatewatch.domain.Cause;
import com.mandatewatch.domain.Condition;
import com.mandatewatch.domain.Contract;
import com.mandatewatch.domain.Rule;
import com.mandatewatch.domain.Security;
import com.mandatewatch.domain.Severity;
import com.mandatewatch.engine.ledger.VerdictSink;
import com.mandatewatch.feed.FeedEvent;
import com.mandatewatch.rules.AccountRules;
import com.mandatewatch.rules.BusinessCalendar;
import com.mandatewatch.rules.DisclosureRule;
import com.mandatewatch.rules.MaturityRule;
import com.mandatewatch.store.StateDelta;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Applies feed events to the account book, runs the rules over exactly what changed, and turns the
 * conditions into alert transitions. No I/O: the engine verticle persists and announces what this returns.
 */
public final class Engine {
    private static final Logger LOG = Logger.getLogger(Engine.class.getName());
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final String FIRM = "FIRM";
    static final String FEED = "FEED";

    /** How business time moves: by the feed's timestamps, or by the wall clock. */
    public enum Clock { WALL, FEED }

    /**
     * Which holders a price judges with the full rules. {@code MOVED_VERDICTS}: those whose verdict the ledger saw
     * move, and those whose open alerts show numbers that follow prices. {@code EVERY_HOLDER}: all of them, as before
     * the ledger; kept so that a test can hold the two side by side and find no difference.
     */
    public enum PricePath { MOVED_VERDICTS, EVERY_HOLDER }

    private final AccountBook book = new AccountBook();
    /** The last filed disclosure ratio per security: the base of the next disclosure step. */
    private final Map<String, BigDecimal> filed = new HashMap<>();
    private final AlertBook alerts;
    private final BusinessCalendar calendar;
    private final MaturityReminders reminders;
    private final Clock clock;
    private final Duration staleAfter;
    private final int cureTradingDays;
    private final EngineListener listener;
    private Directory directory = Directory.empty();
    private Ownership ownership = Ownership.WHOLE;
    /** With shared ownership: the firm's holdings over every instance's accounts, fed from the database. */
    private final FirmHoldings firm = new FirmHoldings();
    private OffsetDateTime businessTime;
    private OffsetDateTime lastData;
    private LocalDate evaluatedDate;
    /**
     * The first business time of this run of the engine: set when time first moves after start or restore. A
     * reminder that fell due before it fell due while the service was down, and is sent marked delayed (C26).
     */
    private OffsetDateTime onlineSince;
    private PricePath pricePath = PricePath.MOVED_VERDICTS;
    /** The accounts the current batch must judge, and why; the price sink adds to them. */
    private Map<String, Cause> dirtyAccounts = new LinkedHashMap<>();
    /** Securities priced so far in the current batch: they decide the cause a later reference change finds. */
    private final Set<String> pricedInBatch = new java.util.HashSet<>();
    private final VerdictSink priceMoves = new VerdictSink() {
        @Override
        public void changed(int account, int subject, int id, int from, int to) {
            if (account >= 0) dirtyAccounts.putIfAbsent(book.ledger().accountCode(account), Cause.PRICE);
        }

        @Override
        public void mustJudge(int account) {
            dirtyAccounts.putIfAbsent(book.ledger().accountCode(account), Cause.PRICE);
        }
    };

    public Engine(BusinessCalendar calendar, Clock clock, Duration staleAfter, int cureTradingDays, EngineListener listener) {
        this(calendar, clock, staleAfter, cureTradingDays, Duration.ZERO, listener);
    }

    /** {@code keepFiringFor}: alerts.keep-firing-for, how long a ratio condition must stay false before it resolves. */
    public Engine(BusinessCalendar calendar, Clock clock, Duration staleAfter, int cureTradingDays, Duration keepFiringFor,
                  EngineListener listener) {
        this.alerts = new AlertBook(keepFiringFor);
        this.reminders = new MaturityReminders(calendar);
        this.calendar = calendar;
        this.clock = clock;
        this.staleAfter = staleAfter;
        this.cureTradingDays = cureTradingDays;
        this.listener = listener;
    }

    /** Counts the engine reports as it works; the verticle turns them into metrics. */
    public interface EngineListener {
        void evaluationFailed(String what, RuntimeException e);
    }

    /** What one batch did: transitions to persist and announce, state to write, and the counts. */
    public record Result(List<Transition> transitions, StateDelta delta, int applied, int duplicates, int late) {
    }

    public AccountBook book() { return book; }

    public AlertBook alerts() { return alerts; }

    public Directory directory() { return directory; }

    public OffsetDateTime businessTime() { return businessTime; }

    public LocalDate businessDate() { return businessTime == null ? null : businessTime.atZoneSameInstant(SHANGHAI).toLocalDate(); }

    // ---- start-up

    /** Before {@link #restore}: which accounts this engine evaluates, and whether it evaluates the firm-wide rules. */
    public void own(Ownership ownership) {
        this.ownership = ownership;
    }

    public Ownership ownership() { return ownership; }

    /** For the side-by-side test only: judge every holder on a price, as the engine did before the ledger. */
    void pricePath(PricePath path) {
        this.pricePath = path;
    }

    /** The directory in force, also for the ledger, which compiles each account's mandate from it. */
    private void useDirectory(Directory dir) {
        this.directory = dir;
        book.ledger().mandates(account -> directory.watched(account).orElse(null), VerdictSink.NONE);
    }

    /**
     * The ledger learns which accounts have open alerts whose numbers follow prices: those are judged on every price
     * of a security they hold. Called with every list of transitions the engine hands out.
     */
    private List<Transition> followed(List<Transition> transitions) {
        for (Transition t : transitions) {
            String account = t.alert().account();
            book.ledger().follow(account, alerts.followsPrices(account));
        }
        return transitions;
    }

    /**
     * With shared ownership, the leading engine learns what every instance holds of a security from the database;
     * the disclosure of that security is measured again (a trade somewhere made the change).
     */
    public List<Transition> firmHoldings(String code, Map<String, BigDecimal> byAccount) {
        firm.put(code, byAccount);
        return followed(evaluateDisclosure(code, Cause.TRADE));
    }

    /** At restore with shared ownership: the firm's holdings of every security, quantity per account. */
    public void restoreFirmHoldings(Map<String, Map<String, BigDecimal>> byCode) {
        byCode.forEach(firm::put);
    }

    public void restoreFiledDisclosures(Map<String, BigDecimal> latest) {
        filed.putAll(latest);
    }

    /**
     * Compliance filed a disclosure at this ratio: the open alert resolves and later steps are measured from
     * the filed ratio (SPEC §4 ladder).
     */
    public List<Transition> fileDisclosure(String code, BigDecimal ratio) {
        filed.put(code, ratio);
        return followed(evaluateDisclosure(code, Cause.REFERENCE));
    }

    /**
     * Rebuilds the state from the database: of the positions, returns and open alerts only those this engine owns
     * ({@link #own}); with shared ownership the leader also takes every instance's positions as the firm's holdings.
     */
    public void restore(Directory dir, List<StateDelta.Price> prices, List<StateDelta.Position> positions,
                        List<StateDelta.Return> returns, Map<String, Security> securities, OffsetDateTime time,
                        List<Alert> open) {
        useDirectory(dir);
        securities.values().forEach(book::putSecurity);
        prices.forEach(p -> {
            book.putPrice(p.code(), p.price());
            book.restoreTime("P|" + p.code(), p.ts());
        });
        Map<String, Map<String, BigDecimal>> firmByCode = new HashMap<>();
        positions.forEach(p -> {
            if (ownership.shared() && ownership.leads()) firmByCode.computeIfAbsent(p.code(), c -> new HashMap<>()).put(p.account(), p.quantity());
            if (!ownership.owns(p.account())) return;
            book.putPosition(p.account(), p.code(), p.quantity());
            book.restoreTime("Q|" + p.account() + "|" + p.code(), p.ts());
        });
        restoreFirmHoldings(firmByCode);
        returns.forEach(r -> {
            if (!ownership.owns(r.account())) return;
            book.putReturn(r.account(), r.value());
            book.restoreTime("R|" + r.account(), r.ts());
        });
        this.businessTime = time;
        this.evaluatedDate = businessDate();
        // the last data time is not stored on its own: it is the newest restored event, so that a feed which stays
        // silent after a restart is still reported (C04)
        prices.forEach(p -> lastData = later(lastData, p.ts()));
        positions.forEach(p -> lastData = later(lastData, p.ts()));
        returns.forEach(r -> lastData = later(lastData, r.ts()));
        alerts.load(open.stream().filter(this::owned).toList());
        alerts.open().forEach(a -> book.ledger().follow(a.account(), alerts.followsPrices(a.account())));
    }

    /** The firm-wide alerts belong to the leader, every other alert to the owner of its account. */
    private boolean owned(Alert a) {
        return FIRM.equals(a.account()) || FEED.equals(a.account()) ? ownership.leads() : ownership.owns(a.account());
    }

    // ---- feed

    /**
     * Applies a batch. A batch is judged as the posts it would be if split after each clock: a clock is a moment the
     * feed passed through, so before the feed moves past it, the accounts changed so far, the firm's stakes and the
     * schedules are judged at that moment. Six weeks of daily clocks in one post (a backfill, one Kafka poll) keep their
     * weekly reminders and cure deadlines on their days instead of being judged once, at the end, as after an outage.
     * Data stamped at the clock's own moment still belongs to it, in whichever order the batch carries them.
     */
    public Result apply(List<FeedEvent> events, Set<String> seenBefore, Instant wallNow) {
        StateDelta delta = new StateDelta();
        dirtyAccounts = new LinkedHashMap<>();
        pricedInBatch.clear();
        Map<String, Cause> dirtyCodes = new LinkedHashMap<>();
        java.util.HashSet<String> idsInBatch = new java.util.HashSet<>();
        int applied = 0, duplicates = 0, late = 0;
        List<Transition> out = new ArrayList<>();
        boolean clockPassed = false;
        for (FeedEvent e : events) {
            // another instance's account: its owner applies it (and records its id), this engine leaves it alone
            if (!ownsAccountOf(e)) continue;
            String key = ownership.idempotencyKey(e);
            if (key != null && (seenBefore.contains(key) || !idsInBatch.add(key))) {
                duplicates++;
                continue;
            }
            // a clock behind business time moves nothing (time never moves back): it is late, like any stale event
            if (book.isLate(e) || e instanceof FeedEvent.Clock && businessTime != null && e.ts().isBefore(businessTime)) {
                late++;
                continue;
            }
            if (clockPassed && e.ts().isAfter(businessTime)) {
                out.addAll(judge(dirtyCodes));
                clockPassed = false;
            }
            applyOne(e, delta, dirtyAccounts, dirtyCodes);
            book.markApplied(e);
            if (key != null) delta.seenIds.add(key);
            if (clock == Clock.FEED && advanceTime(e.ts(), delta) && e instanceof FeedEvent.Clock) clockPassed = true;
            applied++;
        }
        if (clock == Clock.WALL) advanceTime(wallNow.atOffset(java.time.ZoneOffset.UTC), delta);
        out.addAll(judge(dirtyCodes));
        return new Result(out, delta, applied, duplicates, late);
    }

    /** Judges what the batch changed so far, at the current business time, and starts the next part afresh. */
    private List<Transition> judge(Map<String, Cause> dirtyCodes) {
        // staleness first: data in this part ends it, and ratio alerts computed from that data are mailed again
        List<Transition> out = new ArrayList<>(evaluateFeed());
        Map<String, Cause> accounts = dirtyAccounts;
        dirtyAccounts = new LinkedHashMap<>();
        accounts.forEach((account, cause) -> out.addAll(evaluateAccount(account, cause)));
        dirtyCodes.forEach((code, cause) -> out.addAll(evaluateDisclosure(code, cause)));
        dirtyCodes.clear();
        out.addAll(evaluateCalendar(false));
        pricedInBatch.clear();
        // the next part's prices must already reach the accounts whose alerts follow them now
        return followed(out);
    }

    private boolean ownsAccountOf(FeedEvent e) {
        if (e instanceof FeedEvent.Position q) return ownership.owns(q.account());
        if (e instanceof FeedEvent.Return r) return ownership.owns(r.account());
        return true;
    }

    private void applyOne(FeedEvent e, StateDelta delta, Map<String, Cause> accounts, Map<String, Cause> codes) {
        if (e instanceof FeedEvent.Price p) {
            if (Security.CASH_CODE.equals(p.code())) return; // cash is worth 1 by definition
            // only the holders whose verdicts moved (or whose shown numbers follow prices) are judged again
            book.putPrice(p.code(), p.price(), priceMoves);
            pricedInBatch.add(p.code());
            delta.prices.put(p.code(), new StateDelta.Price(p.code(), p.price(), p.ts()));
            if (pricePath == PricePath.EVERY_HOLDER) book.holdersOf(p.code()).forEach(a -> accounts.putIfAbsent(a, Cause.PRICE));
            lastData = later(lastData, p.ts());
        } else if (e instanceof FeedEvent.Position q) {
            book.putPosition(q.account(), q.code(), q.quantity());
            delta.positions.put(q.account() + "|" + q.code(), new StateDelta.Position(q.account(), q.code(), q.quantity(), q.ts()));
            accounts.put(q.account(), Cause.TRADE); // a trade in the batch outranks a price move
            codes.put(q.code(), Cause.TRADE);
            lastData = later(lastData, q.ts());
        } else if (e instanceof FeedEvent.Return r) {
            book.putReturn(r.account(), r.cumulativeReturn());
            delta.returns.put(r.account(), new StateDelta.Return(r.account(), r.cumulativeReturn(), r.ts()));
            accounts.putIfAbsent(r.account(), Cause.PRICE);
            lastData = later(lastData, r.ts());
        } else if (e instanceof FeedEvent.SecurityUpdate s) {
            Security security = s.security();
            Security before = book.security(security.code());
            // an update that leaves totalShares out does not know it: the stake stays measured against the last count
            if (security.totalShares() == 0 && before != null && before.totalShares() > 0) {
                security = new Security(security.code(), security.name(), security.kind(), security.issuer(), before.totalShares(),
                        security.flags());
            }
            book.putSecurity(security);
            delta.securities.put(security.code(), security);
            delta.securityTs = s.ts();
            book.holdersOf(security.code()).forEach(a -> accounts.putIfAbsent(a, referenceCause(a)));
            codes.putIfAbsent(security.code(), Cause.REFERENCE);
        }
        // a Clock event carries no data: advanceTime moves business time
    }

    /**
     * The cause a reference change gives a holder not yet judged in this batch. Every holder of a priced security
     * counted as a price move from that price on, whether or not its verdicts moved (they are judged on the batch's
     * end state): a holder of a security priced earlier in the batch keeps PRICE. Its holdings cannot have changed
     * since, or a trade would have marked it already.
     */
    private Cause referenceCause(String account) {
        return !pricedInBatch.isEmpty() && book.holdsAny(account, pricedInBatch) ? Cause.PRICE : Cause.REFERENCE;
    }

    /** True when business time moved forward. */
    private boolean advanceTime(OffsetDateTime ts, StateDelta delta) {
        if (businessTime != null && !ts.isAfter(businessTime)) return false; // time never moves back (SPEC §3)
        businessTime = ts;
        delta.businessTime = ts;
        if (onlineSince == null) onlineSince = ts;
        return true;
    }

    private static OffsetDateTime later(OffsetDateTime a, OffsetDateTime b) {
        return a == null || b.isAfter(a) ? b : a;
    }

    // ---- evaluation

    /** Re-evaluates every account and the calendar: after reference data (contracts, limits) changed. */
    public List<Transition> reevaluateAll(Directory newDirectory, Instant wallNow) {
        useDirectory(newDirectory);
        if (clock == Clock.WALL) advanceTime(wallNow.atOffset(java.time.ZoneOffset.UTC), new StateDelta());
        List<Transition> out = new ArrayList<>(evaluateFeed());
        java.util.Set<String> accounts = new java.util.TreeSet<>(book.accounts());
        accounts.addAll(directory.watchedAccounts());
        // accounts whose alerts are open but which are no longer watched must be reconciled too
        alerts.open().forEach(a -> { if (!FIRM.equals(a.account()) && a.rule() != Rule.MATURITY) accounts.add(a.account()); });
        accounts.forEach(a -> out.addAll(evaluateAccount(a, Cause.REFERENCE)));
        if (ownership.shared() && ownership.leads()) {
            // a new leader, or positions that changed while nobody led: the firm's stakes are measured again (the
            // holdings changed by trades somewhere); open disclosures of stakes now gone are among them
            java.util.Set<String> codes = new java.util.TreeSet<>(firm.codes());
            alerts.open().forEach(a -> { if (a.rule() == Rule.DISCLOSURE) codes.add(a.subject()); });
            codes.forEach(code -> out.addAll(evaluateDisclosure(code, Cause.TRADE)));
        }
        out.addAll(evaluateCalendar(true));
        return followed(out);
    }

    /** The wall clock ticked (WALL mode) or a clock message arrived: maturity and feed staleness. */
    public List<Transition> tick(Instant wallNow) {
        StateDelta ignored = new StateDelta();
        if (clock == Clock.WALL) advanceTime(wallNow.atOffset(java.time.ZoneOffset.UTC), ignored);
        List<Transition> out = new ArrayList<>(evaluateFeed());
        out.addAll(evaluateCalendar(false));
        return followed(out);
    }

    private List<Transition> evaluateAccount(String account, Cause cause) {
        if (!ownership.owns(account)) return List.of();
        try {
            Contract contract = directory.watched(account).orElse(null);
            List<Condition> conditions = AccountRules.evaluate(book.view(account), contract);
            return alerts.reconcile(account, accountScope(account), conditions, context(cause));
        } catch (RuntimeException e) {
            listener.evaluationFailed("account " + account, e);
            LOG.log(Level.WARNING, "rule evaluation failed for account " + account, e);
            return List.of();
        }
    }

    /** Alerts an account evaluation owns: its ratio, exclusion, return and data-quality alerts. */
    private static Predicate<Alert> accountScope(String account) {
        return a -> a.account().equals(account) && a.rule() != Rule.MATURITY && a.rule() != Rule.DISCLOSURE
                && !FEED.equals(a.subject());
    }

    private List<Transition> evaluateDisclosure(String code, Cause cause) {
        if (!ownership.leads()) return List.of();
        try {
            Security s = book.security(code);
            BigDecimal total = ownership.shared() ? firm.total(code) : book.firmQuantity(code);
            Map<String, BigDecimal> byAccount = ownership.shared() ? firm.byAccount(code) : book.quantityByAccount(code);
            List<Condition> conditions = s == null ? List.of()
                    : DisclosureRule.evaluate(s, total, byAccount, filed.get(code)).stream().toList();
            String fp = Condition.fingerprint(Rule.DISCLOSURE, FIRM, code);
            return alerts.reconcile(FIRM, a -> a.fingerprint().equals(fp), conditions, context(cause));
        } catch (RuntimeException e) {
            listener.evaluationFailed("disclosure " + code, e);
            LOG.log(Level.WARNING, "disclosure evaluation failed for " + code, e);
            return List.of();
        }
    }

    /**
     * The schedules, in this order at every call: maturity conditions once per business date (or when forced),
     * alerts whose keep-firing-for has passed, cure-period escalations, then maturity reminders (an alert opened or
     * escalated in severity today has had its announcement).
     */
    private List<Transition> evaluateCalendar(boolean force) {
        LocalDate today = businessDate();
        if (today == null) return List.of();
        List<Transition> out = new ArrayList<>();
        if (force || !today.equals(evaluatedDate)) {
            LocalDate before = evaluatedDate;
            evaluatedDate = today;
            List<Condition> conditions = new ArrayList<>();
            for (Contract c : directory.contracts()) {
                if (!ownership.owns(c.account())) continue;
                try {
                    MaturityRule.evaluate(c, today, calendar).ifPresent(conditions::add);
                } catch (RuntimeException e) {
                    listener.evaluationFailed("maturity " + c.code(), e);
                }
            }
            out.addAll(keep(reminders.stamp(alerts.reconcile(a -> a.rule() == Rule.MATURITY, conditions, context(Cause.SCHEDULE)),
                    today, before)));
        }
        AlertBook.Context ctx = context(Cause.SCHEDULE);
        out.addAll(alerts.resolveCleared(ctx));
        try {
            // a breach judged on stale data is not known to persist: the escalation waits until the feed is back
            if (!feedStale()) out.addAll(keep(CureEscalation.due(alerts.open(), today, ctx.now(), ctx.recipients())));
            out.addAll(keep(reminders.due(alerts.open(), directory, businessTime, onlineSince, ctx.recipients())));
        } catch (RuntimeException e) {
            listener.evaluationFailed("schedules", e);
            LOG.log(Level.WARNING, "schedule evaluation failed", e);
        }
        return out;
    }

    /** Feed staleness, at every call: the FEED alert opens after staleAfter of silent trading time and resolves on data. */
    private List<Transition> evaluateFeed() {
        if (businessTime == null || !ownership.leads()) return List.of();
        return alerts.reconcile(FEED, a -> a.rule() == Rule.DATA_QUALITY && FEED.equals(a.subject()),
                staleness().stream().toList(), context(Cause.SCHEDULE));
    }

    /** The book keeps what a schedule decided: the transition's alert is the alert from now on. */
    private List<Transition> keep(List<Transition> ts) {
        ts.forEach(t -> alerts.replace(t.alert()));
        return ts;
    }

    private boolean feedStale() {
        // the leader holds the FEED alert; the others read the same broadcast feed and judge it the same way
        if (!ownership.leads()) return staleness().isPresent();
        return alerts.get(Condition.fingerprint(Rule.DATA_QUALITY, FEED, FEED)) != null;
    }

    /** DATA_QUALITY FEED while the feed has been silent longer than allowed during trading hours. */
    private Optional<Condition> staleness() {
        if (lastData == null || businessTime == null) return Optional.empty();
        // the warning opens in trading hours only, but once open it lasts until data comes (C04): the lunch break
        // or the close is no recovery, and a silent day would otherwise open and resolve it twice a day
        boolean open = alerts.get(Condition.fingerprint(Rule.DATA_QUALITY, FEED, FEED)) != null;
        if (!open && !calendar.isTradingHours(businessTime.atZoneSameInstant(SHANGHAI))) return Optional.empty();
        // silence is trading time without data: the gap since yesterday's close is not an outage at 09:30
        Duration silent = calendar.tradingTimeBetween(lastData.toInstant(), businessTime.toInstant(), staleAfter);
        if (silent.compareTo(staleAfter) <= 0) return Optional.empty();
        long minutes = silent.toMinutes();
        return Optional.of(new Condition(Rule.DATA_QUALITY, FEED, FEED, Severity.WARNING,
                java.math.BigDecimal.valueOf(minutes), java.math.BigDecimal.valueOf(staleAfter.toMinutes()),
                "行情/持仓数据已中断 " + minutes + " 分钟（交易时段内超过 " + staleAfter.toMinutes() + " 分钟）",
                "Feed silent for " + minutes + " min during trading hours (limit " + staleAfter.toMinutes() + " min)",
                Map.of("lastData", lastData.toString(), "businessTime", businessTime.toString())));
    }

    private AlertBook.Context context(Cause cause) {
        Instant now = businessTime == null ? Instant.now() : businessTime.toInstant();
        LocalDate today = businessDate();
        return new AlertBook.Context(cause, now,
                c -> today == null ? null : calendar.plusTradingDays(today, cureTradingDays),
                c -> FIRM.equals(c.account()) || FEED.equals(c.account()) ? null : directory.clientCode(c.account()),
                directory::clientName,
                a -> MailAudience.of(a, directory, feedStale()));
    }

    // ---- acknowledgement

    /** The acknowledged alert, and the event to store and announce: none when nothing changed. */
    public record Acknowledgement(Alert alert, Optional<Transition> change) {
    }

    /**
     * Acknowledges an open alert; empty when no open alert has this id. The same person acknowledging with the same
     * words again changes nothing and announces nothing; another person, or other words, is a new acknowledgement.
     */
    public Optional<Acknowledgement> acknowledge(long id, String user, String comment, Instant at) {
        for (Alert a : alerts.open()) {
            if (a.id() == id) {
                if (a.state() == AlertState.ACKNOWLEDGED && java.util.Objects.equals(a.acknowledgedBy(), user)
                        && java.util.Objects.equals(a.comment(), comment)) {
                    return Optional.of(new Acknowledgement(a, Optional.empty()));
                }
                Alert acked = a.acknowledged(user, comment, at);
                alerts.replace(acked);
                return Optional.of(new Acknowledgement(acked, Optional.of(new Transition(EventKind.ACKNOWLEDGED, acked, List.of()))));
            }
        }
        return Optional.empty();
    }

    /** After a batch is persisted, newly opened alerts learn their database ids. */
    public void assignIds(Map<String, Long> idsByFingerprint) {
        idsByFingerprint.forEach(alerts::assignId);
    }

}
