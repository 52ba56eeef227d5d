package com.mandatewatch.api;

import com.mandatewatch.auth.Passwords;
import com.mandatewatch.auth.Tokens;
import com.mandatewatch.json.ApiException;
import com.mandatewatch.json.ExactJson;
import com.mandatewatch.json.Fields;
import com.mandatewatch.store.UserStore;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.Optional;

/** Login, and the bearer-token check in front of every API route and the WebSocket. */
public final class AuthHandler {
    private final Tokens tokens;
    private final UserStore users;

    public AuthHandler(Tokens tokens, UserStore users) {
        this.tokens = tokens;
        this.users = users;
    }

    /** POST /api/auth/login {"username","password"} → {"token","username","role","name"}. */
    public void login(RoutingContext ctx) {
        Fields f = new Fields(ExactJson.object(ctx.body().asString()));
        String username = f.text("username", true, 64);
        String password = f.text("password", true, 256);
        f.throwIfAny();
        users.credentials(username).onComplete(ar -> {
            if (ar.failed()) {
                ctx.fail(ar.cause());
                return;
            }
            Optional<UserStore.Credentials> c = ar.result();
            // hashing is slow on purpose: off the event loop
            ctx.vertx().executeBlocking(() -> c.isPresent() && c.get().user().active()
                    && Passwords.verify(password, c.get().passwordHash())).onComplete(ok -> {
                if (ok.failed()) ctx.fail(ok.cause());
                else if (!ok.result()) ctx.fail(new ApiException(401, "用户名或密码错误 / wrong username or password"));
                else {
                    var u = c.get().user();
                    Api.json(ctx, 200, new JsonObject().put("token", tokens.issue(u.username(), u.role()))
                            .put("username", u.username()).put("role", u.role().name()).put("name", u.name()));
                }
            });
        });
    }

    /** Accepts {@code Authorization: Bearer <token>}; anything else is 401. */
    public void authenticate(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        String token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : null;
        Optional<Caller> caller = verify(token);
        if (caller.isEmpty()) {
            ctx.fail(new ApiException(401, "未登录或登录已过期 / missing or expired token"));
            return;
        }
        ctx.put(Caller.KEY, caller.get());
        ctx.next();
    }

    public Optional<Caller> verify(String token) {
        return tokens.verify(token).map(c -> new Caller(c.username(), c.role()));
    }
}
