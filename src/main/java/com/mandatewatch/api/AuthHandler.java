package com.mandatewatch.api;

import com.mandatewatch.auth.ApiTokens;
import com.mandatewatch.auth.LoginThrottle;
import com.mandatewatch.auth.Passwords;
import com.mandatewatch.auth.Role;
import com.mandatewatch.auth.Tokens;
import com.mandatewatch.json.ApiException;
import com.mandatewatch.json.ExactJson;
import com.mandatewatch.json.Fields;
import com.mandatewatch.store.ApiTokenStore;
import com.mandatewatch.store.UserStore;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.time.Duration;
import java.util.Optional;

/** Login, and the bearer-token check in front of every API route and the WebSocket. */
public final class AuthHandler {
    private final Tokens tokens;
    private final UserStore users;
    private final LoginThrottle throttle;
    private final ApiTokenStore apiTokens;

    public AuthHandler(Tokens tokens, UserStore users, LoginThrottle throttle, ApiTokenStore apiTokens) {
        this.tokens = tokens;
        this.users = users;
        this.throttle = throttle;
        this.apiTokens = apiTokens;
    }

    /**
     * POST /api/auth/login {"username","password"} → {"token","username","role","name"}. Refused with 429 and
     * Retry-After while {@link LoginThrottle} holds the username or the remote address; an unknown or inactive user
     * costs the same PBKDF2 verification as a known one, so the response time does not tell whether a user exists.
     */
    public void login(RoutingContext ctx) {
        Fields f = new Fields(ExactJson.object(ctx.body().asString()));
        String username = f.text("username", true, 64);
        String password = f.text("password", true, 256);
        f.throwIfAny();
        // the peer address only: X-Forwarded-For is client-controlled and would let anyone pick their own bucket
        String address = ctx.request().remoteAddress() == null ? null : ctx.request().remoteAddress().host();
        Optional<Duration> wait = throttle.blocked(username, address);
        if (wait.isPresent()) {
            ctx.response().putHeader("Retry-After", String.valueOf(wait.get().toSeconds()));
            ctx.fail(new ApiException(429, "登录失败次数过多，请" + waitZh(wait.get()) + "后重试 / too many failed logins, retry in "
                    + wait.get().toSeconds() + " s"));
            return;
        }
        users.credentials(username).onComplete(ar -> {
            if (ar.failed()) {
                ctx.fail(ar.cause());
                return;
            }
            Optional<UserStore.Credentials> c = ar.result();
            // hashing is slow on purpose: off the event loop; always exactly one verification, known user or not
            ctx.vertx().executeBlocking(() -> {
                boolean matches = Passwords.verify(password, c.map(UserStore.Credentials::passwordHash).orElseGet(AuthHandler::dummyHash));
                return matches && c.isPresent() && c.get().user().active();
            }).onComplete(ok -> {
                if (ok.failed()) ctx.fail(ok.cause());
                else if (!ok.result()) {
                    throttle.failed(username, address);
                    ctx.fail(new ApiException(401, "用户名或密码错误 / wrong username or password"));
                } else {
                    throttle.succeeded(username);
                    var u = c.get().user();
                    Api.json(ctx, 200, new JsonObject().put("token", tokens.issue(u.username(), u.role(), c.get().tokenSecret()))
                            .put("username", u.username()).put("role", u.role().name()).put("name", u.name()));
                }
            });
        });
    }

    /** A hash of a random password with the real parameters, verified when the user is unknown (never matches). */
    private static String dummyHash() { return DummyHash.VALUE; }

    private static final class DummyHash {
        static final String VALUE = Passwords.hash(Passwords.generate());
    }

    /**
     * Accepts {@code Authorization: Bearer <token>} with a signed login token or a feed producer's API token
     * ({@code mwf_…}, looked up by its SHA-256); anything else is 401. A FEED caller, however authenticated, may only
     * POST /api/feed: every other route answers 403 here, so a route added later cannot forget to refuse it.
     */
    public void authenticate(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        String token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : null;
        if (ApiTokens.looksLike(token)) {
            apiTokens.feedUser(ApiTokens.hash(token)).onComplete(ar -> {
                if (ar.failed()) ctx.fail(ar.cause());
                else if (ar.result().isEmpty()) ctx.fail(new ApiException(401, "API 令牌无效或已吊销 / invalid or revoked API token"));
                else admit(ctx, new Caller(ar.result().get(), Role.FEED));
            });
            return;
        }
        Optional<Caller> caller = verify(token);
        if (caller.isEmpty()) {
            ctx.fail(new ApiException(401, "未登录或登录已过期 / missing or expired token"));
            return;
        }
        current(caller.get()).onComplete(ar -> {
            if (ar.failed()) ctx.fail(ar.cause());
            else if (ar.result().isEmpty()) ctx.fail(new ApiException(401, CHANGED));
            else admit(ctx, ar.result().get());
        });
    }

    static final String CHANGED = "账号已停用或角色、密码已变更，请重新登录 / the account was deactivated or its role or password changed: sign in again";

    /**
     * The caller as the user row says now: a signed token outlives a deactivation, a change of role or of password
     * by up to its lifetime (12 h), so every request asks the row (one indexed read), as it does for feed API tokens.
     * Empty when the user is gone, inactive, holds another role, or has another password than when it was issued, or
     * was deactivated or given another role since (even if active again with the old role).
     */
    public io.vertx.core.Future<Optional<Caller>> current(Caller signed) {
        return users.credentials(signed.username()).map(c -> c.filter(x -> x.user().active() && x.user().role() == signed.role()
                && Tokens.stamp(x.tokenSecret()).equals(signed.stamp())).map(x -> signed));
    }

    private static void admit(RoutingContext ctx, Caller caller) {
        ctx.put(Caller.KEY, caller);
        if (caller.role() == Role.FEED && !(ctx.request().method() == HttpMethod.POST && "/api/feed".equals(ctx.normalizedPath()))) {
            ctx.fail(new Denied(403, "数据源账号只能写入行情 / feed producers may only post to the feed"));
            return;
        }
        ctx.next();
    }

    public Optional<Caller> verify(String token) {
        return tokens.verify(token).map(c -> new Caller(c.username(), c.role(), c.stamp()));
    }

    /** "约 15 分钟" rather than "895 秒": how long a person waits, as they would say it. */
    static String waitZh(Duration wait) {
        long s = wait.toSeconds();
        return s < 60 ? " " + Math.max(1, s) + " 秒" : "约 " + (s + 59) / 60 + " 分钟";
    }
}
