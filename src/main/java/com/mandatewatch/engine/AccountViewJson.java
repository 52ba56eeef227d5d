package com.mandatewatch.engine;

import com.mandatewatch.domain.Contract;
import com.mandatewatch.json.DomainJson;
import com.mandatewatch.rules.AccountRules;
import com.mandatewatch.rules.AccountView;
import com.mandatewatch.rules.Holding;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.math.MathContext;

/** The account screen's data (SPEC §7 GET /api/accounts/{account}) built from the engine's live state. */
final class AccountViewJson {
    private static final MathContext DISPLAY = new MathContext(12);

    private AccountViewJson() {
    }

    static JsonObject of(AccountView view, Contract contract, String clientName) {
        BigDecimal nav = AccountRules.nav(view);
        JsonArray positions = new JsonArray();
        for (Holding h : view.holdings()) {
            if (h.quantity().signum() == 0) continue; // a closed position is kept for the rules, not shown
            BigDecimal value = h.isValued() ? h.quantity().multiply(h.isCash() ? BigDecimal.ONE : h.price()) : null;
            positions.add(new JsonObject().put("code", h.code())
                    .put("name", h.security() == null ? null : h.security().name())
                    .put("kind", h.security() == null ? null : h.security().kind().name())
                    .put("quantity", h.quantity().toPlainString())
                    .put("price", h.isCash() ? "1" : h.price() == null ? null : h.price().toPlainString())
                    .put("marketValue", value == null ? null : com.mandatewatch.text.Money.yuan(value))
                    // weights here are for display; verdicts are taken exactly by the rules
                    .put("weight", value == null || nav.signum() <= 0 ? null : value.divide(nav, DISPLAY).toPlainString())
                    .put("valued", h.isValued()));
        }
        return new JsonObject().put("account", view.account()).put("nav", com.mandatewatch.text.Money.yuan(nav))
                .put("cumulativeReturn", view.cumulativeReturn() == null ? null : view.cumulativeReturn().toPlainString())
                .put("contract", contract == null ? null : DomainJson.contract(contract))
                .put("clientName", clientName).put("positions", positions);
    }
}
