package com.mandatewatch.bench;

import org.HdrHistogram.Histogram;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The standalone benchmark: one fixed-seed workload per distribution, run through every engine in this JVM with the
 * same warm-up; all engines must write the identical alert trail, or the first difference is printed and no speed.
 * Prints one BENCH line per engine and workload, then the ratios.
 */
public final class Runner {
    static final long SEED = 20_250_303L;

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        Map<String, Supplier<BenchEngine>> engines = new LinkedHashMap<>();
        engines.put("mandate-watch", MandateWatchEngine::new);
        engines.put("esper", EsperEngine::new);
        engines.put("drools", DroolsEngine::new);
        System.out.printf(Locale.ROOT, "# %s, %d cores, max heap %d MiB, java %s%n", System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"));
        List<String> lines = new ArrayList<>();
        boolean allSame = true;
        for (String workloadName : o.workloads) {
            long t0 = System.nanoTime();
            Workload w = new Workload(workloadName, o.accounts, o.holdings, o.securities, o.ticks, SEED);
            System.out.printf(Locale.ROOT, "# workload %s: %d accounts, %d positions, %d securities, %d events (%d price ticks), "
                            + "%.1f holders per tick, generated in %.1f s%n", w.name, w.accounts, w.initialPositions, w.securities,
                    w.events(), w.priceTicks(w.events()), w.positionUpdates / (double) w.priceTicks(w.events()), (System.nanoTime() - t0) / 1e9);
            // every engine warms up on the same small workload of the same distribution (a full-size load twice would
            // cost the slow peers minutes and teach the JIT nothing more)
            Workload warmup = new Workload(workloadName, Math.max(20, o.accounts / 10), Math.max(10, o.holdings / 4),
                    Math.max(60, o.securities / 10), Math.min(o.ticks, 300_000), SEED + 1);
            if (!o.smoke && o.engines.contains("mandate-watch")) productBook(w);
            Map<String, Result> results = new LinkedHashMap<>();
            Trail reference = null;
            for (String name : o.engines) {
                int limit = (int) Math.min(w.events(), name.equals("mandate-watch") ? w.events() : o.peerLimit(name, w));
                Result r = run(engines.get(name), w, warmup, limit, o);
                results.put(name, r);
                if (reference == null) {
                    reference = r.trail;
                    System.out.printf(Locale.ROOT, "# %s: %d transitions %s%n", name, r.trail.size(), r.trail.byRule(w));
                    continue;
                }
                int d = r.trail.firstDifference(reference, limit);
                if (d >= 0) {
                    allSame = false;
                    System.out.printf(Locale.ROOT, "DIFFERENCE engine=%s workload=%s at transition %d: %s expected %s, got %s%n", name,
                            w.name, d, "", reference.describe(d, w), r.trail.describe(d, w));
                    r.differs = true;
                    System.out.printf(Locale.ROOT, "# %s: %d transitions %s%n", name, r.trail.size(), r.trail.byRule(w));
                } else {
                    System.out.printf(Locale.ROOT, "# %s: identical trail over the first %d events (%d transitions)%n", name, limit,
                            r.trail.sizeBefore(limit));
                }
            }
            for (Map.Entry<String, Result> e : results.entrySet()) {
                Result r = e.getValue();
                if (r.differs) {
                    lines.add(String.format(Locale.ROOT, "BENCH engine=%s workload=%s identical=false (no speed reported)", e.getKey(), w.name));
                    continue;
                }
                if (o.smoke) {
                    lines.add(String.format(Locale.ROOT, "SMOKE engine=%s workload=%s events=%d transitions=%d identical=true",
                            e.getKey(), w.name, r.events, r.trail.sizeBefore(r.events)));
                    continue;
                }
                lines.add(String.format(Locale.ROOT, "BENCH engine=%s workload=%s ticks_per_s=%d position_updates_per_s=%d p50_us=%.2f "
                                + "p99_us=%.2f p999_us=%.2f bytes_per_position=%d alerts=%d events=%d", e.getKey(), w.name,
                        Math.round(r.events / r.seconds), Math.round(r.positionUpdates / r.seconds), r.latency.getValueAtPercentile(50) / 1e3,
                        r.latency.getValueAtPercentile(99) / 1e3, r.latency.getValueAtPercentile(99.9) / 1e3, r.bytesPerPosition,
                        r.trail.sizeBefore(r.events), r.events));
            }
            Result mw = results.get("mandate-watch");
            for (Map.Entry<String, Result> e : results.entrySet()) {
                if (e.getValue() == mw || mw == null || o.smoke || e.getValue().differs || mw.differs) continue;
                double ratio = (mw.events / mw.seconds) / (e.getValue().events / e.getValue().seconds);
                lines.add(String.format(Locale.ROOT, "RATIO workload=%s mandate-watch/%s ticks_per_s=%.1fx", w.name, e.getKey(), ratio));
            }
            lines.forEach(System.out::println);
            lines.clear();
        }
        if (!allSame) {
            System.exit(1);
        }
    }

    static final class Result {
        Trail trail;
        int events;
        long positionUpdates;
        double seconds;
        Histogram latency;
        long bytesPerPosition;
        boolean differs;
    }

