package com.mandatewatch.api;

import com.mandatewatch.auth.Permission;
import com.mandatewatch.auth.Role;
import com.mandatewatch.json.ApiException;
import io.vertx.ext.web.RoutingContext;


/** The authenticated caller of a request, put on the routing context by {@link AuthHandler}. */
public record Caller(String username, Role role, String stamp) {
    static final String KEY = "mw.caller";

    /** A caller whose credentials were checked as they came (a feed API token): no password stamp to compare. */
    public Caller(String username, Role role) {
        this(username, role, null);
    }

    public static Caller of(RoutingContext ctx) {
        Caller c = ctx.get(KEY);
        if (c == null) throw new ApiException(401, "未登录 / not authenticated");
        return c;
    }

    /** Fails with 403 unless the permission table lets the caller's role do this. */
    public Caller require(Permission p) {
        if (p.allows(role)) return this;
        throw new Denied(403, "无权限 / forbidden for role " + role);
    }

    /** The alert rules this caller reads (all, or those that concern the role). */
    public java.util.Set<com.mandatewatch.domain.Rule> alertRules() {
        return Permission.alertRules(role);
    }

    /** A client manager sees own clients only; every other person sees all (SPEC §1, C42). */
    public boolean sees(com.mandatewatch.domain.Client client) {
        return role.seesAllClients() || username.equals(client.manager());
    }

    /** The client of this code if the caller may see it: 404 when there is none, an audited 404 when it is another's. */
    public com.mandatewatch.domain.Client visible(java.util.Optional<com.mandatewatch.domain.Client> client, String code) {
        com.mandatewatch.domain.Client found = client.orElseThrow(() -> Api.notFound("client " + code));
        if (!sees(found)) throw Denied.hidden("client " + code);
        return found;
    }

    /** The codes of the clients this caller may see, or null for all (then nothing is read). */
    public io.vertx.core.Future<java.util.Set<String>> visibleClientCodes(com.mandatewatch.store.ReferenceStore reference) {
        if (role.seesAllClients()) return io.vertx.core.Future.succeededFuture(null);
        return reference.clients().map(l -> java.util.Set.copyOf(l.stream().filter(this::sees)
                .map(com.mandatewatch.domain.Client::code).toList()));
    }

    /** Fails with 403 for feed producers, who may only post to the feed. */
    public Caller person() {
        if (role == Role.FEED) throw new Denied(403, "数据源账号只能向数据接口写入数据 / feed producers may only post to the feed");
        return this;
    }
}
