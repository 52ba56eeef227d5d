package com.mandatewatch.api;

import com.mandatewatch.auth.Permission;
import com.mandatewatch.engine.Bus;
import com.mandatewatch.json.ExactJson;
import com.mandatewatch.json.Fields;
import com.mandatewatch.store.DisclosureStore;
import com.mandatewatch.store.ReferenceStore;
import io.vertx.core.Future;
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
    private final ReferenceStore reference;

    public DisclosureRoutes(DisclosureStore disclosures, ReferenceStore reference) {
        this.disclosures = disclosures;
        this.reference = reference;
    }

    public void mount(Router api) {
        api.get("/disclosures").handler(ctx -> {
            Caller.of(ctx).require(Permission.READ_DISCLOSURES);
            Api.query(ctx).throwIfAny();
            Api.reply(ctx, 200, disclosures.all().map(l -> Api.list(l, DisclosureStore.Filed::toJson)));
        });
        api.post("/disclosures").handler(this::file);
    }

    private void file(RoutingContext ctx) {
        Caller c = Caller.of(ctx).require(Permission.FILE_DISCLOSURES);
        Fields f = new Fields(ExactJson.object(ctx.body().asString()));
        String given = f.code("code", true);
        String code = given == null ? null : com.mandatewatch.domain.Security.canonical(given);
        BigDecimal ratio = f.decimal("ratio", true, BigDecimal.ZERO, BigDecimal.ONE);
        LocalDate filedOn = f.date("filedOn", true);
        // a filing is about a security the firm knows, and has happened (by the calendar on the wall: under the
        // feed clock business time may lag it by years, and a filing is a real-world act): it moves the next step's base.
        // These checks join the format errors, so that one 400 names every bad field.
        LocalDate today = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
        if (filedOn != null && filedOn.isAfter(today)) {
            f.error("filedOn", "不能晚于今天（" + today + "） / must not be after today (" + today + ")");
        }
        Future<Void> valid = reference.securities().map(known -> {
            if (code != null && known.stream().noneMatch(s -> s.code().equals(code))) {
                f.error("code", "未知证券 / no such security");
            }
            f.throwIfAny();
            return null;
        });
        Api.reply(ctx, 201, valid.compose(v -> disclosures.insert(code, ratio, filedOn, c.username()))
                .compose(filed -> ctx.vertx().eventBus().<JsonObject>request(Bus.DISCLOSURE_FILED,
                        new JsonObject().put("code", code).put("ratio", ratio.toPlainString())).map(m -> filed.toJson())));
    }
}
