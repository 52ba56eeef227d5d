package com.mandatewatch.api;

import com.mandatewatch.auth.ApiTokens;
import com.mandatewatch.auth.Passwords;
import com.mandatewatch.auth.Permission;
import com.mandatewatch.auth.Role;
import com.mandatewatch.auth.User;
import com.mandatewatch.engine.Bus;
import com.mandatewatch.json.ApiException;
import com.mandatewatch.json.ExactJson;
import com.mandatewatch.json.Fields;
import com.mandatewatch.store.ApiTokenStore;
import com.mandatewatch.store.UserStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.regex.Pattern;

/** Users under /api/users: the administrator manages them; everyone may read their own. */
public final class UserRoutes {
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,190}\\.[^@\\s]{1,63}");
    private static final int MIN_PASSWORD = 10;
    private final UserStore users;
    private final ApiTokenStore apiTokens;

    public UserRoutes(UserStore users, ApiTokenStore apiTokens) {
        this.users = users;
        this.apiTokens = apiTokens;
    }

    public void mount(Router api) {
        api.get("/users").handler(ctx -> {
            Caller.of(ctx).require(Permission.MANAGE_USERS);
            Api.query(ctx).throwIfAny();
            Api.reply(ctx, 200, users.all().map(l -> Api.list(l, UserRoutes::json)));
        });
        api.post("/users").handler(this::create);
        // who is who, for every signed-in person: the page shows 陈晓东 where the records keep lead1 (acknowledged by,
        // recorded by, the audit's actor); names and roles only, never e-mail addresses
        api.get("/people").handler(ctx -> {
            Caller.of(ctx);
            Api.query(ctx).throwIfAny();
            Api.reply(ctx, 200, users.all().map(l -> Api.list(l, u -> new JsonObject().put("username", u.username())
                    .put("name", u.name()).put("role", u.role().name()))));
        });
        api.get("/users/:username").handler(ctx -> {
            Caller c = Caller.of(ctx);
            String name = ctx.pathParam("username");
            if (!name.equals(c.username())) c.require(Permission.MANAGE_USERS);
            Api.reply(ctx, 200, users.find(name).map(o -> json(o.orElseThrow(() -> Api.notFound("user " + name)))));
        });
        api.put("/users/:username").handler(this::update);
        api.get("/users/:username/tokens").handler(ctx -> {
            Caller.of(ctx).require(Permission.MANAGE_USERS);
            Api.query(ctx).throwIfAny();
            String name = ctx.pathParam("username");
            Api.reply(ctx, 200, users.find(name).compose(o -> o.isEmpty() ? Future.failedFuture(Api.notFound("user " + name))
                    : apiTokens.list(name)).map(l -> Api.list(l, j -> j)));
        });
        api.post("/users/:username/tokens").handler(this::issueToken);
        api.delete("/users/:username/tokens/:id").handler(ctx -> {
            Caller.of(ctx).require(Permission.MANAGE_USERS);
            String name = ctx.pathParam("username");
            long id;
            try {
                id = Long.parseLong(ctx.pathParam("id"));
            } catch (NumberFormatException e) {
                throw Api.notFound("token " + ctx.pathParam("id"));
            }
            apiTokens.revoke(name, id).onComplete(ar -> {
                if (ar.failed()) ctx.fail(ar.cause());
                else if (!ar.result()) ctx.fail(Api.notFound("token " + id + " of " + name));
                else ctx.response().setStatusCode(204).end();
            });
        });
    }

    /**
     * POST /api/users/{username}/tokens (ADMIN): a new API token for a FEED user, answered once with its id; only its
     * SHA-256 is stored, so a lost token is revoked and replaced, never shown again.
     */
    private void issueToken(RoutingContext ctx) {
        Caller admin = Caller.of(ctx).require(Permission.MANAGE_USERS);
        String name = ctx.pathParam("username");
        String token = ApiTokens.generate();
        Api.reply(ctx, 201, users.find(name).compose(o -> {
            if (o.isEmpty()) return Future.failedFuture(Api.notFound("user " + name));
            if (o.get().role() != Role.FEED) return Future.failedFuture(new ApiException(409,
                    "只有数据源账号 (FEED) 可以持有 API 令牌 / only FEED users get API tokens"));
            return apiTokens.insert(name, ApiTokens.hash(token), admin.username());
        }).map(j -> j.put("token", token)));
    }

    private void create(RoutingContext ctx) {
        Caller admin = Caller.of(ctx).require(Permission.MANAGE_USERS);
        Fields f = new Fields(ExactJson.object(ctx.body().asString()));
        User u = read(f, null);
        String password = password(f, true);
        f.throwIfAny();
        Api.reply(ctx, 201, ctx.vertx().executeBlocking(() -> Passwords.hash(password))
                .compose(hash -> users.insert(u, hash, admin.username()))
                .compose(ok -> ok ? Future.succeededFuture(json(u)) : Future.failedFuture(new ApiException(409, "用户已存在 / user exists: " + u.username())))
                .map(j -> changed(ctx, j)));
    }

    private void update(RoutingContext ctx) {
        Caller admin = Caller.of(ctx).require(Permission.MANAGE_USERS);
        String name = ctx.pathParam("username");
        Fields f = new Fields(ExactJson.object(ctx.body().asString()));
        User u = read(f, name);
        String password = password(f, false);
        f.throwIfAny();
        Api.reply(ctx, 200, (password == null ? Future.<String>succeededFuture(null) : ctx.vertx().executeBlocking(() -> Passwords.hash(password)))
                .compose(hash -> users.update(u, hash, admin.username()))
                .compose(outcome -> switch (outcome) {
                    case UPDATED -> Future.succeededFuture(json(u));
                    case NOT_FOUND -> Future.<JsonObject>failedFuture(Api.notFound("user " + name));
                    case LAST_ADMIN -> Future.<JsonObject>failedFuture(new ApiException(409,
                            "不能停用或降级最后一位有效的管理员 / cannot deactivate or demote the last active administrator"));
                })
                .map(j -> changed(ctx, j)));
    }

    private static User read(Fields f, String pathName) {
        // a misspelt "emial" would leave the person without alert mail: named, never dropped (as GET answers, plus password)
        f.onlyKnown("username", "name", "role", "email", "active", "password");
        if (pathName != null && f.has("username") && !pathName.equals(f.rawValue("username"))) {
            f.error("username", "与地址中的用户名不一致，用户名不能修改 / must match the path: a username cannot change");
        }
        String username = pathName != null ? pathName : f.code("username", true);
        String name = f.text("name", true, 100);
        Role role = f.enumValue("role", Role.class, true, null);
        String email = f.text("email", false, 254);
        if (email != null && !EMAIL.matcher(email).matches()) f.error("email", "邮箱格式无效 / not a valid e-mail address");
        Object activeValue = f.has("active") ? f.rawValue("active") : null;
        // "yes" or "false" as text would otherwise count as true and keep a person signed in who was meant to leave
        if (activeValue != null && !(activeValue instanceof Boolean)) f.error("active", "必须是 true 或 false / must be true or false");
        boolean active = !Boolean.FALSE.equals(activeValue);
        return new User(username, name, role, email, active);
    }

    private static String password(Fields f, boolean required) {
        String p = f.text("password", required, 256);
        if (p != null && p.length() < MIN_PASSWORD) f.error("password", "至少 " + MIN_PASSWORD + " 个字符 / at least " + MIN_PASSWORD + " characters");
        return p;
    }

    static JsonObject json(User u) {
        return new JsonObject().put("username", u.username()).put("name", u.name()).put("role", u.role().name())
                .put("email", u.email()).put("active", u.active());
    }

    private static JsonObject changed(RoutingContext ctx, JsonObject body) {
        ctx.vertx().eventBus().publish(Bus.REFERENCE_CHANGED, "users");
        return body;
    }
}
