package com.mandatewatch.api;

import com.mandatewatch.json.ApiException;
import io.vertx.ext.web.RoutingContext;

import java.util.List;

/** ?limit=&offset= of a paged list, validated: a bad value is a 400 naming the parameter, never a 500. */
record Paging(int limit, int offset) {
    static Paging of(RoutingContext ctx, int defaultLimit, int maxLimit) {
        return new Paging(param(ctx, "limit", defaultLimit, 1, maxLimit), param(ctx, "offset", 0, 0, Integer.MAX_VALUE));
    }

    private static int param(RoutingContext ctx, String name, int dflt, int min, int max) {
        String v = ctx.queryParams().get(name);
        if (v == null) return dflt;
        try {
            int i = Integer.parseInt(v);
            if (i >= min && i <= max) return i;
        } catch (NumberFormatException ignored) {
            // falls through to the error
        }
        throw new ApiException(400, "请求参数有误 / invalid query", List.of(new ApiException.FieldError(name,
                "必须是 " + min + "–" + max + " 的整数 / integer in [" + min + ", " + max + "]")));
    }
}
