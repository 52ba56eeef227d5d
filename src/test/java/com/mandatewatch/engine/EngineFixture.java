package com.mandatewatch.engine;

import com.mandatewatch.alerts.EventKind;
import com.mandatewatch.alerts.Transition;
import com.mandatewatch.auth.Role;
import com.mandatewatch.auth.User;
import com.mandatewatch.domain.Client;
import com.mandatewatch.domain.ClientNature;
import com.mandatewatch.domain.Contract;
import com.mandatewatch.domain.ContractStatus;
import com.mandatewatch.domain.ContractType;
import com.mandatewatch.domain.LifecycleStage;
import com.mandatewatch.domain.Limits;
import com.mandatewatch.domain.RecordStatus;
import com.mandatewatch.domain.ReturnBand;
import com.mandatewatch.domain.Rule;
import com.mandatewatch.domain.Security;
import com.mandatewatch.domain.SecurityKind;
import com.mandatewatch.feed.FeedEvent;
import com.mandatewatch.rules.BusinessCalendar;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A real {@link Engine} (no database) with a small directory: three clients with their managers, and one person in
 * each of the other roles. Feeds events batch by batch and keeps every transition it returned.
 */
final class EngineFixture {
    static final BusinessCalendar CAL = BusinessCalendar.loadDefault();
    static final List<User> USERS = List.of(
            new User("cm1", "张伟", Role.CLIENT_MANAGER, "cm1@example.test", true),
            new User("cm2", "李静", Role.CLIENT_MANAGER, "cm2@example.test", true),
            new User("cm3", "王磊", Role.CLIENT_MANAGER, "cm3@example.test", true),
            new User("lead1", "陈晓东", Role.SALES_LEAD, "lead1@example.test", true),
            new User("comp1", "冯建国", Role.COMPLIANCE, "comp1@example.test", true),
            new User("ops1", "何平", Role.OPS, "ops1@example.test", true),
            new User("fin1", "郑红", Role.FINANCE, "fin1@example.test", true),
            new User("trader1", "周强", Role.TRADING, "trader1@example.test", true));
    static final List<Client> CLIENTS = List.of(client("C001", "cm1"), client("C002", "cm2"), client("C003", "cm3"));

    final Engine engine;
    final List<String> failures = new ArrayList<>();
    final List<Transition> all = new ArrayList<>();

    EngineFixture(Contract... contracts) {
        this(Duration.ofMinutes(10), contracts);
    }

    EngineFixture(Duration staleAfter, Contract... contracts) {
        this(staleAfter, Duration.ZERO, contracts);
    }

    EngineFixture(Duration staleAfter, Duration keepFiringFor, Contract... contracts) {
        engine = new Engine(CAL, Engine.Clock.FEED, staleAfter, 10, keepFiringFor, (what, e) -> failures.add(what + ": " + e));
        all.addAll(engine.reevaluateAll(directory(contracts), Instant.now()));
    }

    static Directory directory(Contract... contracts) {
        return new Directory(CLIENTS, List.of(contracts), USERS);
    }

    /** New reference data (limits, contract status): every account and the calendar are evaluated again. */
    List<Transition> reference(Contract... contracts) {
        List<Transition> ts = engine.reevaluateAll(directory(contracts), Instant.now());
        all.addAll(ts);
        return ts;
    }

    static Client client(String code, String manager) {
        return new Client(code, "测试客户" + code, ClientNature.PRIVATE, manager, LifecycleStage.SIGNED, RecordStatus.SEALED);
    }

    /** An ACTIVE contract with a single-stock maximum and a return band; warnFraction null means the default 0.9. */
    static Contract contract(String code, String client, String account, String singleMax, String warnFraction,
                             ContractType type, String low, String high, LocalDate maturity) {
        return new Contract(code, client, account, new BigDecimal("10000000.00"), LocalDate.of(2025, 1, 2), maturity, type,
                ContractStatus.ACTIVE, new BigDecimal("0.05"), new ReturnBand(d(low), d(high)),
                new Limits(Map.of(), d(singleMax), d(warnFraction)), null, null, "trader1", RecordStatus.SEALED);
    }

    /** The usual mandate: 10% single stock, default warning at 90% of it, band [−10%, 30%], maturing end 2027. */
    static Contract mandate(String code, String client, String account) {
        return contract(code, client, account, "0.10", null, ContractType.NO_GUARANTEE, "-0.10", "0.30", LocalDate.of(2027, 12, 31));
    }

    static BigDecimal d(String s) { return s == null ? null : new BigDecimal(s); }

    static OffsetDateTime at(String day, String time) { return OffsetDateTime.parse(day + "T" + time + "+08:00"); }

    static FeedEvent security(String code, long totalShares, OffsetDateTime ts) {
        return new FeedEvent.SecurityUpdate(null, ts, new Security(code, code, SecurityKind.STOCK, "ISS-" + code, totalShares, Set.of()));
    }

    static FeedEvent price(String code, String price, OffsetDateTime ts) { return new FeedEvent.Price(null, ts, code, d(price)); }

    static FeedEvent position(String account, String code, String qty, OffsetDateTime ts) {
        return new FeedEvent.Position(null, ts, account, code, d(qty));
    }

    static FeedEvent cash(String account, String amount, OffsetDateTime ts) { return position(account, Security.CASH_CODE, amount, ts); }

    static FeedEvent returnOf(String account, String r, OffsetDateTime ts) { return new FeedEvent.Return(null, ts, account, d(r)); }

    static FeedEvent clock(OffsetDateTime ts) { return new FeedEvent.Clock(null, ts); }

    /** Applies one batch and answers its transitions (also kept in {@link #all}). */
    List<Transition> feed(FeedEvent... events) {
        return feed(List.of(events));
    }

    List<Transition> feed(List<FeedEvent> events) {
        Engine.Result r = engine.apply(events, Set.of(), Instant.now());
        all.addAll(r.transitions());
        return r.transitions();
    }

    static List<Transition> only(List<Transition> ts, Rule rule, EventKind kind) {
        return ts.stream().filter(t -> t.alert().rule() == rule && t.kind() == kind).toList();
    }

    static List<Transition> only(List<Transition> ts, String fingerprint) {
        return ts.stream().filter(t -> t.alert().fingerprint().equals(fingerprint)).toList();
    }
}
