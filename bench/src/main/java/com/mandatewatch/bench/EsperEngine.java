package com.mandatewatch.bench;

import com.espertech.esper.common.client.EPCompiled;
import com.espertech.esper.common.client.EventBean;
import com.espertech.esper.common.client.configuration.Configuration;
import com.espertech.esper.compiler.client.CompilerArguments;
import com.espertech.esper.compiler.client.EPCompilerProvider;
import com.espertech.esper.runtime.client.EPDeployment;
import com.espertech.esper.runtime.client.EPEventService;
import com.espertech.esper.runtime.client.EPRuntime;
import com.espertech.esper.runtime.client.EPRuntimeProvider;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The workload in Esper 9, written the fast way: state in tables with primary keys and an index by security,
 * NAV and kind sums as into-table sum aggregations fed by per-holder deltas, each account's stock values in a
 * sorted() aggregation over a unique window (so the stocks above a line are one range query), the firm's stake as
 * an into-table sum, one compiled module, prioritized execution so that deltas read old prices before they change.
 * The exact SPEC §4 comparisons are Java ({@link Judge}), as an Esper user would write a single-row function.
 */
final class EsperEngine implements BenchEngine {
    private static final AtomicInteger RUNTIMES = new AtomicInteger();

    static final String EPL = """
            @public @buseventtype create schema Delta(acct int, sid int, kind int, d long, mv long);
            @public @buseventtype create schema StockValue(acct int, sid int, mv long);
            @public @buseventtype create schema Touched(acct int);
            @public @buseventtype create schema QtyDelta(sid int, dq long);
            @public @buseventtype create schema RowCheck(acct int, sid int, qty long);
            @public @buseventtype create schema StakeCheck(sid int);

            create table Security(sid int primary key, price long, kind int, total long, st boolean);
            create table Pos(acct int primary key, sid int primary key, qty long, kind int);
            create index PosBySec on Pos(sid);
            create table Acct(acct int primary key, nav sum(long), k0 sum(long), k1 sum(long), k2 sum(long),
                              k3 sum(long), k4 sum(long), k5 sum(long));
            create table Stocks(acct int primary key, ranked sorted(mv) @type(StockValue));
            create table Firm(sid int primary key, q sum(long));
            create table Ret(acct int primary key, r long);

            // reference data: a first sight inserts the security, a change updates total shares and the ST flag
            @Priority(10) on SecurityChange as c insert into RowCheck select p.acct as acct, p.sid as sid, p.qty as qty
                from Pos as p where p.sid = c.sid;
            @Priority(5) on SecurityChange as c merge Security as s where s.sid = c.sid
                when matched then update set total = c.total, st = c.st
                when not matched then insert select c.sid as sid, c.price as price, c.kind as kind, c.total as total, c.st as st;
            @Priority(4) insert into StakeCheck select c.sid as sid from SecurityChange as c;

            // a price: one delta per live holder, read against the old price before the price itself changes
            @Priority(10) on PriceTick as t insert into Delta
                select p.acct as acct, p.sid as sid, p.kind as kind, p.qty * (t.price - Security[t.sid].price) as d, p.qty * t.price as mv
                from Pos as p where p.sid = t.sid and p.qty != 0;
            @Priority(5) on PriceTick as t update Security as s set price = t.price where s.sid = t.sid;

            // a trade: the delta of the holding against the old quantity, then the holding itself
            @Priority(10) insert into Delta select t.acct as acct, t.sid as sid, Security[t.sid].kind as kind,
                (t.qty - coalesce(Pos[t.acct, t.sid].qty, 0L)) * Security[t.sid].price as d, t.qty * Security[t.sid].price as mv from Trade as t;
            @Priority(10) insert into QtyDelta select t.sid as sid, t.qty - coalesce(Pos[t.acct, t.sid].qty, 0L) as dq from Trade as t;
            @Priority(8) insert into RowCheck select t.acct as acct, t.sid as sid, t.qty as qty from Trade as t;
            @Priority(5) on Trade as t merge Pos as p where p.acct = t.acct and p.sid = t.sid
                when matched then update set qty = t.qty
                when not matched then insert select t.acct as acct, t.sid as sid, t.qty as qty, Security[t.sid].kind as kind;

            on ReturnUpdate as u merge Ret as r where r.acct = u.acct
                when matched then update set r = u.ret
                when not matched then insert select u.acct as acct, u.ret as r;
            insert into Touched select u.acct as acct from ReturnUpdate as u;

            // the sums, the ranking of stock values and the firm's stake
            into table Acct select sum(d) as nav, sum(case when kind = 0 then d else 0L end) as k0,
                sum(case when kind = 1 then d else 0L end) as k1, sum(case when kind = 2 then d else 0L end) as k2,
                sum(case when kind = 3 then d else 0L end) as k3, sum(case when kind = 4 then d else 0L end) as k4,
                sum(case when kind = 5 then d else 0L end) as k5
                from Delta group by acct;
            @Priority(3) insert into StockValue select acct, sid, mv from Delta(kind = 0);
            @Priority(1) insert into Touched select acct from Delta;
            into table Stocks select sorted() as ranked from StockValue#unique(acct, sid) group by acct;
            into table Firm select sum(dq) as q from QtyDelta group by sid;
            insert into StakeCheck select sid from QtyDelta;

            // what the alert logic reads: an account's sums and the stocks above its line; a row; a stake
            @name('account') select t.acct as acct, Acct[t.acct].nav as nav, Acct[t.acct].k0 as k0, Acct[t.acct].k1 as k1,
                Acct[t.acct].k2 as k2, Acct[t.acct].k3 as k3, Acct[t.acct].k4 as k4, Acct[t.acct].k5 as k5, Ret[t.acct].r as r,
                Stocks[t.acct].ranked.eventsBetween(line(t.acct, Acct[t.acct].nav), false, 9223372036854775807L, true) as flagged
                from Touched as t;
            @name('row') select r.acct as acct, r.sid as sid, r.qty as qty, Security[r.sid].st as st from RowCheck as r;
            @name('stake') select s.sid as sid, Firm[s.sid].q as q, Security[s.sid].total as total from StakeCheck as s;
            """;

