package com.mandatewatch.api;

import com.mandatewatch.ops.Health;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;

import java.util.List;
import java.util.function.Consumer;

/**
 * The HTTP face of an instance: the page at /, the JSON API under /api (authenticated), the alert
 * WebSocket, /metrics and the health checks, on one port.
 */
public final class HttpVerticle extends VerticleBase {
    private static final int API_BODY_LIMIT = 1 << 20;
    /**
     * The page and its assets load nothing from elsewhere (the chart library is served from the jar) and run no
     * inline script, so a client name holding markup stays inert even if it ever reached the DOM as HTML (C45).
     * 'self' in connect-src covers the same-origin WebSocket. frame-ancestors keeps the page out of foreign frames
     * (a meta tag cannot say that, hence the header).
     */
    static final String PAGE_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private final int port;
    private final int feedBodyLimit;
    private final AuthHandler auth;
    private final AlertSocket socket;
    private final List<Consumer<Router>> apiRoutes;
    private final PrometheusMeterRegistry registry;
    private final Health health;
    private HttpServer server;
    private Router api;

    public HttpVerticle(int port, int feedBodyLimit, AuthHandler auth, AlertSocket socket, List<Consumer<Router>> apiRoutes,
                        PrometheusMeterRegistry registry, Health health) {
        this.port = port;
        this.feedBodyLimit = feedBodyLimit;
        this.auth = auth;
        this.socket = socket;
        this.apiRoutes = apiRoutes;
        this.registry = registry;
        this.health = health;
    }

    public int port() { return server == null ? port : server.actualPort(); }

    /** The routes of the /api sub-router (paths relative to /api), for the test that checks openapi.yaml covers them. */
    public List<io.vertx.ext.web.Route> apiRoutes() { return api == null ? List.of() : api.getRoutes(); }

    /**
     * Past every API route: a path that exists under other methods is a 405 naming them in {@code Allow} (a PATCH
     * where the API takes PUT), anything else the API's 404.
     */
    private void wrongMethodOrNotFound(io.vertx.ext.web.RoutingContext ctx) {
        String mount = ctx.mountPoint() == null ? "" : ctx.mountPoint();
        String path = ctx.request().path().startsWith(mount) ? ctx.request().path().substring(mount.length()) : ctx.request().path();
        if (!path.startsWith("/")) path = "/" + path;
        java.util.Set<String> allowed = new java.util.TreeSet<>();
        for (io.vertx.ext.web.Route r : api.getRoutes()) {
            if (r.getPath() == null || r.methods() == null || r.methods().isEmpty()) continue;
            String pattern = java.util.regex.Pattern.quote(r.getPath()).replaceAll(":[A-Za-z]+", "\\\\E[^/]+\\\\Q");
            if (path.matches(pattern)) r.methods().forEach(m -> allowed.add(m.name()));
        }
        if (allowed.isEmpty()) {
            ctx.fail(Api.notFound(ctx.request().path()));
            return;
        }
        ctx.response().putHeader("Allow", String.join(", ", allowed));
        ctx.fail(new com.mandatewatch.json.ApiException(405, "不支持的请求方法 " + ctx.request().method().name() + "，可用："
                + String.join(", ", allowed) + " / method not allowed; allowed: " + String.join(", ", allowed)));
    }

