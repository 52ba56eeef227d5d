package com.mandatewatch.bench;

import com.mandatewatch.domain.Bounds;
import com.mandatewatch.domain.Contract;
import com.mandatewatch.domain.SecurityKind;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * End to end on loopback: the real service jar (MW_DEMO=false, MW_CLOCK=feed, a temporary data directory with its
 * embedded PostgreSQL) and this load generator. It creates the workload's contracts and positions through the API,
 * opens WebSocket subscribers, feeds price ticks as NDJSON over HTTP at a fixed rate with marker ticks that must
 * cross a single-stock limit, and measures tick-to-frame latency of the markers at every subscriber; then the highest
 * rate the service sustains, and a restart that rebuilds every position from PostgreSQL.
 */
public final class EndToEnd {
    private static final String PASSWORD = "Bench-Admin-Pass-2026!";
    private static final String MARK_ACCOUNT = "AMARK";
    private static final String MARK_CODE = "MARK.SH";
    private static final String MARK_FINGERPRINT = "HOLDING_RATIO:" + MARK_ACCOUNT + ":" + MARK_CODE;
    private static final DateTimeFormatter TS = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final Options o;
    private final Path dataDir;
    private final int port;
    private Process service;
    /** Whether the last marker sent opened the marker alert (MARK at 150) or resolved it (MARK at 50). */
    private boolean markerOpen;
    private String token;
    private OffsetDateTime ts = OffsetDateTime.parse("2025-03-03T09:30:00+08:00");

