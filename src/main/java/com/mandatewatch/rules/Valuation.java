package com.mandatewatch.rules;

import com.mandatewatch.domain.SecurityKind;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Owns the valuation of one account: which holdings count, which can be valued, and the NAV they add up to. */
final class Valuation {
    final String account;
    /** True when the account has no holdings at all, not even closed ones: nothing has been fed yet. */
    final boolean empty;
    /** Holdings with quantity ≠ 0; a closed position (0) plays no part in any rule. */
    final List<Holding> live;
    final List<Holding> valued;
    final List<Holding> unvalued;
    final BigDecimal nav;

    private Valuation(AccountView view) {
        this.account = view.account();
        this.empty = view.holdings().isEmpty();
        List<Holding> l = new ArrayList<>();
        List<Holding> v = new ArrayList<>();
        List<Holding> u = new ArrayList<>();
        BigDecimal sum = BigDecimal.ZERO;
        for (Holding h : view.holdings()) {
            if (h.quantity().signum() == 0) {
                continue;
            }
            l.add(h);
            if (h.isValued()) {
                v.add(h);
                sum = sum.add(h.marketValue());
            } else {
                u.add(h);
            }
        }
        this.live = List.copyOf(l);
        this.valued = List.copyOf(v);
        this.unvalued = List.copyOf(u);
        this.nav = sum;
    }

    static Valuation of(AccountView view) {
        return new Valuation(view);
    }

    /** Σ market value of the valued holdings of one kind (cash counts as CASH). */
    BigDecimal marketValueOf(SecurityKind kind) {
        BigDecimal sum = BigDecimal.ZERO;
        for (Holding h : valued) {
            if (h.kind() == kind) {
                sum = sum.add(h.marketValue());
            }
        }
        return sum;
    }
}
