package com.mandatewatch.rules;

import com.mandatewatch.domain.Condition;
import com.mandatewatch.domain.Contract;
import com.mandatewatch.domain.ContractType;
import com.mandatewatch.domain.ReturnBand;
import com.mandatewatch.domain.Rule;
import com.mandatewatch.domain.Severity;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Owns RETURN_BAND: the cumulative return outside the inclusive band [low, high] of the contract. */
final class ReturnBandRule {
    static final String LOW = "LOW";
    static final String HIGH = "HIGH";

    private ReturnBandRule() {
    }

    /** Only called with NAV > 0 and a return received. Equal to a bound is inside the band (C06c). */
    static List<Condition> evaluate(Valuation val, BigDecimal r, Contract contract) {
        List<Condition> out = new ArrayList<>();
        ReturnBand band = contract.returnBand();
        if (band.low() != null && r.compareTo(band.low()) < 0) {
            out.add(condition(val, r, contract, LOW, band.low()));
        }
        if (band.high() != null && r.compareTo(band.high()) > 0) {
            out.add(condition(val, r, contract, HIGH, band.high()));
        }
        return out;
    }

    private static Condition condition(Valuation val, BigDecimal r, Contract c, String subject, BigDecimal bound) {
        // A loss on a capital-guaranteed contract is money the firm owes: that is what makes it critical.
        boolean guaranteedLoss = r.signum() < 0 && c.type() == ContractType.CAPITAL_GUARANTEED;
        // Zero is shown on the right side too, so "-0.00%" never appears for a tiny loss.
        String shown = Percent.formatAgainst(r, bound, BigDecimal.ZERO);
        boolean low = LOW.equals(subject);
        String zh = "累计收益率 " + shown + "，" + (low ? "低于区间下限 " : "高于区间上限 ") + Percent.formatLimit(bound)
                + (guaranteedLoss ? "（保本合同出现亏损）" : "");
        String en = "Cumulative return " + shown + " is " + (low ? "below the band's lower bound of " : "above the band's "
                + "upper bound of ") + Percent.formatLimit(bound)
                + (guaranteedLoss ? " (capital-guaranteed contract at a loss)" : "");
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("cumulativeReturn", Ratio.plain(r));
        if (c.returnBand().low() != null) {
            evidence.put("low", Ratio.plain(c.returnBand().low()));
        }
        if (c.returnBand().high() != null) {
            evidence.put("high", Ratio.plain(c.returnBand().high()));
        }
        if (c.type() != null) {
            evidence.put("contractType", c.type().name());
        }
        if (c.code() != null) {
            evidence.put("contract", c.code());
        }
        evidence.put("nav", com.mandatewatch.text.Money.yuan(val.nav));
        return new Condition(Rule.RETURN_BAND, val.account, subject,
                guaranteedLoss ? Severity.CRITICAL : Severity.WARNING, r, bound, zh, en, evidence);
    }
}
