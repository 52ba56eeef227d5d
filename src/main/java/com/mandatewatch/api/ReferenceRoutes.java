package com.mandatewatch.api;

import com.mandatewatch.auth.Permission;
import com.mandatewatch.auth.Role;
import com.mandatewatch.domain.Client;
import com.mandatewatch.domain.Contract;
import com.mandatewatch.domain.Security;
import com.mandatewatch.engine.Bus;
import com.mandatewatch.json.ApiException;
import com.mandatewatch.json.DomainJson;
import com.mandatewatch.json.ExactJson;
import com.mandatewatch.json.Fields;
import com.mandatewatch.store.RecordStore.Entity;
import com.mandatewatch.store.RecordStore;
import com.mandatewatch.store.ReferenceStore;
import com.mandatewatch.store.UserStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.List;

/**
 * Clients, contracts and securities under /api (the lists, with their filters, are ClientQueryRoutes). A client manager sees and edits only own clients and
 * their contracts (C42); other people read all. Every change tells the engine to reload its directory.
 */
public final class ReferenceRoutes {
    private final ReferenceStore store;
    /** Versioned, audited saves: a sealed record is never changed by a PUT, which makes a pending change instead. */
    private final RecordStore records;
    /** Adds computed, read-only fields (the classification, see ReportRoutes) to a client body or client list. */
    private final java.util.function.Function<JsonObject, Future<JsonObject>> computed;

    /** Who may be named a client's manager. */
    private final UserStore users;

    public ReferenceRoutes(ReferenceStore store, RecordStore records, UserStore users,
                           java.util.function.Function<JsonObject, Future<JsonObject>> computed) {
        this.store = store;
        this.records = records;
        this.users = users;
        this.computed = computed;
    }

    public void mount(Router api) {
        api.post("/clients").handler(this::createClient);
        api.get("/clients/:code").handler(this::getClient);
        api.put("/clients/:code").handler(this::updateClient);
        api.delete("/clients/:code").handler(this::deleteClient);
        api.post("/contracts").handler(this::createContract);
        api.get("/contracts/:code").handler(this::getContract);
        api.put("/contracts/:code").handler(this::updateContract);
        api.get("/securities").handler(ctx -> {
            Caller.of(ctx).require(Permission.READ_SECURITIES);
            Api.query(ctx).throwIfAny();
            Api.reply(ctx, 200, store.securities().map(l -> Api.list(l, DomainJson::security)));
        });
        api.get("/securities/:code").handler(ctx -> {
            Caller.of(ctx).require(Permission.READ_SECURITIES);
            String code = Security.canonical(ctx.pathParam("code"));
            Api.reply(ctx, 200, store.securities().map(l -> l.stream().filter(s -> s.code().equals(code)).findFirst()
                    .map(DomainJson::security).orElseThrow(() -> Api.notFound("security " + code))));
        });
    }

    // ---- clients

    private void getClient(RoutingContext ctx) {
        Caller c = Caller.of(ctx).require(Permission.READ_RECORDS);
        String code = ctx.pathParam("code");
        Api.reply(ctx, 200, ownClient(c, code).compose(cl -> versioned(ctx, Entity.CLIENT, code)).compose(computed));
    }

    private void createClient(RoutingContext ctx) {
        Caller c = Caller.of(ctx).require(Permission.EDIT_RECORDS);
        Fields f = new Fields(ExactJson.object(ctx.body().asString()));
        Client client = DomainJson.client(f, null);
        // a client manager creates clients for themself only
        if (c.role() == Role.CLIENT_MANAGER && client.manager() != null && !client.manager().equals(c.username())) {
            throw new Denied(403, "客户经理只能为自己建客户 / a client manager creates own clients only");
        }
        Client stored = c.role() == Role.CLIENT_MANAGER && client.manager() == null
                ? new Client(client.code(), client.name(), client.nature(), c.username(), client.stage(), client.status()) : client;
        Api.reply(ctx, 201, manager(f, stored.manager()).compose(v -> valid(f))
                .compose(v -> records.create(Entity.CLIENT, DomainJson.client(stored), c.username()))
                .compose(ok -> conflictUnless(ok, "client " + stored.code()))
                .map(v -> changed(ctx, DomainJson.client(stored).put("version", 1))).compose(computed));
    }

