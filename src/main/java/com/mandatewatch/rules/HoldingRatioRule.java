package com.mandatewatch.rules;

import com.mandatewatch.domain.Bounds;
import com.mandatewatch.domain.Condition;
import com.mandatewatch.domain.Limits;
import com.mandatewatch.domain.Rule;
import com.mandatewatch.domain.SecurityKind;
import com.mandatewatch.domain.Severity;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Owns HOLDING_RATIO: kind weights against {min, max} (subject the kind) and single-stock weights (subject the code). */
final class HoldingRatioRule {
    private HoldingRatioRule() {
    }

    /** Only called with NAV > 0: a ratio of a non-positive NAV means nothing (C09). */
    static List<Condition> evaluate(Valuation val, Limits limits) {
        List<Condition> out = new ArrayList<>();
        BigDecimal wf = limits.warnFraction();
        for (SecurityKind kind : SecurityKind.values()) {
            Bounds b = limits.kinds().get(kind);
            if (b == null || (b.min() == null && b.max() == null)) {
                continue;
            }
            BigDecimal mv = val.marketValueOf(kind);
            Verdict v = Verdict.judge(mv, val.nav, b.min(), b.max(), wf);
            if (v != Verdict.NONE) {
                Map<String, Object> evidence = new LinkedHashMap<>();
                evidence.put("kind", kind.name());
                out.add(condition(val, kind.name(), kindZh(kind), kindEn(kind), mv, b.min(), b.max(), wf, v, evidence));
            }
        }
        BigDecimal single = limits.singleSecurityMax();
        if (single != null) {
            for (Holding h : val.valued) {
                // SPEC §2: the single-security maximum applies to kind STOCK.
                if (h.kind() != SecurityKind.STOCK) {
                    continue;
                }
                BigDecimal mv = h.marketValue();
                Verdict v = Verdict.judge(mv, val.nav, null, single, wf);
                if (v != Verdict.NONE) {
                    Map<String, Object> evidence = new LinkedHashMap<>();
                    evidence.put("code", h.code());
                    evidence.put("quantity", Ratio.plain(h.quantity()));
                    evidence.put("price", Ratio.plain(h.effectivePrice()));
                    out.add(condition(val, h.code(), "单一股票 " + h.code() + " ", "Single stock " + h.code(),
                            mv, null, single, wf, v, evidence));
                }
            }
        }
        return out;
    }

    private static Condition condition(Valuation val, String subject, String labelZh, String labelEn, BigDecimal mv,
                                       BigDecimal min, BigDecimal max, BigDecimal wf, Verdict v,
                                       Map<String, Object> evidence) {
        BigDecimal warnLine = max == null ? null : wf.multiply(max);
        BigDecimal weight = Ratio.of(mv, val.nav, min, max, warnLine);
        String w = Percent.formatAgainst(weight, min, max, warnLine);
        evidence.put("nav", com.mandatewatch.text.Money.yuan(val.nav));
        evidence.put("marketValue", com.mandatewatch.text.Money.yuan(mv));
        evidence.put("weight", Ratio.plain(weight));
        if (min != null) {
            evidence.put("min", Ratio.plain(min));
        }
        if (max != null) {
            evidence.put("max", Ratio.plain(max));
            evidence.put("warnFraction", Ratio.plain(wf));
            evidence.put("warnLine", Ratio.plain(warnLine));
        }
        String zh;
        String en;
        Severity severity;
        BigDecimal limit;
        switch (v) {
            case MAX_BREACH -> {
                severity = Severity.CRITICAL;
                limit = max;
                zh = labelZh + "占净值 " + w + "，超过上限 " + Percent.formatLimit(max);
                en = labelEn + ": " + w + " of NAV, above the limit of " + Percent.formatLimit(max);
            }
            case MIN_BREACH -> {
                severity = Severity.CRITICAL;
                limit = min;
                zh = labelZh + "占净值 " + w + "，低于下限 " + Percent.formatLimit(min);
                en = labelEn + ": " + w + " of NAV, below the minimum of " + Percent.formatLimit(min);
            }
            case WARNING -> {
                severity = Severity.WARNING;
                // limit stays the max: the warning line is derived from it and shown in the message.
                limit = max;
                zh = labelZh + "占净值 " + w + "，接近上限 " + Percent.formatLimit(max)
                        + "（预警线 " + Percent.formatLimit(warnLine) + "）";
                en = labelEn + ": " + w + " of NAV, approaching the limit of " + Percent.formatLimit(max)
                        + " (warning line " + Percent.formatLimit(warnLine) + ")";
            }
            default -> throw new IllegalStateException("no condition for " + v);
        }
        return new Condition(Rule.HOLDING_RATIO, val.account, subject, severity, weight, limit, zh, en, evidence);
    }

    static String kindZh(SecurityKind k) {
        return switch (k) {
            case STOCK -> "股票类资产";
            case BOND -> "债券类资产";
            case FUND -> "基金类资产";
            case REPO -> "回购类资产";
            case CASH -> "现金类资产";
            case OTHER -> "其他类资产";
        };
    }

    static String kindEn(SecurityKind k) {
        return switch (k) {
            case STOCK -> "Stocks";
            case BOND -> "Bonds";
            case FUND -> "Funds";
            case REPO -> "Repos";
            case CASH -> "Cash";
            case OTHER -> "Other assets";
        };
    }
}
