package com.mandatewatch.feed;

import com.mandatewatch.cluster.Cluster;
import com.mandatewatch.config.AppConfig;
import com.mandatewatch.engine.Bus;
import com.mandatewatch.engine.FeedBatch;
import com.mandatewatch.ops.Metrics;
import com.mandatewatch.store.StateStore;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.kafka.admin.KafkaAdminClient;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.consumer.KafkaConsumerRecords;
import io.vertx.kafka.client.consumer.OffsetAndMetadata;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Kafka feed (SPEC §3): one consumer of the configured group over the feed topics, at-least-once.
 *
 * <p>One cycle: poll a batch of records; parse each value on its own with {@link FeedParser#parseLine};
 * quarantine every record that does not parse (dead-letter topic with the reason in header {@value #REASON_HEADER},
 * and table {@code feed_rejected}, counted as {@code mw_feed_events_rejected_total{reason="parse"}}); send the
 * valid events of the poll to the engine as one {@link FeedBatch} ("kafka"); and only after the engine answered
 * that they are applied and stored, commit the offsets after the batch (auto-commit is off). If any step fails,
 * nothing is committed: the consumer seeks back to the first record of the batch on each partition and reads it
 * again after {@code kafka.retry-pause}. A poison record is quarantined on first sight and never retried; a
 * valid record is never skipped. Records read twice (a retry, a restart or a rebalance before the commit) are
 * harmless: the engine ignores a repeated {@code id} and an event older than the last one applied for its key.
 */
public final class KafkaFeedVerticle extends VerticleBase {
    private static final Logger LOG = Logger.getLogger(KafkaFeedVerticle.class.getName());
    public static final String REASON_HEADER = "mw-reason";
    public static final String SOURCE_HEADER = "mw-source";
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
    private static final long ENGINE_TIMEOUT_MS = 60_000;

    private final AppConfig.Kafka config;
    private final List<String> topics;
    private final String groupId;
    /** Set on the consumer of the account topics when several instances share them: the group decides ownership. */
    private final Cluster cluster;
    private final StateStore state;
    private final Metrics metrics;
    /** Completes once the engine owns what the last assignment gave this instance: no record of it is applied before. */
    private volatile Future<Void> ownershipReady = Future.succeededFuture();

    private KafkaConsumer<String, String> consumer;
    private KafkaProducer<String, String> deadLetters;
    private KafkaAdminClient admin;
    private volatile boolean running;
    /** The cycle under way; stop() waits for it so that a batch already applied gets its commit. */
    private Future<Void> cycle = Future.succeededFuture();
    /** Records of the batch being retried that are already quarantined ("topic/partition@offset"). */
    private final Set<String> quarantined = new HashSet<>();
    /** Of those not yet quarantined, the ones already on the dead-letter topic (the table write failed). */
    private final Set<String> deadLettered = new HashSet<>();

    public KafkaFeedVerticle(AppConfig.Kafka config, StateStore state, Metrics metrics) {
        this(config, config.topics(), config.groupId(), null, state, metrics);
    }

    /**
     * One consumer over {@code topics} in {@code groupId}. With {@code cluster}, these are the account topics shared by
     * the instances: partitions given or taken by the group change what this instance's engine owns.
     */
    public KafkaFeedVerticle(AppConfig.Kafka config, List<String> topics, String groupId, Cluster cluster, StateStore state,
                             Metrics metrics) {
        this.config = config;
        this.topics = topics;
        this.groupId = groupId;
        this.cluster = cluster;
        this.state = state;
        this.metrics = metrics;
    }

    @Override
    public Future<?> start() {
        Map<String, String> common = Map.of("bootstrap.servers", config.bootstrap());
        Map<String, String> c = new HashMap<>(common);
        c.put("group.id", groupId);
        // range assignment gives partition p of every account topic to one member: an account's positions and returns meet
        c.put("partition.assignment.strategy", "org.apache.kafka.clients.consumer.RangeAssignor");
        c.put("enable.auto.commit", "false");
        c.put("auto.offset.reset", "earliest");   // a new group starts at the beginning: no feed message is skipped
        c.put("max.poll.records", "500");
        c.put("session.timeout.ms", Long.toString(config.sessionTimeout().toMillis()));
        c.put("heartbeat.interval.ms", Long.toString(Math.max(1000, config.sessionTimeout().toMillis() / 3)));
        c.put("key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
        c.put("value.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
        Map<String, String> p = new HashMap<>(common);
        p.put("acks", "all");
        p.put("enable.idempotence", "true");
        p.put("key.serializer", "org.apache.kafka.common.serialization.StringSerializer");
        p.put("value.serializer", "org.apache.kafka.common.serialization.StringSerializer");
        consumer = KafkaConsumer.create(vertx, c);
        deadLetters = KafkaProducer.create(vertx, p);
        admin = KafkaAdminClient.create(vertx, new HashMap<>(common));
        consumer.exceptionHandler(e -> LOG.log(Level.WARNING, "Kafka consumer: " + e, e));
        deadLetters.exceptionHandler(e -> LOG.log(Level.WARNING, "Kafka dead-letter producer: " + e, e));
        Future<Void> partitioned = cluster == null ? Future.succeededFuture() : sharePartitions();
        return partitioned.compose(x -> consumer.subscribe(new LinkedHashSet<>(topics))).onSuccess(v -> {
            running = true;
            LOG.info("Kafka feed: group " + groupId + " on " + topics + " at " + config.bootstrap()
                    + ", dead letters to " + config.deadLetterTopic());
            next(0);
        });
    }

    /**
     * The account topics must have one partition count (an account's partition is then one number on all of them);
     * each assignment is taken over in the database and the engine rebuilt before a record of it is applied.
     */
    private Future<Void> sharePartitions() {
        List<Future<Integer>> counts = new ArrayList<>();
        for (String t : topics) counts.add(consumer.partitionsFor(t).map(List::size));
        return Future.all(counts).compose(all -> {
            Set<Integer> distinct = new HashSet<>();
            for (Future<Integer> f : counts) distinct.add(f.result());
            if (distinct.size() != 1 || distinct.contains(0)) {
                return Future.failedFuture("the account topics " + topics + " must exist with one partition count, not " + distinct);
            }
            cluster.partitionCount(distinct.iterator().next());
            consumer.partitionsRevokedHandler(tps -> ownershipReady = ownershipReady.transform(x -> cluster.revoked(numbers(tps))));
            consumer.partitionsAssignedHandler(tps -> ownershipReady = ownershipReady.transform(x -> cluster.assigned(numbers(tps))));
            return Future.succeededFuture();
        });
    }

    private static Set<Integer> numbers(Set<TopicPartition> tps) {
        Set<Integer> out = new HashSet<>();
        tps.forEach(tp -> out.add(tp.getPartition()));
        return out;
    }

    /** Stops polling, lets the cycle under way finish (at most 30 s), then closes the clients. */
    @Override
    public Future<?> stop() {
        running = false;
        Promise<Void> drained = Promise.promise();
        cycle.onComplete(x -> drained.tryComplete());
        vertx.setTimer(30_000, t -> drained.tryComplete());
        return drained.future().transform(x -> Future.join(close(consumer.close()), close(deadLetters.close()), close(admin.close())));
    }

    private static Future<Void> close(Future<Void> f) {
        return f.otherwiseEmpty();
    }

    /** For /health/ready: the brokers answer a metadata request within two seconds. */
    public Future<Void> check() {
        return admin.describeCluster().timeout(2, TimeUnit.SECONDS).mapEmpty();
    }

    private void next(long delayMs) {
        if (!running) return;
        if (delayMs <= 0) vertx.runOnContext(v -> runCycle());
        else vertx.setTimer(delayMs, t -> runCycle());
    }

    private void runCycle() {
        if (!running) return;
        cycle = consumer.poll(POLL_TIMEOUT).compose(records -> ownershipReady.compose(v -> process(records))).andThen(ar -> {
            if (ar.succeeded()) next(0);
            else {
                LOG.warning("Kafka feed: batch not stored, read again in " + config.retryPause().toMillis() + " ms: " + ar.cause());
                next(config.retryPause().toMillis());
            }
        });
    }

    /** Quarantine, apply, commit; on any failure seek back to the batch's first offsets and fail. */
    private Future<Void> process(KafkaConsumerRecords<String, String> records) {
        if (records.isEmpty()) return Future.succeededFuture();
        Map<TopicPartition, Long> first = new LinkedHashMap<>();
        Map<TopicPartition, Long> after = new LinkedHashMap<>();
        List<FeedEvent> events = new ArrayList<>();
        List<KafkaConsumerRecord<String, String>> poison = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            KafkaConsumerRecord<String, String> r = records.recordAt(i);
            TopicPartition tp = new TopicPartition(r.topic(), r.partition());
            first.putIfAbsent(tp, r.offset());
            after.put(tp, r.offset() + 1);
            ParsedLine parsed = misplaced(FeedParser.parseLine(1, r.value()), r);
            if (parsed.ok()) events.add(parsed.event());
            else if (!quarantined.contains(where(r))) {
                poison.add(r);
                reasons.add(parsed.reason());
            }
        }
        return quarantine(poison, reasons)
                .compose(v -> apply(events))
                .compose(v -> commit(after))
                .recover(e -> seekBack(first).transform(x -> Future.failedFuture(e)));
    }

    /**
     * On the shared account topics a record's partition decides which instance applies it: a position or return
     * keyed by something else than its account, or a price there, would be judged by an instance that does not own
     * the account, or by one instance only. Such a record is quarantined with the reason, not applied half-way.
     */
    private ParsedLine misplaced(ParsedLine parsed, KafkaConsumerRecord<String, String> r) {
        if (cluster == null || !parsed.ok()) return parsed;
        int expected = cluster.partitionFor(parsed.event());
        if (expected == r.partition()) return parsed;
        return ParsedLine.rejected(parsed.line(), expected < 0
                ? "多实例时账户主题只接受持仓和收益消息 / with several instances the account topics carry positions and returns only"
                : "多实例时持仓和收益消息须以账户为键，应在分区 " + expected + " / with several instances positions and returns must be keyed by account (partition " + expected + ")");
    }

    /**
     * Dead-letter topic first, then the table; only when both hold a record is it done. A record already on the
     * topic is not sent again when only the table write failed and the batch is retried.
     */
    private Future<Void> quarantine(List<KafkaConsumerRecord<String, String>> poison, List<String> reasons) {
        if (poison.isEmpty()) return Future.succeededFuture();
        List<Future<?>> sends = new ArrayList<>();
        List<Map.Entry<String, StateStore.DeadLetter>> rows = new ArrayList<>();
        for (int i = 0; i < poison.size(); i++) {
            KafkaConsumerRecord<String, String> r = poison.get(i);
            String reason = reasons.get(i);
            String payload = r.value() == null ? "" : r.value();
            LOG.warning("Kafka feed: record " + where(r) + " key " + r.key() + " rejected, to " + config.deadLetterTopic()
                    + ": " + reason);
            if (!deadLettered.contains(where(r))) {
                KafkaProducerRecord<String, String> dl = KafkaProducerRecord.create(config.deadLetterTopic(), r.key(), r.value())
                        .addHeader(REASON_HEADER, reason).addHeader(SOURCE_HEADER, where(r));
                sends.add(deadLetters.send(dl).onSuccess(m -> deadLettered.add(where(r))));
            }
            rows.add(Map.entry("kafka:" + where(r), new StateStore.DeadLetter(null, reason, payload)));
        }
        return Future.all(sends).compose(v -> state.reject(rows)).onSuccess(v -> {
            poison.forEach(r -> quarantined.add(where(r)));
            metrics.feedRejected("parse", poison.size());
        });
    }

    private Future<Void> apply(List<FeedEvent> events) {
        if (events.isEmpty()) return Future.succeededFuture();
        return vertx.eventBus().request(Bus.FEED, new FeedBatch("kafka", events),
                new DeliveryOptions().setSendTimeout(ENGINE_TIMEOUT_MS)).mapEmpty();
    }

    private Future<Void> commit(Map<TopicPartition, Long> after) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        after.forEach((tp, offset) -> offsets.put(tp, new OffsetAndMetadata(offset, "")));
        return consumer.commit(offsets).<Void>mapEmpty().onSuccess(v -> {
            quarantined.clear();
            deadLettered.clear();
        });
    }

    /** Rewinds each partition of the batch; a partition no longer assigned (rebalance) is someone else's now. */
    private Future<Void> seekBack(Map<TopicPartition, Long> first) {
        List<Future<Void>> seeks = new ArrayList<>();
        first.forEach((tp, offset) -> seeks.add(consumer.seek(tp, offset).otherwiseEmpty()));
        return Future.join(seeks).mapEmpty();
    }

    private static String where(KafkaConsumerRecord<String, String> r) {
        return r.topic() + "/" + r.partition() + "@" + r.offset();
    }
}