    /** Warm up a fresh engine on the warm-up workload, then a fresh engine for the measured run: the same for every engine. */
    private static Result run(Supplier<BenchEngine> factory, Workload w, Workload warmup, int limit, Options o) throws Exception {
        if (!o.smoke) {
            try (BenchEngine warm = factory.get()) {
                Trail t = new Trail();
                warm.load(warmup, t);
                long until = System.nanoTime() + o.warmupSeconds * 1_000_000_000L;
                for (int e = 0; e < warmup.events() && System.nanoTime() < until; e++) {
                    warm.apply(e);
                    t.end(e);
                }
            }
        }
        long before = usedHeap();
        BenchEngine engine = factory.get();
        Trail trail = new Trail();
        long loadStart = System.nanoTime();
        engine.load(w, trail);
        trail.end(-1);
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        long after = usedHeap();
        Result r = new Result();
        r.bytesPerPosition = Math.max(0, (after - before) / w.initialPositions);
        Histogram h = new Histogram(60_000_000_000L, 3);
        long updates = 0;
        long start = System.nanoTime();
        for (int e = 0; e < limit; e++) {
            long t0 = System.nanoTime();
            engine.apply(e);
            trail.end(e);
            h.recordValue(Math.max(1, System.nanoTime() - t0));
        }
        r.seconds = (System.nanoTime() - start) / 1e9;
        engine.close();
        // position updates of the run: holders touched by its price ticks, counted by the generator
        r.positionUpdates = w.positionUpdates * (long) limit / w.events();
        r.trail = trail;
        r.events = limit;
        r.latency = h;
        System.out.printf(Locale.ROOT, "# %s on %s: loaded in %.1f s, %d events in %.2f s%n", engine.name(), w.name, loadSeconds, limit, r.seconds);
        return r;
    }

    /**
     * The product engine keeps the exact BigDecimal book (for messages, evidence and the account view) beside the
     * ledger: its whole footprint per position, measured the same way, for RESULTS.md.
     */
    private static void productBook(Workload w) {
        long before = usedHeap();
        com.mandatewatch.engine.AccountBook book = new com.mandatewatch.engine.AccountBook();
        for (int s = 0; s < w.securities; s++) {
            book.putSecurity(new com.mandatewatch.domain.Security(w.code[s], w.code[s], com.mandatewatch.domain.SecurityKind.values()[w.kind[s]],
                    w.issuerName(s), w.initialTotalShares[s], w.initialSt[s] ? java.util.Set.of("ST") : java.util.Set.of()));
            book.putPrice(w.code[s], java.math.BigDecimal.valueOf(w.initialPrice[s], 4));
        }
        for (int a = 0; a < w.accounts; a++) {
            for (int j = 0; j < w.holdingSecurity[a].length; j++) {
                book.putPosition(w.account[a], w.code[w.holdingSecurity[a][j]], java.math.BigDecimal.valueOf(w.holdingQuantity[a][j], 4));
            }
        }
        long after = usedHeap();
        System.out.printf(Locale.ROOT, "# product AccountBook (BigDecimal book + ledger): %d bytes per position%n",
                (after - before) / w.initialPositions);
        if (book.accounts().isEmpty()) throw new IllegalStateException(); // keeps the book reachable until measured
    }

    /** Heap in use after the collector has run to a standstill: the state's footprint is measured, not estimated. */
    static long usedHeap() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    static final class Options {
        boolean quick;
        boolean smoke;
        long ticks = 10_000_000;
        int accounts = 2000;
        int holdings = 200;
        int securities = 3000;
        int warmupSeconds = 10;
        long esperEvents = -1;
        long droolsEvents = -1;
        List<String> engines = new ArrayList<>(List.of("mandate-watch", "esper", "drools"));
        List<String> workloads = new ArrayList<>(List.of("uniform", "zipf"));

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--quick" -> {
                        o.quick = true;
                        o.ticks = 1_000_000;
                        o.warmupSeconds = 5;
                    }
                    case "--smoke" -> {
                        // a tiny correctness check for CI: identical trails, never timings
                        o.smoke = true;
                        o.ticks = 20_000;
                        o.accounts = 40;
                        o.holdings = 30;
                        o.securities = 120;
                    }
                    case "--ticks" -> o.ticks = Long.parseLong(args[++i]);
                    case "--accounts" -> o.accounts = Integer.parseInt(args[++i]);
                    case "--holdings" -> o.holdings = Integer.parseInt(args[++i]);
                    case "--securities" -> o.securities = Integer.parseInt(args[++i]);
                    case "--warmup" -> o.warmupSeconds = Integer.parseInt(args[++i]);
                    case "--esper-events" -> o.esperEvents = Long.parseLong(args[++i]);
                    case "--drools-events" -> o.droolsEvents = Long.parseLong(args[++i]);
                    case "--engines" -> o.engines = List.of(args[++i].split(","));
                    case "--workloads" -> o.workloads = List.of(args[++i].split(","));
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            return o;
        }

        /**
         * Peers run on a documented prefix when they cannot finish the whole sequence in reasonable time: a budget of
         * position updates (26.5M for Esper, 2.65M for Drools; a quarter with --quick), so both workloads cost them
         * about the same time. --esper-events / --drools-events override it.
         */
        long peerLimit(String name, Workload w) {
            long set = name.equals("esper") ? esperEvents : droolsEvents;
            if (set > 0) return set;
            if (smoke) return w.events();
            long budget = (name.equals("esper") ? 26_500_000L : 2_650_000L) / (quick ? 4 : 1);
            double holders = w.positionUpdates / (double) w.priceTicks(w.events());
            return Math.min(w.events(), Math.max(1000, Math.round(budget / holders / 1000) * 1000));
        }
    }
}
