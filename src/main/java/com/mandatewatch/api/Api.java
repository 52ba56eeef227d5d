package com.mandatewatch.api;

import com.mandatewatch.engine.Bus;
import com.mandatewatch.json.ApiException;
import io.vertx.core.Future;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.pgclient.PgException;

import java.util.List;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Small helpers every route uses: JSON answers, list answers, and the one error renderer (SPEC §7). */
public final class Api {
    private static final Logger LOG = Logger.getLogger(Api.class.getName());

    private Api() {
    }

    /**
     * The query of a list read as fields, each parameter not in {@code known} already an error: a misspelt filter
     * would otherwise be ignored and the whole list answered as if it matched.
     */
    static com.mandatewatch.json.Fields query(RoutingContext ctx, String... known) {
        JsonObject q = new JsonObject();
        ctx.queryParams().names().forEach(n -> q.put(n, ctx.queryParams().get(n)));
        com.mandatewatch.json.Fields f = new com.mandatewatch.json.Fields(q);
        java.util.Set<String> allowed = java.util.Set.of(known);
        queryErrors(ctx.queryParams(), allowed::contains).forEach(e -> f.error(e.field(), e.message()));
        return f;
    }

    /**
     * Each parameter that is not known, or given twice ("?from=2025-01&from=2025-06" would be read as the first and
     * the second ignored): one error each, in name order.
     */
    static List<ApiException.FieldError> queryErrors(io.vertx.core.MultiMap params, java.util.function.Predicate<String> known) {
        List<ApiException.FieldError> errors = new java.util.ArrayList<>();
        for (String n : new java.util.TreeSet<>(params.names())) {
            if (!known.test(n)) errors.add(new ApiException.FieldError(n, "未知参数 / unknown parameter"));
            else if (params.getAll(n).size() > 1) errors.add(new ApiException.FieldError(n, "只能出现一次 / given more than once"));
        }
        return errors;
    }

    public static void json(RoutingContext ctx, int status, Object body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader("Cache-Control", "no-store")
                .end(body instanceof JsonObject o ? o.encode() : body instanceof JsonArray a ? a.encode() : String.valueOf(body));
    }

    public static <T> JsonObject list(List<T> items, Function<T, JsonObject> f) {
        JsonArray a = new JsonArray();
        items.forEach(i -> a.add(f.apply(i)));
        return new JsonObject().put("items", a).put("total", items.size());
    }

    /** Answers the future's JSON with the status, or renders its failure. */
    public static void reply(RoutingContext ctx, int status, Future<?> f) {
        f.onComplete(ar -> {
            if (ar.succeeded()) json(ctx, status, ar.result());
            else ctx.fail(ar.cause());
        });
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, ApiException.notFoundMessage(what));
    }

    /** The failure handler: every error becomes {"error","details"}; no stack trace reaches a user. */
    public static void renderFailure(RoutingContext ctx) {
        Throwable t = ctx.failure();
        ApiException e;
        if (t instanceof ApiException a) e = a;
        else if (t instanceof PgException pg && "23505".equals(pg.getSqlState())) e = new ApiException(409, "已存在 / already exists");
        else if (t instanceof PgException pg && "23503".equals(pg.getSqlState())) e = new ApiException(400, "引用的记录不存在 / referenced record does not exist",
                referencingField(pg));
        else if (t instanceof ReplyException r && r.failureCode() == 404) e = new ApiException(404, r.getMessage());
        else if (t instanceof ReplyException || t instanceof io.vertx.core.impl.NoStackTraceTimeoutException) e = new ApiException(503, "服务繁忙，请稍后重试 / busy, retry later");
        else if (t == null) e = new ApiException(ctx.statusCode() > 0 ? ctx.statusCode() : 500, statusText(ctx.statusCode()));
        // Vert.x Web's own refusals (a broken query escape, a body over the limit) keep their 4xx status
        else if (t instanceof io.vertx.ext.web.handler.HttpException h && h.getStatusCode() >= 400 && h.getStatusCode() < 500)
            e = new ApiException(h.getStatusCode(), statusText(h.getStatusCode()));
        else {
            LOG.log(Level.WARNING, "request failed: " + ctx.request().method() + " " + ctx.request().path(), t);
            e = unavailable(t) ? new ApiException(503, "数据库暂不可用，请稍后重试 / database unavailable, retry later")
                    : new ApiException(500, "内部错误 / internal error");
        }
        if (ctx.response().ended()) return;
        if (e instanceof Denied) deniedAccess(ctx, ctx.get(Caller.KEY), e.status());
        json(ctx, e.status(), e.toJson());
    }

    private static final java.util.regex.Pattern TOKEN_PARAM = java.util.regex.Pattern.compile("(^|&)token=[^&]*");

    /**
     * Tells the audit log (through {@link Bus#ACCESS_DENIED}) that a signed-in caller was refused: a role without the
     * permission, or another manager's record (C42). Sent, not awaited: the answer never waits for the log.
     */
    static void deniedAccess(RoutingContext ctx, Caller caller, int status) {
        if (caller == null) return;
        // the query is part of what was asked (a list filtered on another manager's client is such a probe), but never
        // the WebSocket's sign-in token
        String query = ctx.request().query() == null ? "" : TOKEN_PARAM.matcher(ctx.request().query()).replaceAll("").replaceAll("^&", "");
        String path = ctx.request().path() + (query.isEmpty() ? "" : "?" + query);
        ctx.vertx().eventBus().send(Bus.ACCESS_DENIED, new JsonObject().put("actor", caller.username())
                .put("path", path.length() > 200 ? path.substring(0, 200) : path)
                .put("detail", ctx.request().method().name() + " " + path + " → " + status + " (" + caller.role() + ")"));
    }

    private static final java.util.regex.Pattern FK_KEY = java.util.regex.Pattern.compile("Key \\(([a-z_]+)\\)=");

    /**
     * The request field a foreign-key violation is about (e.g. a client's unknown manager), so that a 400 names it
     * like every other validation error; PostgreSQL puts the column in the detail "Key (manager)=(x) is not present".
     */
    private static List<ApiException.FieldError> referencingField(PgException pg) {
        java.util.regex.Matcher m = FK_KEY.matcher(String.valueOf(pg.getDetail()));
        if (!m.find()) return List.of();
        StringBuilder field = new StringBuilder();
        for (String part : m.group(1).split("_")) {
            field.append(field.length() == 0 ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
        }
        return List.of(new ApiException.FieldError(field.toString(), "引用的记录不存在 / no such record"));
    }

    /** A database or connection that is down is a passing condition (503, retry), not a bug (500). */
    private static boolean unavailable(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof PgException || c instanceof io.vertx.core.VertxException || c instanceof java.net.ConnectException
                    || c instanceof java.io.IOException || c instanceof io.vertx.sqlclient.ClosedConnectionException
                    || c instanceof java.util.concurrent.TimeoutException) return true;
        }
        return false;
    }

    private static String statusText(int status) {
        return switch (status) {
            case 400 -> "请求格式无效 / bad request";
            case 404 -> "未找到 / not found";
            case 405 -> "不支持的方法 / method not allowed";
            case 413 -> "请求体过大 / request body too large";
            case 415 -> "不支持的内容类型 / unsupported media type";
            default -> "请求失败 / request failed";
        };
    }
}