    private EPRuntime runtime;
    private EPEventService events;
    private Workload w;
    private Trail trail;
    private final Map<Integer, Set<Integer>> flaggedByAccount = new HashMap<>();

    @Override
    public String name() {
        return "esper";
    }

    @Override
    public void load(Workload w, Trail trail) {
        this.w = w;
        this.trail = trail;
        Judge.workload = w;
        Configuration c = new Configuration();
        c.getCommon().addEventType("PriceTick", EsperEvents.PriceTick.class);
        c.getCommon().addEventType("Trade", EsperEvents.Trade.class);
        c.getCommon().addEventType("ReturnUpdate", EsperEvents.ReturnUpdate.class);
        c.getCommon().addEventType("SecurityChange", EsperEvents.SecurityChange.class);
        c.getCompiler().addPlugInSingleRowFunction("line", Judge.class.getName(), "line");
        c.getRuntime().getExecution().setPrioritized(true);
        c.getRuntime().getThreading().setInternalTimerEnabled(false);
        try {
            EPCompiled compiled = EPCompilerProvider.getCompiler().compile(EPL, new CompilerArguments(c));
            runtime = EPRuntimeProvider.getRuntime("bench-" + RUNTIMES.incrementAndGet(), c);
            runtime.initialize();
            EPDeployment d = runtime.getDeploymentService().deploy(compiled);
            String id = d.getDeploymentId();
            runtime.getDeploymentService().getStatement(id, "account").addListener((in, out, s, rt) -> {
                for (EventBean e : in) account(e);
            });
            runtime.getDeploymentService().getStatement(id, "row").addListener((in, out, s, rt) -> {
                for (EventBean e : in) row(e);
            });
            runtime.getDeploymentService().getStatement(id, "stake").addListener((in, out, s, rt) -> {
                for (EventBean e : in) stake(e);
            });
        } catch (Exception e) {
            throw new IllegalStateException("Esper module does not compile or deploy: " + e.getMessage(), e);
        }
        events = runtime.getEventService();
        for (int s = 0; s < w.securities; s++) {
            events.sendEventBean(new EsperEvents.SecurityChange(s, w.initialPrice[s], w.kind[s], w.initialTotalShares[s], w.initialSt[s]), "SecurityChange");
        }
        events.sendEventBean(new EsperEvents.SecurityChange(w.cash, Workload.CASH_PRICE, Workload.CASH, 0, false), "SecurityChange");
        for (int a = 0; a < w.accounts; a++) {
            for (int j = 0; j < w.holdingSecurity[a].length; j++) {
                events.sendEventBean(new EsperEvents.Trade(a, w.holdingSecurity[a][j], w.holdingQuantity[a][j]), "Trade");
            }
            events.sendEventBean(new EsperEvents.ReturnUpdate(a, w.initialReturn[a]), "ReturnUpdate");
        }
    }

