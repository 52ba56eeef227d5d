package com.mandatewatch.bench;

import com.mandatewatch.domain.Contract;
import com.mandatewatch.domain.Security;
import com.mandatewatch.domain.SecurityKind;
import com.mandatewatch.engine.ledger.Ledger;
import com.mandatewatch.engine.ledger.VerdictSink;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Mandate Watch's own engine state, the very {@link Ledger} the product's engine runs on its tick path, fed the
 * workload through its public int-id API. The verdicts it reports go straight into the trail.
 */
final class MandateWatchEngine implements BenchEngine {
    private Ledger ledger;
    private Workload w;
    private VerdictSink sink;

    @Override
    public String name() {
        return "mandate-watch";
    }

    @Override
    public void load(Workload w, Trail trail) {
        this.w = w;
        this.ledger = new Ledger();
        this.sink = new VerdictSink() {
            @Override
            public void changed(int account, int subject, int id, int from, int to) {
                trail.set(Trail.key(subject, account, id), to == 0 ? 0 : to == 1 ? 1 : 2);
            }

            @Override
            public void mustJudge(int account) {
                throw new IllegalStateException("the workload holds a value the ledger cannot represent: " + w.account[account]);
            }
        };
        Map<String, Contract> contracts = new HashMap<>();
        for (int a = 0; a < w.accounts; a++) contracts.put(w.account[a], w.contract[a]);
        ledger.mandates(contracts::get, sink);
        for (int s = 0; s <= w.securities; s++) {
            if (ledger.security(w.code[s]) != s) throw new IllegalStateException("security ids must follow the workload");
        }
        for (int a = 0; a < w.accounts; a++) {
            if (ledger.account(w.account[a]) != a) throw new IllegalStateException("account ids must follow the workload");
        }
        for (int s = 0; s < w.securities; s++) {
            ledger.reference(security(s, w.initialTotalShares[s], w.initialSt[s]), sink);
            ledger.price(s, w.initialPrice[s], sink);
        }
        for (int a = 0; a < w.accounts; a++) {
            for (int j = 0; j < w.holdingSecurity[a].length; j++) {
                ledger.position(a, w.holdingSecurity[a][j], w.holdingQuantity[a][j], sink);
            }
            ledger.cumulativeReturn(a, BigDecimal.valueOf(w.initialReturn[a], 4), sink);
        }
    }

    private Security security(int s, long totalShares, boolean st) {
        return new Security(w.code[s], w.code[s], SecurityKind.values()[w.kind[s]], w.issuerName(s), totalShares,
                st ? Set.of("ST") : Set.of());
    }

    @Override
    public void apply(int e) {
        switch (w.type[e]) {
            case Workload.PRICE -> ledger.price(w.x[e], w.v[e], sink);
            case Workload.TRADE -> ledger.position(w.x[e], w.y[e], w.v[e], sink);
            case Workload.RETURN -> ledger.cumulativeReturn(w.x[e], BigDecimal.valueOf(w.v[e], 4), sink);
            default -> ledger.reference(security(w.x[e], w.v[e], w.y[e] == 1), sink);
        }
    }
}
