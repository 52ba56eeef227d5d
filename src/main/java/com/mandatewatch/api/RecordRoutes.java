package com.mandatewatch.api;

import com.mandatewatch.auth.Permission;
import com.mandatewatch.auth.Role;
import com.mandatewatch.domain.Client;
import com.mandatewatch.domain.Contract;
import com.mandatewatch.engine.Bus;
import com.mandatewatch.json.ApiException;
import com.mandatewatch.json.ExactJson;
import com.mandatewatch.json.Fields;
import com.mandatewatch.store.AuditStore;
import com.mandatewatch.store.RecordStore.Entity;
import com.mandatewatch.store.RecordStore;
import com.mandatewatch.store.ReferenceStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The records workflow under /api (SPEC §7): sealing, pending changes to sealed records and their decision, and the
 * audit log. Saving drafts and requesting changes go through the ordinary PUTs in {@link ReferenceRoutes}.
 */
public final class RecordRoutes {
    private static final List<String> AUDIT_ENTITIES = List.of("client", "contract", "alert", "user", "assessment", "access");

    private final ReferenceStore reference;
    private final RecordStore records;
    private final AuditStore audit;
    private final PersonNames names;

    public RecordRoutes(ReferenceStore reference, RecordStore records, AuditStore audit, PersonNames names) {
        this.reference = reference;
        this.records = records;
        this.audit = audit;
        this.names = names;
    }

    public void mount(Router api) {
        api.post("/clients/:code/seal").handler(ctx -> seal(ctx, Entity.CLIENT));
        api.post("/contracts/:code/seal").handler(ctx -> seal(ctx, Entity.CONTRACT));
        api.get("/changes").handler(this::changes);
        api.post("/changes/:id/approve").handler(this::approve);
        api.post("/changes/:id/reject").handler(this::reject);
        api.get("/audit").handler(this::audit);
    }

    private void seal(RoutingContext ctx, Entity e) {
        Caller c = Caller.of(ctx).require(Permission.SEAL_RECORDS);
        Api.reply(ctx, 200, records.seal(e, ctx.pathParam("code"), c.username()).map(body -> {
            ctx.response().putHeader("ETag", Versions.etag(body.getInteger("version")));
            return body;
        }));
    }

    /** Supervisors (and ADMIN) see every change; a client manager sees the changes they asked for. */
    private void changes(RoutingContext ctx) {
        Caller c = Caller.of(ctx).require(Permission.READ_CHANGES);
        Fields q = Api.query(ctx, "status");
        String status = q.text("status", false, 16);
        if (status != null && !Set.of("PENDING", "APPROVED", "REJECTED").contains(status)) {
            q.error("status", com.mandatewatch.json.Fields.mustBeOneOf(List.of("PENDING", "APPROVED", "REJECTED")));
        }
        q.throwIfAny();
        String requester = c.role() == Role.CLIENT_MANAGER ? c.username() : null;
        Api.reply(ctx, 200, records.changes(status, requester).map(l -> Api.list(l, x -> x))
                .compose(list -> names.add(list, "requestedBy", "decidedBy")));
    }

    private void approve(RoutingContext ctx) {
        Caller c = approver(ctx);
        Api.reply(ctx, 200, records.approve(id(ctx), c.username()).map(change -> {
            // the engine reloads its directory, as after any other change of reference data
            ctx.vertx().eventBus().publish(Bus.REFERENCE_CHANGED, "changed");
            return change;
        }));
    }

    private void reject(RoutingContext ctx) {
        Caller c = approver(ctx);
        long id = id(ctx);
        Fields f = new Fields(ExactJson.object(ctx.body().asString()));
        String reason = f.text("reason", true, 1000);
        f.throwIfAny();
        Api.reply(ctx, 200, records.reject(id, c.username(), reason));
    }

    private static Caller approver(RoutingContext ctx) {
        Caller c = Caller.of(ctx);
        if (!Permission.DECIDE_CHANGES.allows(c.role())) throw new Denied(403, "只有销售组组长或市场部经理可以审批 / only SALES_LEAD or MARKETING_MANAGER decide changes");
        return c;
    }

    private static long id(RoutingContext ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw Api.notFound("change " + ctx.pathParam("id"));
        }
    }

    /**
     * Supervisors, COMPLIANCE and ADMIN read the whole log; a client manager reads only entries about own clients and
     * their contracts (C42), never alerts or users of others.
     */
    private void audit(RoutingContext ctx) {
        Caller c = Caller.of(ctx).require(Permission.READ_AUDIT);
        Fields q = Api.query(ctx, "entity", "code", "limit", "offset");
        String entity = q.text("entity", false, 16);
        if (entity != null && !AUDIT_ENTITIES.contains(entity)) q.error("entity", com.mandatewatch.json.Fields.mustBeOneOf(AUDIT_ENTITIES));
        String code = q.text("code", false, 64);
        int limit = q.integer("limit", 200, 1, 1000);
        int offset = q.integer("offset", 0, 0, Integer.MAX_VALUE);
        q.throwIfAny();
        Future<AuditStore.Page> entries = c.role() != Role.CLIENT_MANAGER ? audit.list(entity, code, limit, offset)
                : Future.all(reference.clients(), reference.contracts()).compose(all -> {
                    Set<String> ownClients = new HashSet<>();
                    for (Client cl : all.<List<Client>>resultAt(0)) if (c.sees(cl)) ownClients.add(cl.code());
                    List<String> ownContracts = new java.util.ArrayList<>();
                    for (Contract k : all.<List<Contract>>resultAt(1)) if (ownClients.contains(k.clientCode())) ownContracts.add(k.code());
                    if (code != null && (entity == null || entity.equals("client") || entity.equals("contract"))
                            && !ownClients.contains(code) && !ownContracts.contains(code)) {
                        // asking for another manager's client or contract by code: an audited 404, as reading it (C42)
                        throw Denied.hidden(entity == null ? code : entity + " " + code);
                    }
                    return audit.listOwn(entity, code, limit, offset, List.copyOf(ownClients), ownContracts);
                });
        Api.reply(ctx, 200, entries.map(p -> Api.list(p.items(), x -> x).put("total", p.total())));
    }
}
