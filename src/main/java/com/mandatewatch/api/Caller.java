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

    /** Fails with 403 for feed producers, who may only post to the feed. */
    public Caller person() {
        if (role == Role.FEED) throw new ApiException(403, "数据源账号只能写入行情 / feed producers may only post to the feed");
        return this;
    }
}
