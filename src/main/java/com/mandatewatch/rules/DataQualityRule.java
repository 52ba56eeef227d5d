package com.mandatewatch.rules;

import com.mandatewatch.domain.Condition;
import com.mandatewatch.domain.Rule;
import com.mandatewatch.domain.Severity;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Owns the account-level DATA_QUALITY conditions: NAV ≤ 0 (subject "NAV") and each position that cannot be valued. */
final class DataQualityRule {
    static final String NAV_SUBJECT = "NAV";

    private DataQualityRule() {
    }

    static List<Condition> evaluate(Valuation val) {
        List<Condition> out = new ArrayList<>();
        if (val.nav.signum() <= 0) {
            out.add(navCondition(val));
        }
        for (Holding h : val.unvalued) {
            out.add(unvalued(val.account, h));
        }
        return out;
    }

    private static Condition navCondition(Valuation val) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("nav", com.mandatewatch.text.Money.yuan(val.nav));
        evidence.put("positions", val.live.size());
        evidence.put("valuedPositions", val.valued.size());
        evidence.put("unvaluedPositions", val.unvalued.size());
        String zh;
        String en;
        if (val.valued.isEmpty() && !val.unvalued.isEmpty()) {
            // NAV is 0 only because nothing could be valued yet: say so rather than claim the account is empty.
            zh = "账户 " + val.account + " 尚无可估值持仓，净值无法计算，持仓比例与收益率规则暂停";
            en = "Account " + val.account + " has no position that can be valued yet; NAV cannot be computed, "
                    + "holding-ratio and return rules are suspended";
        } else {
            zh = "账户 " + val.account + " 净值为 " + Ratio.plain(val.nav) + "（≤ 0），持仓比例与收益率规则暂停";
            en = "Account " + val.account + " has NAV " + Ratio.plain(val.nav) + " (≤ 0); holding-ratio and return "
                    + "rules are suspended";
        }
        return new Condition(Rule.DATA_QUALITY, val.account, NAV_SUBJECT, Severity.WARNING, val.nav, BigDecimal.ZERO,
                zh, en, evidence);
    }

    private static Condition unvalued(String account, Holding h) {
        List<String> missing = new ArrayList<>();
        List<String> zhReasons = new ArrayList<>();
        List<String> enReasons = new ArrayList<>();
        if (h.security() == null) {
            missing.add("reference");
            zhReasons.add("无参考数据");
            enReasons.add("no reference data");
        }
        if (h.price() == null) {
            missing.add("price");
            zhReasons.add("无价格");
            enReasons.add("no price");
        }
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("quantity", Ratio.plain(h.quantity()));
        if (h.price() != null) {
            evidence.put("price", Ratio.plain(h.price()));
        }
        evidence.put("missing", List.copyOf(missing));
        return new Condition(Rule.DATA_QUALITY, account, h.code(), Severity.WARNING, null, null,
                "持仓 " + h.code() + " 无法估值：" + String.join("，", zhReasons) + "，暂不计入净值",
                "Position " + h.code() + " cannot be valued: " + String.join(", ", enReasons)
                        + "; left out of NAV for now",
                evidence);
    }
}
