package com.mandatewatch.api;

import com.mandatewatch.alerts.Alert;
import com.mandatewatch.auth.Permission;
import com.mandatewatch.domain.Rule;
import com.mandatewatch.domain.Severity;
import com.mandatewatch.engine.Bus;
import com.mandatewatch.json.AlertJson;
import com.mandatewatch.json.ApiException;
import com.mandatewatch.json.ExactJson;
import com.mandatewatch.json.Fields;
import com.mandatewatch.store.AlertStore;
import com.mandatewatch.store.ReferenceStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.List;
import java.util.Set;

/** Alerts under /api/alerts: list with filters, one alert, acknowledge. A client manager sees own clients' alerts only. */
public final class AlertRoutes {
    private final AlertStore alerts;
    private final ReferenceStore reference;
    private final PeerForwarder peers;

    public AlertRoutes(AlertStore alerts, ReferenceStore reference, PeerForwarder peers) {
        this.peers = peers;
        this.alerts = alerts;
        this.reference = reference;
    }

    public void mount(Router api) {
        api.get("/alerts").handler(this::list);
        api.get("/alerts/:id").handler(this::get);
        api.post("/alerts/:id/ack").handler(this::ack);
    }

    private void list(RoutingContext ctx) {
        Caller c = Caller.of(ctx).require(Permission.READ_ALERTS);
        Fields q = Api.query(ctx, "state", "rule", "severity", "account", "limit", "offset");
        String state = q.has("state") ? q.text("state", false, 8) : "open";
        if (state != null && !state.equals("open") && !state.equals("all")) q.error("state", "open 或 all / open or all");
        Rule rule = q.enumValue("rule", Rule.class, false, null);
        Severity severity = q.enumValue("severity", Severity.class, false, null);
        String account = q.code("account", false);
        int limit = q.integer("limit", 500, 1, 5000);
        int offset = q.integer("offset", 0, 0, Integer.MAX_VALUE);
        q.throwIfAny();
        Set<Rule> rules = c.alertRules();
        if (rule != null && !rules.contains(rule)) {
            // a rule that does not concern the caller: nothing to see, as with a filter that matches nothing
            Api.json(ctx, 200, new JsonObject().put("items", new io.vertx.core.json.JsonArray()).put("total", 0));
            return;
        }
        // roles that read one rule only (trading, finance, operations) get it as the filter
        Rule only = rule != null ? rule : rules.size() == 1 ? rules.iterator().next() : null;
        Api.reply(ctx, 200, visibleClients(c).compose(codes -> ownAccount(codes, account).compose(v -> alerts.list(!"all".equals(state),
                only == null ? null : only.name(), account, severity == null ? null : severity.name(), codes, limit, offset)))
                .map(page -> Api.list(page.items(), AlertJson::toJson).put("total", page.total())));
    }

    private void get(RoutingContext ctx) {
        Caller c = Caller.of(ctx).require(Permission.READ_ALERTS);
        long id = id(ctx);
        Api.reply(ctx, 200, visible(c, id).map(AlertJson::toJson));
    }

    private void ack(RoutingContext ctx) {
        Caller c = Caller.of(ctx).require(Permission.ACK_ALERTS);
        long id = id(ctx);
        String body = ctx.body().asString();
        Fields f = new Fields(body == null || body.isBlank() ? new JsonObject() : ExactJson.object(body));
        f.onlyKnown("comment");
        String comment = f.text("comment", true, 1000); // an acknowledgement says how it is handled (SPEC §5)
        f.throwIfAny();
        // with several instances the alert may be another's: its engine acknowledges it (PeerForwarder)
        peers.reply(ctx, visible(c, id).compose(a -> {
            if (!a.state().open()) return Future.failedFuture(new ApiException(409, "预警已解除 / alert already resolved"));
            return ctx.vertx().eventBus().<JsonObject>request(Bus.ACK, new JsonObject().put("id", id)
                    .put("user", c.username()).put("comment", comment)).map(m -> m.body());
        }));
    }

    private Future<Alert> visible(Caller c, long id) {
        return Future.all(alerts.byId(id), visibleClients(c)).map(all -> {
            java.util.Optional<Alert> a = all.resultAt(0);
            List<String> codes = all.resultAt(1);
            Alert found = a.orElseThrow(() -> Api.notFound("alert " + id));
            boolean sees = c.alertRules().contains(found.rule())
                    && (codes == null || found.clientCode() != null && codes.contains(found.clientCode()));
            if (!sees) throw Denied.hidden("alert " + id);
            return found;
        });
    }

    /** A client manager's account filter must name an account of an own client: another's is an audited 404 (C42). */
    private Future<Void> ownAccount(List<String> ownClients, String account) {
        if (ownClients == null || account == null) return Future.succeededFuture();
        return reference.contracts().map(contracts -> {
            boolean own = contracts.stream().anyMatch(k -> k.account().equals(account) && ownClients.contains(k.clientCode()));
            if (!own) throw Denied.hidden("account " + account);
            return null;
        });
    }

    /** null: every client; otherwise the codes of the caller's own clients. */
    private Future<List<String>> visibleClients(Caller c) {
        return c.visibleClientCodes(reference).map(codes -> codes == null ? null : List.copyOf(codes));
    }

    private static long id(RoutingContext ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw Api.notFound("alert " + ctx.pathParam("id"));
        }
    }



}
