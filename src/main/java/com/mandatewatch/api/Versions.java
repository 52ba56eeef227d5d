package com.mandatewatch.api;

import com.mandatewatch.json.ApiException;
import com.mandatewatch.json.Fields;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.List;

/** Optimistic concurrency (C38): the version a caller edited, from If-Match or from a version field in the body. */
final class Versions {
    private Versions() {
    }

    static String etag(int version) { return "\"" + version + "\""; }

    /** The expected version, or null when the caller sent none (a plain save, as before versions existed). */
    static Integer expected(RoutingContext ctx, JsonObject body) {
        String ifMatch = ctx.request().getHeader("If-Match");
        if (ifMatch != null && !ifMatch.isBlank() && !ifMatch.strip().equals("*")) {
            String tag = ifMatch.strip();
            if (tag.startsWith("W/")) tag = tag.substring(2);
            tag = tag.replace("\"", "");
            try {
                return Integer.parseInt(tag);
            } catch (NumberFormatException e) {
                throw new ApiException(400, "请求内容有误 / invalid request",
                        List.of(new ApiException.FieldError("If-Match", "必须是 GET 返回的 ETag / must be the ETag a GET returned")));
            }
        }
        Fields f = new Fields(body);
        if (!f.has("version")) return null;
        Integer v = f.integer("version", 0, 1, Integer.MAX_VALUE);
        f.throwIfAny();
        return v;
    }
}