    private void updateClient(RoutingContext ctx) {
        Caller c = Caller.of(ctx).require(Permission.EDIT_RECORDS);
        String code = ctx.pathParam("code");
        JsonObject body = ExactJson.object(ctx.body().asString());
        Fields f = new Fields(body);
        Client client = DomainJson.client(f, code);
        Integer expected = Versions.expected(ctx, body);
        // as on creation: a client manager cannot hand a client to someone else (a supervisor reassigns)
        if (c.role() == Role.CLIENT_MANAGER && client.manager() != null && !client.manager().equals(c.username())) {
            throw new Denied(403, "客户经理不能把客户转给他人，请由主管调整 / a client manager cannot reassign a client; a supervisor does");
        }
        // the new body is built from the row as locked in the save's transaction, not from an earlier read
        saved(ctx, Entity.CLIENT, ownClient(c, code).compose(before -> manager(f, client.manager())).compose(v -> valid(f))
                .compose(v -> records.save(Entity.CLIENT, code, expected, c.username(),
                current -> DomainJson.client(new Client(code, client.name(), client.nature(),
                        client.manager() == null ? current.getString("manager") : client.manager(), client.stage(),
                        com.mandatewatch.domain.RecordStatus.valueOf(current.getString("status")))))));
    }

    /** 204 when a draft entered by mistake is gone; see {@link RecordStore#deleteDraftClient} for what is kept. */
    private void deleteClient(RoutingContext ctx) {
        Caller c = Caller.of(ctx).require(Permission.EDIT_RECORDS);
        String code = ctx.pathParam("code");
        ownClient(c, code).compose(cl -> records.deleteDraftClient(code, c.username())).onComplete(ar -> {
            if (ar.failed()) {
                ctx.fail(ar.cause());
                return;
            }
            changed(ctx, new JsonObject());
            ctx.response().setStatusCode(204).end();
        });
    }

    // ---- contracts

    private void getContract(RoutingContext ctx) {
        Caller c = Caller.of(ctx).require(Permission.READ_RECORDS);
        String code = ctx.pathParam("code");
        Api.reply(ctx, 200, ownContract(c, code).compose(k -> versioned(ctx, Entity.CONTRACT, code)));
    }

    private void createContract(RoutingContext ctx) {
        Caller c = Caller.of(ctx).require(Permission.EDIT_RECORDS);
        Fields f = new Fields(ExactJson.object(ctx.body().asString()));
        Contract k = DomainJson.contract(f, null);
        Api.reply(ctx, 201, clientOf(c, f, k.clientCode()).compose(v -> tradingManager(f, k.tradingManager())).compose(v -> valid(f))
                .compose(v -> accountFree(k))
                .compose(v -> records.create(Entity.CONTRACT, DomainJson.contract(k), c.username()))
                .compose(ok -> conflictUnless(ok, "contract " + k.code()))
                .map(v -> changed(ctx, DomainJson.contract(k).put("version", 1))));
    }

    /** A contract's client must exist and be the caller's to see: otherwise {@code clientCode} joins the one 400. */
    private Future<Void> clientOf(Caller c, Fields f, String clientCode) {
        if (clientCode == null) return Future.succeededFuture();
        return ownClient(c, clientCode).<Void>mapEmpty().recover(e -> {
            if (!(e instanceof ApiException a && a.status() == 404)) return Future.failedFuture(e);
            f.error("clientCode", "客户不存在 / no such client");
            return Future.succeededFuture();
        });
    }

    private void updateContract(RoutingContext ctx) {
        Caller c = Caller.of(ctx).require(Permission.EDIT_RECORDS);
        String code = ctx.pathParam("code");
        JsonObject body = ExactJson.object(ctx.body().asString());
        Fields f = new Fields(body);
        Contract k = DomainJson.contract(f, code);
        Integer expected = Versions.expected(ctx, body);
        saved(ctx, Entity.CONTRACT, ownContract(c, code).compose(before -> clientOf(c, f, k.clientCode()))
                .compose(v -> tradingManager(f, k.tradingManager())).compose(v -> valid(f)).compose(v -> accountFree(k))
                .compose(v -> records.save(Entity.CONTRACT, code, expected, c.username(),
                        current -> DomainJson.contract(k).put("recordStatus", current.getString("recordStatus")))));
    }