    @Override
    public void apply(int e) {
        switch (w.type[e]) {
            case Workload.PRICE -> events.sendEventBean(new EsperEvents.PriceTick(w.x[e], w.v[e]), "PriceTick");
            case Workload.TRADE -> events.sendEventBean(new EsperEvents.Trade(w.x[e], w.y[e], w.v[e]), "Trade");
            case Workload.RETURN -> events.sendEventBean(new EsperEvents.ReturnUpdate(w.x[e], w.v[e]), "ReturnUpdate");
            default -> events.sendEventBean(new EsperEvents.SecurityChange(w.x[e], 0, w.kind[w.x[e]], w.v[e], w.y[e] == 1), "SecurityChange");
        }
    }

    /** An account touched: its NAV, kind, single-stock and return conditions from what Esper aggregated. */
    private void account(EventBean e) {
        int a = (Integer) e.get("acct");
        long nav = (Long) e.get("nav");
        Workload.Mandate m = w.mandate[a];
        trail.set(Trail.key(Trail.NAV, a, -1), nav <= 0 ? 1 : 0);
        for (int k = 0; k < 6; k++) {
            if (Judge.limited(m, k)) trail.set(Trail.key(Trail.KIND, a, k), Judge.kind(m, k, (Long) e.get("k" + k), nav));
        }
        Object r = e.get("r");
        long ret = r == null ? 0 : (Long) r;
        trail.set(Trail.key(Trail.LOW, a, -1), r == null ? 0 : Judge.low(m, ret, nav));
        trail.set(Trail.key(Trail.HIGH, a, -1), r == null ? 0 : Judge.high(m, ret, nav));
        Set<Integer> before = flaggedByAccount.getOrDefault(a, Set.of());
        Set<Integer> now = new HashSet<>();
        Object flagged = e.get("flagged");
        if (flagged instanceof Map<?, ?>[] list) {
            // the sorted aggregation answers the underlying StockValue events (maps) above the line
            for (Map<?, ?> s : list) {
                int sec = (Integer) s.get("sid");
                int v = Judge.stock(m, (Long) s.get("mv"), nav);
                if (v != 0) {
                    now.add(sec);
                    trail.set(Trail.key(Trail.STOCK, a, sec), v);
                }
            }
        }
        for (int sec : before) {
            if (!now.contains(sec)) trail.set(Trail.key(Trail.STOCK, a, sec), 0);
        }
        if (now.isEmpty()) flaggedByAccount.remove(a);
        else flaggedByAccount.put(a, now);
    }

    /** A holding changed or its security's reference data did: the exclusion condition of that one row. */
    private void row(EventBean e) {
        int a = (Integer) e.get("acct");
        int sec = (Integer) e.get("sid");
        long qty = (Long) e.get("qty");
        boolean st = Boolean.TRUE.equals(e.get("st"));
        boolean excluded = qty != 0 && sec != w.cash && w.mandate[a].excludes(sec, w.issuer[sec], st);
        trail.set(Trail.key(Trail.EXCLUDED, a, sec), excluded ? 2 : 0);
    }

    private void stake(EventBean e) {
        int sec = (Integer) e.get("sid");
        Object q = e.get("q");
        Object total = e.get("total");
        int v = com.mandatewatch.rules.ScaledRatio.disclosure(q == null ? 0 : (Long) q, 4, total == null ? 0 : (Long) total);
        trail.set(Trail.key(Trail.DISCLOSURE, -1, sec), v);
    }

    @Override
    public void close() {
        if (runtime != null) runtime.destroy();
    }
}