    private EndToEnd(Options o) throws IOException {
        this.o = o;
        this.dataDir = o.dataDir != null ? Files.createDirectories(Path.of(o.dataDir)) : Files.createTempDirectory("mw-e2e-");
        try (ServerSocket s = new ServerSocket(0)) {
            this.port = s.getLocalPort();
        }
    }

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        new EndToEnd(o).run();
    }

    private void run() throws Exception {
        Workload w = new Workload("uniform", o.accounts, o.holdings, o.securities, 2_000_000, Runner.SEED);
        System.out.printf(Locale.ROOT, "# e2e: %d accounts, %d positions, %d securities; service data in %s%n", w.accounts,
                w.initialPositions, w.securities, dataDir);
        try {
            long started = start();
            System.out.printf(Locale.ROOT, "# service ready in %d ms (first start, empty database)%n", started);
            token = login();
            Path ready = dataDir.resolve("bench-ready");
            if (Files.exists(ready)) {
                // a data directory set up by an earlier run: business time goes on from where it stopped
                ts = OffsetDateTime.parse(Files.readString(ready).trim());
                System.out.printf(Locale.ROOT, "# reusing the set-up data in %s from %s%n", dataDir, ts);
            } else {
                setUpReference(w);
                long t0 = System.nanoTime();
                loadPositions(w);
                System.out.printf(Locale.ROOT, "# %d positions posted and stored in %.1f s%n", w.initialPositions + 2, (System.nanoTime() - t0) / 1e9);
            }
            steadyAndSaturate(w);
            Files.writeString(ready, ts.plusMinutes(1).format(TS));
            restart();
        } finally {
            stop();
            if (!o.keep && o.dataDir == null) deleteTree(dataDir);
        }
    }

    // ---- the service process

    private long start() throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + o.serviceHeap));
        if (o.serviceJfr != null && service == null) command.add("-XX:StartFlightRecording=filename=" + o.serviceJfr + ",settings=profile");
        command.addAll(List.of("-jar", o.jar));
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> env = pb.environment();
        env.put("MW_DEMO", "false");
        env.put("MW_CLOCK", "feed");
        env.put("MW_ADMIN_PASSWORD", PASSWORD);
        env.put("MW_DATA_DIR", dataDir.toString());
        env.put("MW_HTTP_PORT", Integer.toString(port));
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("service.log").toFile()));
        long began = System.nanoTime();
        service = pb.start();
        long deadline = began + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            if (!service.isAlive()) throw new IllegalStateException("service exited: see " + dataDir.resolve("service.log"));
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri("/health/ready")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) return (System.nanoTime() - began) / 1_000_000;
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("service not ready within 180 s");
    }

    private void stop() throws InterruptedException {
        if (service != null && service.isAlive()) {
            service.destroy(); // SIGTERM: the graceful stop finishes what the engine took in
            if (!service.waitFor(60, TimeUnit.SECONDS)) service.destroyForcibly();
        }
    }

    private void restart() throws Exception {
        stop();
        long ready = start();
        String log = Files.readString(dataDir.resolve("service.log"));
        Matcher m = Pattern.compile("engine restored (\\d+) positions.* in (\\d+) ms").matcher(log);
        String positions = "?";
        String restoreMs = "?";
        while (m.find()) {
            positions = m.group(1);
            restoreMs = m.group(2);
        }
        System.out.printf(Locale.ROOT, "RESTART positions=%s restore_ms=%s start_to_ready_ms=%d%n", positions, restoreMs, ready);
    }

    // ---- reference data through the API

    private String login() throws Exception {
        HttpResponse<String> r = send("POST", "/api/auth/login", "{\"username\":\"admin\",\"password\":\"" + PASSWORD + "\"}", null);
        Matcher m = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"").matcher(r.body());
        if (!m.find()) throw new IllegalStateException("login: " + r.body());
        return m.group(1);
    }

    private void setUpReference(Workload w) throws Exception {
        expect(send("POST", "/api/users", "{\"username\":\"cm1\",\"password\":\"Cm-Bench-Pass-2026!\",\"role\":\"CLIENT_MANAGER\","
                + "\"email\":\"cm1@example.test\",\"name\":\"经理\"}", token), 201, 409);
        long t0 = System.nanoTime();
        // contracts before positions: each one re-judges every account, which is cheap while the books are empty
        List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
        for (int a = 0; a <= w.accounts; a++) {
            String account = a == w.accounts ? MARK_ACCOUNT : w.account[a];
            String client = "C" + account;
            expect(send("POST", "/api/clients", "{\"code\":\"" + client + "\",\"name\":\"基准客户" + account
                    + "\",\"nature\":\"PRIVATE\",\"manager\":\"cm1\"}", token), 201, 409);
            String body = a == w.accounts ? markContract(client) : o.tight ? contractJson(w.contract[a], client) : looseContract(w.contract[a], client);
            expect(send("POST", "/api/contracts", body, token), 201, 409);
        }
        System.out.printf(Locale.ROOT, "# %d clients and contracts created in %.1f s%n", w.accounts + 1, (System.nanoTime() - t0) / 1e9);
        List<String> lines = new ArrayList<>();
        String day = ts.format(TS);
        for (int s = 0; s < w.securities; s++) {
            lines.add("{\"type\":\"security\",\"code\":\"" + w.code[s] + "\",\"name\":\"" + w.code[s] + "\",\"kind\":\""
                    + SecurityKind.values()[w.kind[s]] + "\",\"issuer\":\"" + w.issuerName(s) + "\",\"totalShares\":"
                    + w.initialTotalShares[s] + ",\"flags\":" + (w.initialSt[s] ? "[\"ST\"]" : "[]") + ",\"ts\":\"" + day + "\"}");
            lines.add(price(w.code[s], w.initialPrice[s], day));
        }
        lines.add("{\"type\":\"security\",\"code\":\"" + MARK_CODE + "\",\"name\":\"标记\",\"kind\":\"STOCK\",\"issuer\":\"MARK\","
                + "\"totalShares\":1000000000,\"flags\":[],\"ts\":\"" + day + "\"}");
        lines.add(price(MARK_CODE, 50_0000, day));
        postFeed(lines);
    }

    /** The marker account: 1,000 MARK and 1,000,000 cash under a 10% single-stock limit; MARK at 50 is 4.8%, at 150 13%. */
    private static String markContract(String client) {
        return "{\"code\":\"K-" + MARK_ACCOUNT + "\",\"clientCode\":\"" + client + "\",\"account\":\"" + MARK_ACCOUNT + "\","
                + "\"amount\":\"10000000.00\",\"startDate\":\"2025-01-02\",\"maturityDate\":\"2027-12-31\",\"type\":\"NO_GUARANTEE\","
                + "\"status\":\"ACTIVE\",\"limits\":{\"kinds\":{},\"singleSecurityMax\":\"0.10\",\"warnFraction\":\"0.9\"}}";
    }

    /**
     * The account's contract with loose limits (stocks ≤ 95%, any single stock ≤ 10%, no minimum): few alerts open, so
     * the load is the tick path itself. The bench's tight mandates keep half the accounts alerting, and every tick
     * then updates their shown weights (an UPDATED event each, persisted and pushed): --tight measures that instead.
     */
    private static String looseContract(Contract c, String client) {
        return contractJson(new Contract(c.code(), c.clientCode(), c.account(), c.amount(), c.startDate(), c.maturityDate(), c.type(),
                c.status(), c.targetReturn(), c.returnBand(), new com.mandatewatch.domain.Limits(
                        Map.of(SecurityKind.STOCK, new Bounds(null, new BigDecimal("0.95"))), new BigDecimal("0.10"), null),
                com.mandatewatch.domain.Exclusions.NONE, c.expectedRenewal(), c.tradingManager(), c.recordStatus()), client);
    }

    private static String contractJson(Contract c, String client) {
        StringBuilder kinds = new StringBuilder();
        for (Map.Entry<SecurityKind, Bounds> e : c.limits().kinds().entrySet()) {
            if (kinds.length() > 0) kinds.append(',');
            kinds.append('"').append(e.getKey()).append("\":{");
            if (e.getValue().min() != null) kinds.append("\"min\":\"").append(e.getValue().min().toPlainString()).append('"');
            if (e.getValue().max() != null) {
                if (e.getValue().min() != null) kinds.append(',');
                kinds.append("\"max\":\"").append(e.getValue().max().toPlainString()).append('"');
            }
            kinds.append('}');
        }
        BigDecimal single = c.limits().singleSecurityMax();
        return "{\"code\":\"" + c.code() + "\",\"clientCode\":\"" + client + "\",\"account\":\"" + c.account() + "\","
                + "\"amount\":\"100000000.00\",\"startDate\":\"2025-01-02\",\"maturityDate\":\"2027-12-31\",\"type\":\"" + c.type() + "\","
                + "\"status\":\"ACTIVE\",\"returnBand\":{\"low\":\"" + c.returnBand().low().toPlainString() + "\",\"high\":\""
                + c.returnBand().high().toPlainString() + "\"},\"limits\":{\"kinds\":{" + kinds + "}"
                + (single == null ? "" : ",\"singleSecurityMax\":\"" + single.toPlainString() + "\"")
                + ",\"warnFraction\":\"" + c.limits().warnFraction().toPlainString() + "\"},\"excluded\":{\"codes\":["
                + c.excluded().codes().stream().map(x -> "\"" + x + "\"").collect(Collectors.joining(",")) + "],\"issuers\":["
                + c.excluded().issuers().stream().map(x -> "\"" + x + "\"").collect(Collectors.joining(",")) + "],\"flags\":["
                + c.excluded().flags().stream().map(x -> "\"" + x + "\"").collect(Collectors.joining(",")) + "]}}";
    }

    private void loadPositions(Workload w) throws Exception {
        String at = ts.plusSeconds(30).format(TS);
        List<String> lines = new ArrayList<>();
        for (int a = 0; a < w.accounts; a++) {
            for (int j = 0; j < w.holdingSecurity[a].length; j++) {
                lines.add("{\"type\":\"position\",\"account\":\"" + w.account[a] + "\",\"code\":\"" + w.code[w.holdingSecurity[a][j]]
                        + "\",\"quantity\":\"" + BigDecimal.valueOf(w.holdingQuantity[a][j], 4).toPlainString() + "\",\"ts\":\"" + at + "\"}");
                if (lines.size() == 10_000) {
                    postFeed(lines);
                    lines.clear();
                }
            }
        }
        lines.add("{\"type\":\"position\",\"account\":\"" + MARK_ACCOUNT + "\",\"code\":\"" + MARK_CODE + "\",\"quantity\":\"1000\",\"ts\":\"" + at + "\"}");
        lines.add("{\"type\":\"position\",\"account\":\"" + MARK_ACCOUNT + "\",\"code\":\"CASH\",\"quantity\":\"1000000\",\"ts\":\"" + at + "\"}");
        postFeed(lines);
    }

    // ---- the measured phases

    /** One subscriber: every frame naming the marker's fingerprint is stamped on arrival. */
    private static final class Subscriber implements WebSocket.Listener {
        final ConcurrentLinkedQueue<long[]> arrivals;
        final AtomicLong frames;
        private final StringBuilder partial = new StringBuilder();
        private int markerEvents;

        Subscriber(ConcurrentLinkedQueue<long[]> arrivals, AtomicLong frames) {
            this.arrivals = arrivals;
            this.frames = frames;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                long now = System.nanoTime();
                String frame = partial.toString();
                partial.setLength(0);
                if (frame.startsWith("{\"type\":\"event\"") || frame.contains("\"type\":\"event\"")) {
                    frames.incrementAndGet();
                    if (frame.contains(MARK_FINGERPRINT)) arrivals.add(new long[]{markerEvents++, now});
                }
            }
            ws.request(1);
            return null;
        }
    }

    private void steadyAndSaturate(Workload w) throws Exception {
        int[] cursor = {0};
        Histogram first = null;
        long frameCount = 0;
        for (int rate : o.rates) {
            Object[] r = steady(w, rate, cursor);
            if (first == null) {
                first = (Histogram) r[0];
                frameCount = (Long) r[1];
            }
        }
        saturate(w, cursor, first, frameCount);
    }

    /** One phase at a fixed offered rate: answers the marker latency histogram and the event frames per subscriber. */
    private Object[] steady(Workload w, int rate, int[] cursor) throws Exception {
        ConcurrentLinkedQueue<long[]> arrivals = new ConcurrentLinkedQueue<>();
        AtomicLong frames = new AtomicLong();
        List<WebSocket> sockets = new ArrayList<>();
        for (int i = 0; i < o.subscribers; i++) {
            sockets.add(http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws/alerts?token=" + token),
                    new Subscriber(arrivals, frames)).get(20, TimeUnit.SECONDS));
        }
        Thread.sleep(1000); // the snapshots are sent: only events from here on
        int perBatch = Math.max(1, (int) ((long) rate * o.batchMs / 1000)); // a producer posts a batch every batchMs
        List<Long> markerSent = new ArrayList<>();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicLong failed = new AtomicLong();
        long begin = System.nanoTime();
        long end = begin + TimeUnit.SECONDS.toNanos(o.seconds);
        long next = begin;
        long nextMarker = begin + 500_000_000L;
        long sent = 0;
        int maxInFlight = 0;
        while (System.nanoTime() < end) {
            List<String> lines = ticks(w, cursor, perBatch);
            boolean marker = System.nanoTime() >= nextMarker;
            if (marker) {
                // alternately across the 10% line and back: each marker opens or resolves the marker alert
                // the alert's state carries over from one phase to the next: it toggles on a count kept across them
                markerOpen = !markerOpen;
                lines.add(price(MARK_CODE, markerOpen ? 150_0000 : 50_0000, tick()));
                markerSent.add(System.nanoTime());
                nextMarker += 500_000_000L;
            }
            inFlight.incrementAndGet();
            maxInFlight = Math.max(maxInFlight, inFlight.get());
            http.sendAsync(feedRequest(lines), HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> {
                inFlight.decrementAndGet();
                if (e != null || r.statusCode() != 200) failed.incrementAndGet();
            });
            sent += lines.size();
            next += o.batchMs * 1_000_000L;
            long wait = next - System.nanoTime();
            if (wait > 0) TimeUnit.NANOSECONDS.sleep(wait);
        }
        double offeredSeconds = (System.nanoTime() - begin) / 1e9;
        long drainStart = System.nanoTime();
        while (inFlight.get() > 0 && System.nanoTime() - drainStart < TimeUnit.SECONDS.toNanos(120)) Thread.sleep(10);
        double appliedSeconds = (System.nanoTime() - begin) / 1e9;
        Thread.sleep(2000);
        Histogram latency = new Histogram(3_600_000_000_000L, 3);
        long missing = (long) markerSent.size() * o.subscribers - arrivals.size();
        for (long[] a : arrivals) {
            int k = (int) a[0];
            if (k < markerSent.size()) latency.recordValue(Math.max(1, a[1] - markerSent.get(k)));
        }
        System.out.printf(Locale.ROOT, "E2E offered_ticks_per_s=%d batch_ms=%d sent=%d in %.1f s, all answered after %.1f s, max_in_flight=%d failed_posts=%d "
                        + "subscribers=%d markers=%d marker_frames=%d missing_frames=%d event_frames=%d tick_to_frame_p50_ms=%.2f p99_ms=%.2f p999_ms=%.2f max_ms=%.2f%n",
                rate, o.batchMs, sent, offeredSeconds, appliedSeconds, maxInFlight, failed.get(), o.subscribers, markerSent.size(), arrivals.size(),
                missing, frames.get(), latency.getValueAtPercentile(50) / 1e6, latency.getValueAtPercentile(99) / 1e6,
                latency.getValueAtPercentile(99.9) / 1e6, latency.getMaxValue() / 1e6);
        for (WebSocket s : sockets) s.abort();
        return new Object[]{latency, frames.get() / Math.max(1, o.subscribers)};
    }

    private void saturate(Workload w, int[] cursor, Histogram latency, long framesPerSubscriber) throws Exception {
        // saturation: a closed loop of a few large posts in flight, as fast as the service answers
        long satBegin = System.nanoTime();
        long satEnd = satBegin + TimeUnit.SECONDS.toNanos(o.saturationSeconds);
        AtomicLong accepted = new AtomicLong();
        List<Thread> senders = new ArrayList<>();
        for (int t = 0; t < o.saturationConnections; t++) {
            Thread th = new Thread(() -> {
                try {
                    while (System.nanoTime() < satEnd) {
                        List<String> lines;
                        synchronized (cursor) {
                            lines = ticks(w, cursor, o.saturationBatch);
                        }
                        HttpResponse<String> r = http.send(feedRequest(lines), HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() == 200) accepted.addAndGet(lines.size());
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            th.start();
            senders.add(th);
        }
        for (Thread th : senders) th.join();
        double satSeconds = (System.nanoTime() - satBegin) / 1e9;
        long sustained = Math.round(accepted.get() / satSeconds);
        double holders = w.positionUpdates / (double) w.priceTicks(w.events());
        System.out.printf(Locale.ROOT, "BENCH engine=e2e-http workload=uniform ticks_per_s=%d position_updates_per_s=%d p50_us=%.0f p99_us=%.0f "
                        + "p999_us=%.0f bytes_per_position=na alerts=%d%n", sustained, Math.round(sustained * holders),
                latency.getValueAtPercentile(50) / 1e3, latency.getValueAtPercentile(99) / 1e3, latency.getValueAtPercentile(99.9) / 1e3,
                framesPerSubscriber);
    }

    private List<String> ticks(Workload w, int[] cursor, int n) {
        List<String> lines = new ArrayList<>(n + 1);
        while (lines.size() < n) {
            int e = cursor[0]++ % w.events();
            if (w.type[e] == Workload.PRICE) lines.add(price(w.code[w.x[e]], w.v[e], tick()));
        }
        return lines;
    }

    /** Business time moves a millisecond per tick: every price is newer than the last for its code (none is late). */
    private synchronized String tick() {
        ts = ts.plusNanos(1_000_000);
        return ts.format(TS);
    }

    private static String price(String code, long scaled, String at) {
        return "{\"type\":\"price\",\"code\":\"" + code + "\",\"price\":\"" + BigDecimal.valueOf(scaled, 4).toPlainString()
                + "\",\"ts\":\"" + at + "\"}";
    }

    // ---- HTTP

    private HttpRequest feedRequest(List<String> lines) {
        return HttpRequest.newBuilder(uri("/api/feed")).timeout(Duration.ofSeconds(120)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofString(String.join("\n", lines))).build();
    }

    private void postFeed(List<String> lines) throws Exception {
        HttpResponse<String> r = http.send(feedRequest(lines), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200 || r.body().contains("\"line\"")) {
            throw new IllegalStateException("feed: " + r.statusCode() + " " + r.body().substring(0, Math.min(400, r.body().length())));
        }
    }

    private HttpResponse<String> send(String method, String path, String body, String bearer) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) b.header("Authorization", "Bearer " + bearer);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void expect(HttpResponse<String> r, int... ok) {
        for (int s : ok) if (r.statusCode() == s) return;
        throw new IllegalStateException(r.request().uri() + " -> " + r.statusCode() + " " + r.body());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory: best effort
        }
    }

    static final class Options {
        String jar = "../target/mandate-watch-0.1.0-SNAPSHOT.jar";
        int accounts = 2000;
        int holdings = 200;
        int securities = 3000;
        /** The offered rates, one steady phase each; the BENCH line's latency is the first one's. */
        int[] rates = {50_000, 10_000};
        int seconds = 60;
        int subscribers = 100;
        int saturationSeconds = 30;
        int saturationConnections = 4;
        int saturationBatch = 2000;
        /** How often the load generator posts (a feed producer batches its ticks): 20 ms is 1,000 ticks a post at 50k/s. */
        int batchMs = 20;
        String serviceHeap = "3g";
        boolean keep;
        boolean tight;
        String dataDir;
        String serviceJfr;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--e2e" -> { }
                    case "--quick" -> {
                        o.seconds = 20;
                        o.saturationSeconds = 15;
                    }
                    case "--jar" -> o.jar = args[++i];
                    case "--accounts" -> o.accounts = Integer.parseInt(args[++i]);
                    case "--holdings" -> o.holdings = Integer.parseInt(args[++i]);
                    case "--securities" -> o.securities = Integer.parseInt(args[++i]);
                    case "--rates" -> o.rates = java.util.Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
                    case "--seconds" -> o.seconds = Integer.parseInt(args[++i]);
                    case "--subscribers" -> o.subscribers = Integer.parseInt(args[++i]);
                    case "--saturation-seconds" -> o.saturationSeconds = Integer.parseInt(args[++i]);
                    case "--service-heap" -> o.serviceHeap = args[++i];
                    case "--batch-ms" -> o.batchMs = Integer.parseInt(args[++i]);
                    case "--keep" -> o.keep = true;
                    case "--tight" -> o.tight = true;
                    case "--data-dir" -> o.dataDir = args[++i];
                    case "--service-jfr" -> o.serviceJfr = args[++i];
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            return o;
        }
    }
}