    /**
     * No route takes a form, but {@code curl --data-binary} labels every body one: the body handler would then decode
     * it as form fields (refusing a field over 8 KB with a 500) instead of keeping it as the NDJSON or JSON it is.
     */
    private static void noForms(io.vertx.ext.web.RoutingContext ctx) {
        String type = ctx.request().getHeader("Content-Type");
        String lower = type == null ? "" : type.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("application/x-www-form-urlencoded") || lower.startsWith("multipart/")) {
            ctx.request().headers().set("Content-Type", "application/octet-stream");
        }
        String charset = charset(lower);
        if (charset != null && !supported(charset)) {
            // the body would be decoded with it later and fail as a 500; GBK and the like are decoded as sent
            ctx.fail(new com.mandatewatch.json.ApiException(415, "不支持的字符集 / unsupported charset: " + (charset.length() > 40 ? charset.substring(0, 40) + "…" : charset)
                    + "（请使用 UTF-8 / use UTF-8）"));
            return;
        }
        ctx.next();
    }

    private static String charset(String contentType) {
        for (String param : contentType.split(";")) {
            String p = param.strip();
            if (p.startsWith("charset=")) return p.substring("charset=".length()).replace("\"", "").strip();
        }
        return null;
    }

    private static boolean supported(String charset) {
        try {
            return !charset.isEmpty() && java.nio.charset.Charset.isSupported(charset);
        } catch (java.nio.charset.IllegalCharsetNameException e) {
            return false;
        }
    }

    @Override
    public Future<?> start() {
        Router router = Router.router(vertx);
        router.get("/metrics").handler(PrometheusScrapingHandler.create(registry));
        router.get("/health/live").handler(ctx -> Api.json(ctx, 200, new io.vertx.core.json.JsonObject().put("status", "UP")));
        router.get("/health/ready").handler(health::ready);
        router.get("/ws/alerts").handler(socket::handle);

        api = Router.router(vertx);
        byte[] openApi = openApiDocument();
        api.route().handler(HttpVerticle::plainPath);
        api.route().handler(HttpVerticle::noForms);
        api.post("/feed").handler(BodyHandler.create(false).setBodyLimit(feedBodyLimit));
        api.route().handler(BodyHandler.create(false).setBodyLimit(API_BODY_LIMIT));
        api.post("/auth/login").handler(auth::login);
        // public like the login: it describes the API and holds no data (README "OpenAPI")
        api.get("/openapi.yaml").handler(ctx -> ctx.response().putHeader("Content-Type", "application/yaml; charset=utf-8")
                .putHeader("Cache-Control", "no-cache").end(io.vertx.core.buffer.Buffer.buffer(openApi)));
        api.route().handler(auth::authenticate);
        apiRoutes.forEach(r -> r.accept(api));
        api.route().handler(this::wrongMethodOrNotFound);
        api.route().failureHandler(Api::renderFailure);
        router.route("/api/*").subRouter(api);

        router.route("/*").handler(ctx -> {
            ctx.response().putHeader("Content-Security-Policy", PAGE_CSP).putHeader("X-Content-Type-Options", "nosniff")
                    .putHeader("Referrer-Policy", "no-referrer");
            ctx.next();
        });
        router.route("/*").handler(StaticHandler.create("web").setCachingEnabled(false).setIndexPage("index.html"));
        // past the page's files: the same bilingual 404 as the API, not the web server's English page
        router.route().handler(ctx -> ctx.fail(404));
        router.route().failureHandler(Api::renderFailure);
        socket.start();
        // a fixed socket send buffer: autotuned, the kernel would hold up to 4 MB for a dashboard that stopped
        // reading before its write queue fills and it is cut (C27); 256 KB is plenty for any answer in flight
        server = vertx.createHttpServer(new HttpServerOptions().setPort(port).setHost("0.0.0.0")
                .setMaxWebSocketFrameSize(1 << 20).setCompressionSupported(true).setSendBufferSize(256 * 1024));
        return server.requestHandler(router).listen();
    }

    /**
     * Takes no new connections and gives the requests in hand up to ten seconds to be answered: a feed post that
     * is being applied is answered, not cut, when the service is stopped.
     */
    @Override
    public Future<?> stop() {
        return server == null ? Future.succeededFuture() : server.shutdown(10, java.util.concurrent.TimeUnit.SECONDS);
    }

    /**
     * A path that decodes to control or format characters (NUL, bidi overrides, C1) names nothing: 400 at once,
     * before it reaches a query (PostgreSQL refuses NUL as an outage would look) or is echoed in a 404.
     */
    private static void plainPath(io.vertx.ext.web.RoutingContext ctx) {
        String decoded;
        try {
            decoded = java.net.URLDecoder.decode(ctx.request().path().replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            decoded = null;
        }
        if (decoded == null || com.mandatewatch.text.Controls.inLine(decoded) || decoded.indexOf('\uFFFD') >= 0) {
            ctx.fail(new com.mandatewatch.json.ApiException(400, "路径含有非法字符 / the path holds invalid characters"));
            return;
        }
        try {
            ctx.queryParams(); // decoded once here: a broken escape (%ZZ) is the caller's fault, not a 500 deep in a route
        } catch (IllegalArgumentException | io.vertx.ext.web.handler.HttpException e) {
            ctx.fail(new com.mandatewatch.json.ApiException(400, "查询参数编码无效（% 后须为两位十六进制数） / the query holds an invalid %-escape"));
            return;
        }
        ctx.next();
    }

    private static byte[] openApiDocument() {
        try (java.io.InputStream in = HttpVerticle.class.getClassLoader().getResourceAsStream("openapi.yaml")) {
            if (in == null) throw new IllegalStateException("openapi.yaml missing from the classpath");
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
