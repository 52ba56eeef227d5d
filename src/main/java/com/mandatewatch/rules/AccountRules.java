package com.mandatewatch.rules;

import com.mandatewatch.domain.Condition;
import com.mandatewatch.domain.Contract;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Owns the per-account rules: which of HOLDING_RATIO, EXCLUDED_SECURITY, RETURN_BAND and DATA_QUALITY hold now. */
public final class AccountRules {
    private AccountRules() {
    }

    /**
     * HOLDING_RATIO, EXCLUDED_SECURITY, RETURN_BAND and account-level DATA_QUALITY conditions that hold now, in a
     * stable order (data quality, exclusions, kind ratios in SecurityKind order, single stocks in holding order,
     * return band). contract may be null (no mandate: only DATA_QUALITY). The contract's status is not looked at:
     * the caller passes the contract that governs the account now.
     */
    public static List<Condition> evaluate(AccountView view, Contract contract) {
        Valuation val = Valuation.of(view);
        // An account with no holdings at all has not been fed yet: there is nothing to value, so nothing to say.
        // (Not even a kind minimum such as BOND ≥ 20%: a new account would otherwise alert before its first trade.)
        // An account whose holdings are all closed (quantity 0) is different: it was fed and its NAV is 0 (C09a).
        if (val.empty) {
            return List.of();
        }
        List<Condition> out = new ArrayList<>(DataQualityRule.evaluate(val));
        if (contract == null) {
            return List.copyOf(out);
        }
        out.addAll(ExclusionRule.evaluate(val, contract.excluded()));
        // NAV ≤ 0 gives no ratio and no return alert at all (C09): a sign-flipped weight would pass "> 10%" checks.
        if (val.nav.signum() > 0) {
            out.addAll(HoldingRatioRule.evaluate(val, contract.limits()));
            if (view.cumulativeReturn() != null) {
                out.addAll(ReturnBandRule.evaluate(val, view.cumulativeReturn(), contract));
            }
        }
        return List.copyOf(out);
    }

    /** Σ quantity × price over valued holdings; cash (code "CASH" or kind CASH) has price 1 even if price is null. */
    public static BigDecimal nav(AccountView view) {
        return Valuation.of(view).nav;
    }
}
