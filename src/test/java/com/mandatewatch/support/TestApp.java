package com.mandatewatch.support;

import com.mandatewatch.Main;
import com.mandatewatch.config.AppConfig;
import com.mandatewatch.config.ConfigLoader;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The whole service started in-process on a real embedded PostgreSQL (in a temporary or given data
 * directory), with blocking HTTP and WebSocket helpers for tests. Real parts only: no mocks.
 */
public final class TestApp implements AutoCloseable {
    public static final String ADMIN_PASSWORD = "Test-Admin-Pass-2026";

    private final Main.Running running;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    public final Path dataDir;
    public String token;

    private boolean ownsDataDir;

    private TestApp(Main.Running running, Path dataDir) {
        this.running = running;
        this.dataDir = dataDir;
    }

    /** Starts with MW_DEMO=false, MW_CLOCK=feed, a random port, and the given extra environment. */
    public static TestApp start(Path dataDir, Map<String, String> extraEnv) {
        Map<String, String> env = new HashMap<>();
        env.put("MW_HTTP_PORT", "0");
        env.put("MW_DATA_DIR", dataDir.toString());
        env.put("MW_DEMO", "false");
        env.put("MW_CLOCK", "feed");
        env.put("MW_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("MW_NOTIFY_GROUP_WAIT", "0s");
        env.putAll(extraEnv);
        AppConfig config = ConfigLoader.load(env);
        Main.Running r = Main.start(config).toCompletionStage().toCompletableFuture().join();
        TestApp app = new TestApp(r, dataDir);
        app.token = app.login("admin", ADMIN_PASSWORD);
        return app;
    }

    public static TestApp start(Map<String, String> extraEnv) {
        try {
            TestApp app = start(Files.createTempDirectory("mw-test-"), extraEnv);
            app.ownsDataDir = true;
            return app;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public int port() { return running.port(); }

    /** The routes mounted on the /api sub-router (paths relative to /api). */
    public List<io.vertx.ext.web.Route> apiRoutes() { return running.http().apiRoutes(); }

    /** The instance's Vert.x, for tests that talk to a verticle over the event bus. */
    public io.vertx.core.Vertx vertx() { return running.vertx(); }

    public String base() { return "http://127.0.0.1:" + port(); }

    @Override
    public void close() {
        running.stop().toCompletionStage().toCompletableFuture().orTimeout(60, TimeUnit.SECONDS).join();
        if (ownsDataDir) deleteTree(dataDir);
    }

    /** Removes a test's data directory (each embedded database is about 40 MB). */
    public static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary directory is not worth failing a test over
        }
    }

    // ---- HTTP

    public record Response(int status, String body, HttpResponse<String> raw) {
        public JsonObject json() { return new JsonObject(body); }

        public JsonArray items() { return json().getJsonArray("items"); }
    }

    public Response call(String method, String path, String body, String bearer) {
        return call(method, path, body, bearer, Map.of());
    }

    /** With extra request headers (If-Match for versioned saves, C38). */
    public Response call(String method, String path, String body, String bearer, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(60));
        if (bearer != null) b.header("Authorization", "Bearer " + bearer);
        b.header("Content-Type", "application/json");
        headers.forEach(b::setHeader);
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body(), r);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(method + " " + path + ": " + e, e);
        }
    }

    /** A GET answered as raw bytes (exports: the BOM and the encoding are part of what is checked). */
    public HttpResponse<byte[]> bytes(String path, String bearer) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(60));
        if (bearer != null) b.header("Authorization", "Bearer " + bearer);
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("GET " + path + ": " + e, e);
        }
    }

    public Response get(String path) { return call("GET", path, null, token); }

    public Response post(String path, Object body) { return call("POST", path, String.valueOf(body), token); }

    public Response put(String path, Object body) { return call("PUT", path, String.valueOf(body), token); }

    public String login(String username, String password) {
        Response r = call("POST", "/api/auth/login", new JsonObject().put("username", username).put("password", password).encode(), null);
        if (r.status() != 200) throw new IllegalStateException("login " + username + " -> " + r.status() + " " + r.body());
        return r.json().getString("token");
    }

    /** Posts NDJSON lines (JSON objects or raw strings) to the feed and answers the parsed reply. */
    public JsonObject feed(List<?> lines) {
        String body = lines.stream().map(o -> o instanceof JsonObject j ? j.encode() : String.valueOf(o)).collect(Collectors.joining("\n")) + "\n";
        Response r = call("POST", "/api/feed", body, token);
        if (r.status() != 200) throw new IllegalStateException("feed -> " + r.status() + " " + r.body());
        return r.json();
    }

    public JsonArray alerts(String query) { return get("/api/alerts?" + query).items(); }

    /** Runs SQL on the instance's own database (for tables with no API yet, and for legacy rows). */
    public List<JsonObject> sql(String statement, Object... params) {
        return running.database().pool().preparedQuery(statement).execute(io.vertx.sqlclient.Tuple.wrap(params))
                .map(rows -> {
                    List<JsonObject> out = new java.util.ArrayList<>();
                    rows.forEach(r -> out.add(r.toJson()));
                    return out;
                }).toCompletionStage().toCompletableFuture().orTimeout(30, TimeUnit.SECONDS).join();
    }

    /** The Prometheus text of /metrics. */
    public String metrics() { return call("GET", "/metrics", null, null).body(); }

    /** The value of one sample line of /metrics (series name with its labels as printed), 0 when absent. */
    public double metric(String series) {
        return metrics().lines().filter(l -> l.startsWith(series + " ")).mapToDouble(l -> Double.parseDouble(l.substring(series.length() + 1).trim()))
                .findFirst().orElse(0);
    }

    // ---- fixtures

    public static final String USER_PASSWORD = "User-Pass-2026!";

    /** Creates a user with this role (and e-mail, may be null) through the API and answers a token for it. */
    public String user(String username, String role, String email) {
        JsonObject body = new JsonObject().put("username", username).put("password", USER_PASSWORD).put("role", role)
                .put("name", "用户" + username);
        if (email != null) body.put("email", email);
        Response r = post("/api/users", body);
        if (r.status() != 201 && r.status() != 409) throw new IllegalStateException("user " + username + " -> " + r.body());
        return login(username, USER_PASSWORD);
    }

    public static String ts(String day, String hhmm) { return day + "T" + hhmm + ":00+08:00"; }

    public static JsonObject security(String code, String kind, long totalShares, String day) {
        return new JsonObject().put("type", "security").put("code", code).put("name", code).put("kind", kind)
                .put("issuer", "ISS-" + code).put("totalShares", totalShares).put("flags", new JsonArray()).put("ts", ts(day, "09:00"));
    }

    public static JsonObject price(String code, String price, String ts) {
        return new JsonObject().put("type", "price").put("code", code).put("price", price).put("ts", ts);
    }

    public static JsonObject position(String account, String code, String qty, String ts) {
        return new JsonObject().put("type", "position").put("account", account).put("code", code).put("quantity", qty).put("ts", ts);
    }

    /** A client manager, a client and an ACTIVE contract with a 10% single-stock limit through the API. */
    public void setupClient(String client, String account, String contract, String manager, String email) {
        call("POST", "/api/users", new JsonObject().put("username", manager).put("password", "Cm-Pass-2026!x")
                .put("role", "CLIENT_MANAGER").put("email", email).put("name", "经理" + manager).encode(), token);
        Response c = post("/api/clients", new JsonObject().put("code", client).put("name", "测试客户" + client)
                .put("nature", "PRIVATE").put("manager", manager));
        if (c.status() != 201 && c.status() != 409) throw new IllegalStateException("client " + c.body());
        Response k = post("/api/contracts", contractBody(contract, client, account));
        if (k.status() != 201 && k.status() != 409) throw new IllegalStateException("contract " + k.body());
    }

    public static JsonObject contractBody(String contract, String client, String account) {
        return new JsonObject().put("code", contract).put("clientCode", client).put("account", account)
                .put("amount", "100000000.00").put("startDate", "2025-01-02").put("maturityDate", "2026-12-31")
                .put("type", "NO_GUARANTEE").put("status", "ACTIVE").put("targetReturn", "0.05")
                .put("returnBand", new JsonObject().put("low", "-0.50").put("high", "5.00"))
                .put("limits", new JsonObject().put("kinds", new JsonObject()).put("singleSecurityMax", "0.10").put("warnFraction", "0.9"))
                .put("excluded", new JsonObject().put("codes", new JsonArray()).put("issuers", new JsonArray()).put("flags", new JsonArray()));
    }

    // ---- WebSocket

    /** A live WebSocket client that queues every text message it receives. */
    public static final class Socket implements WebSocket.Listener, AutoCloseable {
        public final BlockingQueue<JsonObject> messages = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();
        public volatile Integer closedWith;
        WebSocket ws;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(new JsonObject(partial.toString()));
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closedWith = statusCode;
            return null;
        }

        public JsonObject next(long seconds) {
            try {
                JsonObject m = messages.poll(seconds, TimeUnit.SECONDS);
                if (m == null) throw new AssertionError("no WebSocket message within " + seconds + " s");
                return m;
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The next event message of this kind, skipping others. */
        public JsonObject nextEvent(String kind, long seconds) {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < end) {
                JsonObject m = next(Math.max(1, TimeUnit.NANOSECONDS.toSeconds(end - System.nanoTime())));
                if ("event".equals(m.getString("type")) && kind.equals(m.getString("event"))) return m;
            }
            throw new AssertionError("no " + kind + " event within " + seconds + " s");
        }

        @Override
        public void close() {
            if (ws != null) ws.abort();
        }
    }

    /**
     * A GET sent as raw bytes, for targets java.net.URI refuses to build (a broken %-escape): the status line and
     * the body of the answer.
     */
    public String[] rawGet(String target, String bearer) {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", port())) {
            s.setSoTimeout(20_000);
            String request = "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + bearer
                    + "\r\nConnection: close\r\n\r\n";
            s.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String answer = new String(s.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            return new String[]{answer.substring(0, answer.indexOf("\r\n")), answer.substring(answer.indexOf("\r\n\r\n") + 4)};
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public Socket socket(String query) {
        Socket s = new Socket();
        s.ws = http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + port() + "/ws/alerts?" + query), s)
                .orTimeout(20, TimeUnit.SECONDS).join(); // a handshake the server never answers fails the test
        return s;
    }
}
