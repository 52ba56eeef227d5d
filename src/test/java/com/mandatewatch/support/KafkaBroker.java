package com.mandatewatch.support;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A real single-node KRaft Kafka broker (combined broker + controller) started in this JVM from the Kafka
 * Maven artefacts, with plain blocking helpers for tests. No Docker, no mock.
 */
public final class KafkaBroker implements AutoCloseable {
    /** Held: java.util.logging keeps loggers weakly. The broker logs every step at INFO; only warnings are kept. */
    private static final java.util.logging.Logger[] QUIET = {java.util.logging.Logger.getLogger("org.apache.kafka"),
            java.util.logging.Logger.getLogger("kafka"), java.util.logging.Logger.getLogger("state.change.logger")};

    static {
        for (var l : QUIET) l.setLevel(java.util.logging.Level.WARNING);
    }

    private final KafkaClusterTestKit cluster;
    private final Admin admin;
    private final KafkaProducer<String, String> producer;

    private KafkaBroker(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
        this.admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()));
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        this.producer = new KafkaProducer<>(p);
    }

    public static KafkaBroker start() {
        try {
            KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("offsets.topic.num.partitions", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            return new KafkaBroker(cluster);
        } catch (Exception e) {
            throw new IllegalStateException("in-process Kafka broker did not start: " + e, e);
        }
    }

    public String bootstrap() { return cluster.bootstrapServers(); }

    public void createTopics(int partitions, String... names) {
        try {
            admin.createTopics(java.util.Arrays.stream(names).map(n -> new NewTopic(n, partitions, (short) 1)).toList()).all().get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends one record to partition 0 and waits for the broker's acknowledgement. */
    public void send(String topic, String key, String value) {
        try {
            producer.send(new ProducerRecord<>(topic, 0, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends one record to the partition Kafka's default partitioner picks for its key, as a producer keyed per SPEC §3 would. */
    public void sendKeyed(String topic, String key, String value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every record of a topic from the beginning, read with a throwaway consumer outside any group. */
    public List<ConsumerRecord<String, String>> readAll(String topic, int expected, Duration within) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p)) {
            c.subscribe(List.of(topic));
            long end = System.nanoTime() + within.toNanos();
            while (out.size() < expected && System.nanoTime() < end) c.poll(Duration.ofMillis(200)).forEach(out::add);
        }
        return out;
    }

    /** Moves a group's committed offset back, as if its consumer had died before committing (the group must be empty). */
    public void rewind(String group, String topic, int partition, long offset) {
        try {
            admin.alterConsumerGroupOffsets(group, Map.of(new TopicPartition(topic, partition), new OffsetAndMetadata(offset))).all().get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends one record to partition 0 and answers its offset once the broker acknowledged it. */
    public long sendAt(String topic, String key, String value) {
        try {
            return producer.send(new ProducerRecord<>(topic, 0, key, value)).get().offset();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Committed offset of a group per partition of a topic (absent: nothing committed). */
    public Map<TopicPartition, Long> committed(String group) {
        try {
            Map<TopicPartition, OffsetAndMetadata> m = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            return m.entrySet().stream().filter(e -> e.getValue() != null)
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Log-end offset of each partition of a topic. */
    public Map<TopicPartition, Long> endOffsets(String topic, int partitions) {
        try {
            Map<TopicPartition, OffsetSpec> req = new java.util.HashMap<>();
            for (int i = 0; i < partitions; i++) req.put(new TopicPartition(topic, i), OffsetSpec.latest());
            return admin.listOffsets(req).all().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Total lag of a group over the given topics: end offset minus committed offset, summed. */
    public long lag(String group, String... topics) {
        Map<TopicPartition, Long> committed = committed(group);
        long lag = 0;
        for (String t : topics) {
            for (var e : endOffsets(t, partitions(t)).entrySet()) lag += e.getValue() - committed.getOrDefault(e.getKey(), 0L);
        }
        return lag;
    }

    private int partitions(String topic) {
        try {
            return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        admin.close(Duration.ofSeconds(5));
        try {
            cluster.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
