package com.mandatewatch.bench;

import com.mandatewatch.bench.drools.Account;
import com.mandatewatch.bench.drools.Condition;
import com.mandatewatch.bench.drools.Position;
import com.mandatewatch.bench.drools.PriceTick;
import com.mandatewatch.bench.drools.ReturnUpdate;
import com.mandatewatch.bench.drools.Security;
import com.mandatewatch.bench.drools.SecurityChange;
import com.mandatewatch.bench.drools.Trade;
import org.drools.model.codegen.ExecutableModelProject;
import org.kie.api.KieBase;
import org.kie.api.conf.EventProcessingOption;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.io.ResourceType;
import org.kie.api.runtime.KieSession;
import org.kie.internal.utils.KieHelper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The workload in Drools 10 (executable model, stream mode): securities, holdings and accounts as facts kept up to
 * date by rules, each condition inserted logically by a rule, and the trail following the logical insertions and
 * retractions. The rules are compiled once per engine from mandate.drl.
 */
final class DroolsEngine implements BenchEngine {
    private static KieBase kieBase;
    private KieSession session;
    private Workload w;

    @Override
    public String name() {
        return "drools";
    }

    private static synchronized KieBase kieBase() {
        if (kieBase == null) {
            try (InputStream in = DroolsEngine.class.getResourceAsStream("/com/mandatewatch/bench/drools/mandate.drl")) {
                String drl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                kieBase = new KieHelper().addContent(drl, ResourceType.DRL).build(ExecutableModelProject.class, EventProcessingOption.STREAM);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return kieBase;
    }

    @Override
    public void load(Workload w, Trail trail) {
        this.w = w;
        session = kieBase().newKieSession();
        Map<Long, Condition> alive = new HashMap<>();
        session.addEventListener(new RuleRuntimeEventListener() {
            @Override
            public void objectInserted(ObjectInsertedEvent e) {
                if (e.getObject() instanceof Condition c) {
                    alive.put(c.getKey(), c);
                    trail.set(c.getKey(), c.getSeverity());
                }
            }

            @Override
            public void objectUpdated(ObjectUpdatedEvent e) {
            }

            @Override
            public void objectDeleted(ObjectDeletedEvent e) {
                if (e.getOldObject() instanceof Condition c && alive.get(c.getKey()) == c) {
                    alive.remove(c.getKey());
                    trail.set(c.getKey(), 0);
                }
            }
        });
        // the initial state goes in as facts, computed once, and the rules fire once over all of it: one trade at a
        // time would re-judge every stock of an account with each of its 200 positions
        Security[] securities = new Security[w.securities + 1];
        for (int s = 0; s < w.securities; s++) {
            securities[s] = new Security(s, w.kind[s], w.issuer[s], w.initialPrice[s], w.initialTotalShares[s], w.initialSt[s]);
        }
        securities[w.cash] = new Security(w.cash, Workload.CASH, -1, Workload.CASH_PRICE, 0, false);
        for (int a = 0; a < w.accounts; a++) {
            Workload.Mandate m = w.mandate[a];
            int n = 0;
            int[] kinds = new int[6];
            for (int k = 0; k < 6; k++) if (Judge.limited(m, k)) kinds[n++] = k;
            Account account = new Account(a, m, java.util.Arrays.copyOf(kinds, n));
            long nav = 0;
            long[] sums = new long[6];
            for (int j = 0; j < w.holdingSecurity[a].length; j++) {
                Security sec = securities[w.holdingSecurity[a][j]];
                Position p = new Position(a, sec.getId(), sec.getKind());
                long q = w.holdingQuantity[a][j];
                p.setQty(q);
                p.setValue(Math.multiplyExact(q, sec.getPrice()));
                nav = Math.addExact(nav, p.getValue());
                sums[sec.getKind()] += p.getValue();
                sec.setFirmQty(sec.getFirmQty() + q);
                session.insert(p);
            }
            account.setNav(nav);
            account.setKinds(sums);
            account.setRet(w.initialReturn[a]);
            account.setHasReturn(true);
            session.insert(account);
        }
        for (Security sec : securities) session.insert(sec);
        session.fireAllRules();
    }

    @Override
    public void apply(int e) {
        switch (w.type[e]) {
            case Workload.PRICE -> session.insert(new PriceTick(w.x[e], w.v[e]));
            case Workload.TRADE -> session.insert(new Trade(w.x[e], w.y[e], w.v[e]));
            case Workload.RETURN -> session.insert(new ReturnUpdate(w.x[e], w.v[e]));
            default -> session.insert(new SecurityChange(w.x[e], w.v[e], w.y[e] == 1));
        }
        session.fireAllRules();
    }

    @Override
    public void close() {
        if (session != null) session.dispose();
    }
}
