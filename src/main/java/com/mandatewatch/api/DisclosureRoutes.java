package com.mandatewatch.api;

import com.mandatewatch.auth.Role;
import com.mandatewatch.engine.Bus;
import com.mandatewatch.json.ExactJson;
import com.mandatewatch.json.Fields;
import com.mandatewatch.store.DisclosureStore;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * /api/disclosures: compliance records a filed shareholding disclosure (SPEC §4 ladder); the engine then
 * resolves the open DISCLOSURE alert and measures later steps from the filed ratio.
 */
public final class DisclosureRoutes {
    private final DisclosureStore disclosures;

    public DisclosureRoutes(DisclosureStore disclosures) {
        this.disclosures = disclosures;
    }

    public void mount(Router api) {
        api.get("/disclosures").handler(ctx -> {
            Caller.of(ctx).require(Role.COMPLIANCE, Role.SALES_LEAD, Role.MARKETING_MANAGER, Role.OPS);
            Api.reply(ctx, 200, disclosures.all().map(l -> Api.list(l, DisclosureStore.Filed::toJson)));
        });
        api.post("/disclosures").handler(this::file);
    }

    private void file(RoutingContext ctx) {
        Caller c = Caller.of(ctx).require(Role.COMPLIANCE);
        Fields f = new Fields(ExactJson.object(ctx.body().asString()));
        String code = f.code("code", true);
        BigDecimal ratio = f.decimal("ratio", true, BigDecimal.ZERO, BigDecimal.ONE);
        LocalDate filedOn = f.date("filedOn", true);
        f.throwIfAny();
        Api.reply(ctx, 201, disclosures.insert(code, ratio, filedOn, c.username())
                .compose(filed -> ctx.vertx().eventBus().<JsonObject>request(Bus.DISCLOSURE_FILED,
                        new JsonObject().put("code", code).put("ratio", ratio.toPlainString())).map(m -> filed.toJson())));
    }
}