    // ---- versions (C38)

    /** The record with its version, and the version as ETag so that a client can send it back as If-Match. */
    private Future<JsonObject> versioned(RoutingContext ctx, Entity e, String code) {
        return records.current(e, code).map(o -> {
            JsonObject body = o.orElseThrow(() -> Api.notFound(e.name + " " + code));
            ctx.response().putHeader("ETag", Versions.etag(body.getInteger("version")));
            return body;
        });
    }

    /** 200 with the saved draft (the engine reloads), or 202 with the pending change to a sealed record. */
    private void saved(RoutingContext ctx, Entity e, Future<RecordStore.Outcome> outcome) {
        outcome.compose(o -> {
            if (o.status() == 200) {
                ctx.response().putHeader("ETag", Versions.etag(o.body().getInteger("version")));
                changed(ctx, o.body());
                return (e == Entity.CLIENT ? computed.apply(o.body()) : Future.succeededFuture(o.body()))
                        .map(b -> new RecordStore.Outcome(200, b));
            }
            return Future.succeededFuture(o);
        }).onComplete(ar -> {
            if (ar.succeeded()) Api.json(ctx, ar.result().status(), ar.result().body());
            else ctx.fail(ar.cause());
        });
    }

    /** A client's manager is a client manager: alerts, reports and assessments go to them by that role (SPEC §1). */
    private Future<Void> manager(Fields f, String username) {
        return person(f, "manager", username, Role.CLIENT_MANAGER, "客户经理");
    }

    /** A contract's trading manager is on the trading desk: maturity notices for the funding plan go to them (SPEC §4). */
    private Future<Void> tradingManager(Fields f, String username) {
        return person(f, "tradingManager", username, Role.TRADING, "交易部人员");
    }

    /** A named person (optional) is an existing user of this role; otherwise an error on the field, beside the others. */
    private Future<Void> person(Fields f, String field, String username, Role role, String roleZh) {
        if (username == null) return Future.succeededFuture();
        return users.find(username).map(u -> {
            if (u.isEmpty()) f.error(field, "用户 " + username + " 不存在 / no such user");
            else if (u.get().role() != role) f.error(field, username + " 不是" + roleZh + " / must be a " + role + ", not " + u.get().role());
            return null;
        });
    }

    /** One 400 naming every bad field, those of the body and those only the database could tell. */
    private static Future<Void> valid(Fields f) {
        f.throwIfAny();
        return Future.succeededFuture();
    }

    // ---- access

    /** The client if the caller may see it; another manager's client is 404, as if it did not exist (C42). */
    private Future<Client> ownClient(Caller c, String code) {
        return store.client(code).map(o -> c.visible(o, code));
    }

    private Future<Contract> ownContract(Caller c, String code) {
        return store.contract(code).compose(o -> o.isEmpty() ? Future.failedFuture(Api.notFound("contract " + code))
                : ownClient(c, o.get().clientCode()).map(cl -> o.get())
                // another's contract is hidden under its own code: the answer must not name the client it belongs to
                .recover(e -> Future.failedFuture(e instanceof Denied ? Denied.hidden("contract " + code) : e)));
    }

    /**
     * An account belongs to one client: the engine takes an account's client from its contracts, so a contract of
     * another client on it would take over that client's alerts, e-mail and account view (C42).
     */
    private Future<Void> accountFree(Contract k) {
        return store.contracts().compose(all -> all.stream().noneMatch(o -> o.account().equals(k.account())
                && !o.clientCode().equals(k.clientCode()) && !o.code().equals(k.code())) ? Future.succeededFuture()
                : Future.failedFuture(new ApiException(409, "账户已属于其他客户 / account belongs to another client",
                List.of(new ApiException.FieldError("account", "该账户已用于其他客户的合同 / used by another client's contract")))));
    }

    private static Future<Void> conflictUnless(boolean ok, String what) {
        return ok ? Future.succeededFuture() : Future.failedFuture(new ApiException(409, "已存在 / already exists: " + what));
    }

    private static JsonObject changed(RoutingContext ctx, JsonObject body) {
        ctx.vertx().eventBus().publish(Bus.REFERENCE_CHANGED, "changed");
        return body;
    }
}
