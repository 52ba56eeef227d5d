package com.mandatewatch.api;

import com.mandatewatch.alerts.Alert;
import com.mandatewatch.auth.Role;
import com.mandatewatch.domain.Client;
import com.mandatewatch.domain.Rule;
import com.mandatewatch.domain.Severity;
import com.mandatewatch.engine.Bus;
import com.mandatewatch.json.ApiException;
import com.mandatewatch.json.AlertJson;
import com.mandatewatch.json.ExactJson;
import com.mandatewatch.json.Fields;
import com.mandatewatch.store.AlertStore;
import com.mandatewatch.store.ReferenceStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.List;

/** Alerts under /api/alerts: list with filters, one alert, acknowledge. A client manager sees own clients' alerts only. */
public final class AlertRoutes {
    private final AlertStore alerts;
    private final ReferenceStore reference;

    public AlertRoutes(AlertStore alerts, ReferenceStore reference) {
        this.alerts = alerts;
        this.reference = reference;
    }

    public void mount(Router api) {
        api.get("/alerts").handler(this::list);
        api.get("/alerts/:id").handler(this::get);
        api.post("/alerts/:id/ack").handler(this::ack);
    }

    private void list(RoutingContext ctx) {
        Caller c = Caller.of(ctx).person();
        var q = ctx.queryParams();
        String state = q.get("state") == null ? "open" : q.get("state");
        if (!state.equals("open") && !state.equals("all")) throw invalid("state", "open 或 all / open or all");
        String rule = q.get("rule");
        if (rule != null && !isEnum(Rule.class, rule)) throw invalid("rule", "未知规则 / unknown rule");
        String severity = q.get("severity");
        if (severity != null && !isEnum(Severity.class, severity)) throw invalid("severity", "WARNING 或 CRITICAL");
        int limit = intParam(q.get("limit"), 500, 1, 5000, "limit");
        int offset = intParam(q.get("offset"), 0, 0, Integer.MAX_VALUE, "offset");
        Api.reply(ctx, 200, visibleClients(c).compose(codes -> alerts.list(state.equals("open"), rule, q.get("account"),
                severity, codes, limit, offset)).map(l -> Api.list(l, AlertJson::toJson)));
    }

    private void get(RoutingContext ctx) {
        Caller c = Caller.of(ctx).person();
        long id = id(ctx);
        Api.reply(ctx, 200, visible(c, id).map(AlertJson::toJson));
    }

    private void ack(RoutingContext ctx) {
        Caller c = Caller.of(ctx).require(Role.CLIENT_MANAGER, Role.SALES_LEAD, Role.MARKETING_MANAGER, Role.COMPLIANCE,
                Role.OPS, Role.TRADING, Role.FINANCE);
        long id = id(ctx);
        String body = ctx.body().asString();
        Fields f = new Fields(body == null || body.isBlank() ? new JsonObject() : ExactJson.object(body));
        String comment = f.text("comment", false, 1000);
        f.throwIfAny();
        Api.reply(ctx, 200, visible(c, id).compose(a -> {
            if (!a.state().open()) return Future.failedFuture(new ApiException(409, "预警已解除 / alert already resolved"));
            return ctx.vertx().eventBus().<JsonObject>request(Bus.ACK, new JsonObject().put("id", id)
                    .put("user", c.username()).put("comment", comment)).map(m -> m.body());
        }));
    }

    private Future<Alert> visible(Caller c, long id) {
        return Future.all(alerts.byId(id), visibleClients(c)).map(all -> {
            java.util.Optional<Alert> a = all.resultAt(0);
            List<String> codes = all.resultAt(1);
            return a.filter(x -> codes == null || x.clientCode() != null && codes.contains(x.clientCode())).orElseThrow(() -> Api.notFound("alert " + id));
        });
    }

    /** null: every client; otherwise the codes of the caller's own clients. */
    private Future<List<String>> visibleClients(Caller c) {
        if (c.role().seesAllClients()) return Future.succeededFuture(null);
        return reference.clients().map(l -> l.stream().filter(cl -> c.username().equals(cl.manager())).map(Client::code).toList());
    }

    private static long id(RoutingContext ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw Api.notFound("alert " + ctx.pathParam("id"));
        }
    }

    private static int intParam(String v, int dflt, int min, int max, String name) {
        if (v == null) return dflt;
        try {
            int i = Integer.parseInt(v);
            if (i >= min && i <= max) return i;
        } catch (NumberFormatException ignored) {
            // falls through to the error
        }
        throw invalid(name, "必须是 " + min + "–" + max + " 的整数 / integer in [" + min + ", " + max + "]");
    }

    private static <E extends Enum<E>> boolean isEnum(Class<E> type, String v) {
        for (E e : type.getEnumConstants()) if (e.name().equals(v)) return true;
        return false;
    }

    private static ApiException invalid(String field, String message) {
        return new ApiException(400, "请求参数有误 / invalid query", List.of(new ApiException.FieldError(field, message)));
    }
}
