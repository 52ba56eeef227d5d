package com.mandatewatch.rules;

import com.mandatewatch.domain.Condition;
import com.mandatewatch.domain.Exclusions;
import com.mandatewatch.domain.Rule;
import com.mandatewatch.domain.Security;
import com.mandatewatch.domain.Severity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Owns EXCLUDED_SECURITY: any non-zero holding in a code, issuer or flag the client forbids. */
final class ExclusionRule {
    private ExclusionRule() {
    }

    /** Independent of NAV: holding a forbidden security is a fact even when nothing can be valued. */
    static List<Condition> evaluate(Valuation val, Exclusions ex) {
        List<Condition> out = new ArrayList<>();
        for (Holding h : val.live) {
            List<String> matched = new ArrayList<>();
            List<String> zh = new ArrayList<>();
            List<String> en = new ArrayList<>();
            Security s = h.security();
            if (ex.codes().contains(h.code())) {
                matched.add("code:" + h.code());
                zh.add("代码在禁投名单");
                en.add("code is excluded");
            }
            if (s != null && !s.issuer().isEmpty() && ex.issuers().contains(s.issuer())) {
                matched.add("issuer:" + s.issuer());
                zh.add("发行人 " + s.issuer() + " 在禁投名单");
                en.add("issuer " + s.issuer() + " is excluded");
            }
            if (s != null) {
                // Sorted so the message and evidence do not depend on set iteration order.
                for (String flag : new TreeSet<>(s.flags())) {
                    if (ex.flags().contains(flag)) {
                        matched.add("flag:" + flag);
                        zh.add("带有 " + flag + " 标记");
                        en.add("flagged " + flag);
                    }
                }
            }
            if (matched.isEmpty()) {
                continue;
            }
            Map<String, Object> evidence = new LinkedHashMap<>();
            evidence.put("code", h.code());
            evidence.put("quantity", Ratio.plain(h.quantity()));
            if (h.effectivePrice() != null) {
                evidence.put("price", Ratio.plain(h.effectivePrice()));
                evidence.put("marketValue", com.mandatewatch.text.Money.yuan(h.marketValue()));
            }
            evidence.put("nav", com.mandatewatch.text.Money.yuan(val.nav));
            evidence.put("matched", List.copyOf(matched));
            String name = s != null && !s.name().equals(h.code()) ? "（" + s.name() + "）" : "";
            String nameEn = s != null && !s.name().equals(h.code()) ? " (" + s.name() + ")" : "";
            out.add(new Condition(Rule.EXCLUDED_SECURITY, val.account, h.code(), Severity.CRITICAL, null, null,
                    "持有禁投证券 " + h.code() + name + "，数量 " + Ratio.grouped(h.quantity()) + "：" + String.join("；", zh),
                    "Holds excluded security " + h.code() + nameEn + ", quantity " + Ratio.grouped(h.quantity()) + ": "
                            + String.join("; ", en),
                    evidence));
        }
        return out;
    }
}
