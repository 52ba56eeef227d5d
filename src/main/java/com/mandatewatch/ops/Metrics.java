package com.mandatewatch.ops;

import com.mandatewatch.domain.Rule;
import com.mandatewatch.domain.Severity;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The service's own mw_ meters. Labels are bounded enums only (rule, severity, type, reason class),
 * never a client, account or security (C47).
 */
public final class Metrics {
    /** Histogram buckets of the latency timers, 50 µs to 5 s. */
    private static final Duration[] LATENCY_BUCKETS = java.util.stream.Stream.of(
                    "PT0.00005S", "PT0.0001S", "PT0.00025S", "PT0.0005S", "PT0.001S", "PT0.0025S", "PT0.005S", "PT0.01S",
                    "PT0.025S", "PT0.05S", "PT0.1S", "PT0.25S", "PT0.5S", "PT1S", "PT2.5S", "PT5S")
            .map(Duration::parse).toArray(Duration[]::new);
    /** The # HELP line of each series: what it counts, for whoever builds a panel from /metrics alone. */
    private static final Map<String, String> HELP = Map.ofEntries(
            Map.entry("mw_alerts_open", "open alerts (firing or acknowledged) by rule"),
            Map.entry("mw_ws_connected_clients", "dashboard WebSocket connections open on this instance"),
            Map.entry("mw_outbox_pending", "e-mail rows waiting in the outbox (due or deferred)"),
            Map.entry("mw_alerts_opened", "alerts opened, by rule and severity"),
            Map.entry("mw_alerts_resolved", "alerts resolved, by rule"),
            Map.entry("mw_alerts_updated", "alert updates (severity or reading changed), by rule"),
            Map.entry("mw_feed_events_rejected", "feed lines refused: parse (malformed), duplicate (id seen), late (older than the key's last)"),
            Map.entry("mw_feed_events_accepted", "feed messages applied, by type"),
            Map.entry("mw_emails_failed", "e-mail send failures: transient, permanent, timeout, exhausted (retries used up)"),
            Map.entry("mw_feed_duplicates", "feed messages skipped because their id was seen before"),
            Map.entry("mw_rule_evaluation_errors", "feed batches or clock ticks the engine failed to evaluate"),
            Map.entry("mw_emails_sent", "e-mails accepted by the SMTP server"),
            Map.entry("mw_ws_dropped_messages", "WebSocket clients cut because they stopped reading"));
    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<Rule, AtomicInteger> openByRule = new EnumMap<>(Rule.class);
    private final AtomicInteger wsClients = new AtomicInteger();
    private final AtomicInteger outboxPending = new AtomicInteger();
    private final Timer ruleEvaluation;
    private final Timer tickToPush;

    public Metrics(MeterRegistry registry) {
        this.registry = registry;
        for (Rule r : Rule.values()) {
            AtomicInteger g = new AtomicInteger();
            openByRule.put(r, g);
            gauge("mw_alerts_open", g, "rule", r.name());
        }
        gauge("mw_ws_connected_clients", wsClients);
        gauge("mw_outbox_pending", outboxPending);
        // every series exists from the start at 0, so dashboards and rate() see it before its first event
        for (Rule r : Rule.values()) {
            for (Severity s : Severity.values()) counter("mw_alerts_opened", "rule", r.name(), "severity", s.name());
            counter("mw_alerts_resolved", "rule", r.name());
            counter("mw_alerts_updated", "rule", r.name());
        }
        for (String reason : new String[]{"parse", "duplicate", "late"}) counter("mw_feed_events_rejected", "reason", reason);
        for (String type : new String[]{"security", "price", "position", "return", "clock"}) counter("mw_feed_events_accepted", "type", type);
        for (String reason : new String[]{"transient", "permanent", "timeout", "exhausted"}) counter("mw_emails_failed", "reason", reason);
        counter("mw_feed_duplicates");
        counter("mw_rule_evaluation_errors");
        counter("mw_emails_sent");
        counter("mw_ws_dropped_messages");
        ruleEvaluation = latency("mw_rule_evaluation", "time the engine takes to apply one feed batch or one clock tick");
        tickToPush = latency("mw_tick_to_push", "from a feed batch coming in to its alert events written to the WebSocket clients");
    }

    /**
     * A histogram with fixed buckets from 50 µs to 5 s: a bounded series count, and quantiles that Prometheus can
     * aggregate over instances (client-side percentiles cannot be).
     */
    private Timer latency(String name, String description) {
        return Timer.builder(name).description(description)
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .minimumExpectedValue(LATENCY_BUCKETS[0]).maximumExpectedValue(LATENCY_BUCKETS[LATENCY_BUCKETS.length - 1])
                .register(registry);
    }

    public void ruleEvaluation(long nanos) { ruleEvaluation.record(nanos, TimeUnit.NANOSECONDS); }

    public void tickToPush(long nanos) { tickToPush.record(nanos, TimeUnit.NANOSECONDS); }

    public MeterRegistry registry() { return registry; }

    private Counter counter(String name, String... tags) {
        String key = name + String.join(",", tags);
        return counters.computeIfAbsent(key, k -> Counter.builder(name).description(HELP.get(name)).tags(tags).register(registry));
    }

    private void gauge(String name, AtomicInteger value, String... tags) {
        io.micrometer.core.instrument.Gauge.builder(name, value, AtomicInteger::get).description(HELP.get(name)).tags(tags).register(registry);
    }

    public void feedAccepted(String type, int n) { if (n > 0) counter("mw_feed_events_accepted", "type", type).increment(n); }

    /** reason is a bounded class: parse, duplicate, late. */
    public void feedRejected(String reason, int n) { if (n > 0) counter("mw_feed_events_rejected", "reason", reason).increment(n); }

    public void feedDuplicates(int n) { if (n > 0) counter("mw_feed_duplicates").increment(n); }

    public void alertOpened(Rule rule, Severity severity) { counter("mw_alerts_opened", "rule", rule.name(), "severity", severity.name()).increment(); }

    public void alertResolved(Rule rule) { counter("mw_alerts_resolved", "rule", rule.name()).increment(); }

    public void alertUpdated(Rule rule) { counter("mw_alerts_updated", "rule", rule.name()).increment(); }

    public void ruleEvaluationError() { counter("mw_rule_evaluation_errors").increment(); }

    public void emailSent(int n) { if (n > 0) counter("mw_emails_sent").increment(n); }

    /** reason: transient, timeout, permanent, or exhausted (retried until the last attempt). */
    public void emailFailed(String reason, int n) { if (n > 0) counter("mw_emails_failed", "reason", reason).increment(n); }

    public void wsDropped() { counter("mw_ws_dropped_messages").increment(); }

    public void setOpen(Map<Rule, Integer> counts) {
        openByRule.forEach((rule, gauge) -> gauge.set(counts.getOrDefault(rule, 0)));
    }

    public AtomicInteger wsClients() { return wsClients; }

    public AtomicInteger outboxPending() { return outboxPending; }
}
