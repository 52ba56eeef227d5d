package com.mandatewatch.support;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.function.BooleanSupplier;

import static com.mandatewatch.support.TestApp.*;

/** Fixtures the notification tests share: a breach per client, metric reads, and waiting on a condition. */
public final class Scenario {
    private Scenario() {
    }

    /**
     * Client {@code C<tag>} managed by {@code cm<tag>} (mail cm<tag>@example.test) with account {@code A<tag>}
     * holding 10.5% of its NAV in {@code <code>}: one CRITICAL single-stock breach, one mail to the manager.
     */
    public static String breach(TestApp app, String tag, String code, String time) {
        String account = "A" + tag;
        app.setupClient("C" + tag, account, "K-" + tag, "cm" + tag, "cm" + tag + "@example.test");
        app.feed(List.of(security(code, "STOCK", 1_000_000_000L, "2025-03-03"), price(code, "1500.00", ts("2025-03-03", time)),
                position(account, code, "700", ts("2025-03-03", time)),                 // 1,050,000 of 10,000,000
                position(account, "CASH", "8950000.00", ts("2025-03-03", time))));
        return "cm" + tag + "@example.test";
    }

    /** The value of one sample on /metrics, 0 when the series does not exist yet. */
    public static double metric(TestApp app, String series) {
        String text = app.call("GET", "/metrics", null, null).body();
        for (String line : text.split("\n")) {
            if (line.startsWith(series + " ")) return Double.parseDouble(line.substring(series.length() + 1).trim());
        }
        return 0;
    }

    public static JsonArray outbox(TestApp app, String status) {
        TestApp.Response r = app.get("/api/outbox" + (status == null ? "" : "?status=" + status));
        if (r.status() != 200) throw new AssertionError("outbox -> " + r.status() + " " + r.body());
        return r.items();
    }

    public static List<JsonObject> rows(JsonArray a, String recipient) {
        return a.stream().map(o -> (JsonObject) o).filter(o -> recipient.equals(o.getString("recipient"))).toList();
    }

    /** Polls until the condition holds, failing with {@code what} after {@code seconds}. */
    public static void await(String what, long seconds, BooleanSupplier condition) {
        long end = System.currentTimeMillis() + seconds * 1000;
        while (System.currentTimeMillis() < end) {
            if (condition.getAsBoolean()) return;
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("not within " + seconds + " s: " + what);
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
