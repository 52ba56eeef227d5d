package com.mandatewatch.json;

import com.mandatewatch.report.AssessmentBreakdown;
import com.mandatewatch.report.AssessmentStandards;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;

/**
 * The JSON of an assessment's breakdown and of the standards it was computed with (stored with the record, so a
 * later edit of conf/assessment.yaml does not change what a past month says). Numbers are exact strings.
 */
public final class AssessmentJson {
    private AssessmentJson() {
    }

    /**
     * An exact decimal with at least two decimals and never rounded: 3.500000000 is "3.50", -5 is "-5.00",
     * 1.2345 stays "1.2345".
     */
    public static String decimal(BigDecimal d) {
        if (d == null) return null;
        BigDecimal s = d.stripTrailingZeros();
        return (s.scale() < 2 ? s.setScale(2) : s).toPlainString();
    }

    public static JsonObject breakdown(AssessmentBreakdown b) {
        AssessmentBreakdown.NewContracts n = b.newContracts();
        return new JsonObject()
                .put("newContracts", component("新签合同", n.counted(), "contracts")
                        .put("amount", decimal(n.amount())).put("tenMillions", decimal(n.tenMillions())))
                .put("renewals", component("续约", b.renewals(), "contracts"))
                .put("lostClients", component("客户流失", b.lostClients(), "clients"))
                .put("lateCriticalAlerts", component("严重预警超时未确认", b.lateCriticalAlerts(), "alerts"))
                .put("marketingPlans", component("市场营销方案", b.marketingPlans(), null))
                .put("productItems", component("产品开发", b.productItems(), null));
    }

    private static JsonObject component(String label, AssessmentBreakdown.Component c, String itemsName) {
        JsonObject j = new JsonObject().put("label", label).put("count", c.count()).put("points", decimal(c.points()));
        if (itemsName == null) return j;
        JsonArray items = new JsonArray();
        // alerts are addressed by their numeric id everywhere else in the API
        c.items().forEach(i -> items.add("alerts".equals(itemsName) ? (Object) Long.valueOf(i) : i));
        j.put(itemsName, items);
        if ("contracts".equals(itemsName)) j.put("unsealed", new JsonArray(c.unsealed()));
        return j;
    }

    public static JsonObject standards(AssessmentStandards s) {
        return new JsonObject().put("newContractPerTenMillion", s.newContractPerTenMillion().toPlainString())
                .put("renewal", s.renewal().toPlainString()).put("lostClient", s.lostClient().toPlainString())
                .put("lateCriticalAlert", s.lateCriticalAlert().toPlainString())
                .put("criticalAlertSla", s.criticalAlertSla().toString())
                .put("marketingPlan", s.marketingPlan().toPlainString()).put("productItem", s.productItem().toPlainString())
                .put("weights", new JsonObject().put("quantitative", s.quantitativeWeight().toPlainString())
                        .put("qualitative", s.qualitativeWeight().toPlainString()))
                .put("qualitativeMax", s.qualitativeMax().toPlainString());
    }
}
