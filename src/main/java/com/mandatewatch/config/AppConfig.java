package com.mandatewatch.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Validated settings of one running instance, built once at start by {@link ConfigLoader}. */
public record AppConfig(int httpPort, List<String> allowedOrigins, Path dataDir, String dbUrl, int dbPoolSize,
                        Smtp smtp, boolean demo, double replaySpeed, ClockMode clock, Duration feedStaleAfter,
                        int feedMaxBodyBytes, Duration groupWait, Duration minInterval, Duration keepFiringFor,
                        String dashboardUrl, int cureTradingDays, Duration tokenTtl, String adminPassword,
                        Retry retry, WebSocket ws, Kafka kafka, Cluster cluster) {

    /** Where business time comes from (SPEC §8 MW_CLOCK). */
    public enum ClockMode { WALL, FEED }

    /** SMTP settings; {@code host} empty means no SMTP: mail waits in the outbox. */
    public record Smtp(String host, int port, String user, String password, boolean ssl, String from, Duration timeout,
                       int poolSize) {
        public boolean configured() { return host != null && !host.isBlank(); }
    }

    /** Back-off of transient mail failures: {@code initial} doubling per attempt, never above {@code max}. */
    public record Retry(Duration initial, Duration max) {
    }

    /** WebSocket heartbeat: a ping every {@code pingInterval}; a peer silent for {@code deadAfter} is closed (C28). */
    public record WebSocket(Duration pingInterval, Duration deadAfter) {
    }

    /**
     * Kafka feed (SPEC §3, §8): {@code bootstrap} empty means no Kafka (HTTP ingest and replay only). One consumer
     * group over {@code topics}; records that cannot be parsed go to {@code deadLetterTopic}; a batch the engine
     * could not store is retried after {@code retryPause}. A member silent for {@code sessionTimeout} leaves the
     * group and its partitions go to the others.
     */
    public record Kafka(String bootstrap, List<String> topics, String groupId, String deadLetterTopic, Duration retryPause,
                        Duration sessionTimeout) {
        public boolean configured() { return bootstrap != null && !bootstrap.isBlank(); }
    }

    /**
     * Several instances on one PostgreSQL and one Kafka (issue 7): {@code instanceId} empty means this is the only
     * instance. With it, the account topics ({@code accountTopics}, keyed by account) are shared by the consumer group
     * so that each account has one owner; the other feed topics are read by every instance; {@code advertisedUrl} is
     * how the other instances reach this one's HTTP port, to hand it requests about the accounts it owns.
     */
    public record Cluster(String instanceId, String advertisedUrl, List<String> accountTopics) {
        public boolean enabled() { return instanceId != null && !instanceId.isBlank(); }
    }

    public boolean embeddedDb() { return dbUrl == null || dbUrl.isBlank(); }
}
