package com.mandatewatch.api;

import com.mandatewatch.auth.Role;
import com.mandatewatch.json.ApiException;
import io.vertx.ext.web.RoutingContext;

import java.util.Arrays;

/** The authenticated caller of a request, put on the routing context by {@link AuthHandler}. */
public record Caller(String username, Role role) {
    static final String KEY = "mw.caller";

    public static Caller of(RoutingContext ctx) {
        Caller c = ctx.get(KEY);
        if (c == null) throw new ApiException(401, "未登录 / not authenticated");
        return c;
    }

    /** Fails with 403 unless the caller has one of the roles (ADMIN always may). */
    public Caller require(Role... roles) {
        if (role == Role.ADMIN || Arrays.asList(roles).contains(role)) return this;
        throw new ApiException(403, "无权限 / forbidden for role " + role);
    }

    /** A client manager sees own clients only; every other person sees all (SPEC §1, C42). */
    public boolean sees(com.mandatewatch.domain.Client client) {
        return role.seesAllClients() || username.equals(client.manager());
    }

    /** The codes of the clients this caller may see, or null for all (then nothing is read). */
    public io.vertx.core.Future<java.util.Set<String>> visibleClientCodes(com.mandatewatch.store.ReferenceStore reference) {
        if (role.seesAllClients()) return io.vertx.core.Future.succeededFuture(null);
        return reference.clients().map(l -> java.util.Set.copyOf(l.stream().filter(this::sees)
                .map(com.mandatewatch.domain.Client::code).toList()));
    }

    /** Fails with 403 for feed producers, who may only post to the feed. */
    public Caller person() {
        if (role == Role.FEED) throw new ApiException(403, "数据源账号只能写入行情 / feed producers may only post to the feed");
        return this;
    }
}
