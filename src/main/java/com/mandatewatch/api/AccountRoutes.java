package com.mandatewatch.api;

import com.mandatewatch.auth.Permission;
import com.mandatewatch.domain.Client;
import com.mandatewatch.engine.Bus;
import com.mandatewatch.store.ReferenceStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** GET /api/accounts/{account}: positions, prices, weights against limits, return and NAV, from the engine that owns the account. */
public final class AccountRoutes {
    private final ReferenceStore reference;
    private final PeerForwarder peers;

    public AccountRoutes(ReferenceStore reference, PeerForwarder peers) {
        this.reference = reference;
        this.peers = peers;
    }

    public void mount(Router api) {
        api.get("/accounts/:account").handler(this::get);
    }

    private void get(RoutingContext ctx) {
        Caller c = Caller.of(ctx).require(Permission.READ_ACCOUNTS);
        String account = ctx.pathParam("account");
        Future<Void> allowed = c.role().seesAllClients() ? Future.succeededFuture()
                : Future.all(reference.contracts(), reference.clients()).compose(all -> {
                    java.util.List<com.mandatewatch.domain.Contract> contracts = all.resultAt(0);
                    java.util.List<Client> clients = all.resultAt(1);
                    boolean own = contracts.stream().filter(k -> k.account().equals(account)).anyMatch(k ->
                            clients.stream().anyMatch(cl -> cl.code().equals(k.clientCode()) && c.sees(cl)));
                    boolean known = contracts.stream().anyMatch(k -> k.account().equals(account));
                    return own ? Future.succeededFuture() : Future.failedFuture(known ? Denied.hidden("account " + account)
                            : Api.notFound("account " + account));
                });
        peers.reply(ctx, allowed.compose(v -> ctx.vertx().eventBus().<JsonObject>request(Bus.ACCOUNT, account))
                .map(m -> forRole(c, m.body())));
    }

    /**
     * Operations read positions and weights, not the client's records: of the contract they get what the weights
     * are judged against (limits, band), not the amount, dates, return target or names (README "Roles").
     */
    private static JsonObject forRole(Caller c, JsonObject view) {
        if (Permission.READ_RECORDS.allows(c.role())) return view;
        JsonObject out = view.copy();
        out.remove("clientName");
        JsonObject contract = view.getJsonObject("contract");
        out.put("contract", contract == null ? null : new JsonObject().put("limits", contract.getValue("limits"))
                .put("returnBand", contract.getValue("returnBand")).put("excluded", contract.getValue("excluded")));
        return out;
    }
}
