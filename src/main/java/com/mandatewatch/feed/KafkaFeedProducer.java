package com.mandatewatch.feed;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * With several instances, feed lines posted over HTTP go to Kafka rather than to this instance's engine: a
 * position or return is keyed by its account on the account topic, so the instance that owns the account
 * applies it; securities, prices and clock messages go to a topic every instance reads.
 */
public final class KafkaFeedProducer {
    private final KafkaProducer<String, String> producer;
    private final String accountTopic;
    private final String sharedTopic;

    public KafkaFeedProducer(Vertx vertx, String bootstrap, String accountTopic, String sharedTopic) {
        Map<String, String> p = new HashMap<>();
        p.put("bootstrap.servers", bootstrap);
        p.put("acks", "all");
        p.put("enable.idempotence", "true");
        p.put("key.serializer", "org.apache.kafka.common.serialization.StringSerializer");
        p.put("value.serializer", "org.apache.kafka.common.serialization.StringSerializer");
        this.producer = KafkaProducer.create(vertx, p);
        this.accountTopic = accountTopic;
        this.sharedTopic = sharedTopic;
    }

    /** Sends each valid line as it was posted; completes when the brokers hold them all (acks=all). */
    public Future<Void> publish(List<String> lines, List<FeedEvent> events) {
        List<Future<?>> sent = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            FeedEvent e = events.get(i);
            String account = e instanceof FeedEvent.Position q ? q.account() : e instanceof FeedEvent.Return r ? r.account() : null;
            KafkaProducerRecord<String, String> record = account != null
                    ? KafkaProducerRecord.create(accountTopic, account, lines.get(i))
                    : KafkaProducerRecord.create(sharedTopic, codeOf(e), lines.get(i));
            sent.add(producer.send(record));
        }
        return Future.all(sent).mapEmpty();
    }

    /** Securities and prices keyed by security code (SPEC §3 topics), clock messages by nothing. */
    private static String codeOf(FeedEvent e) {
        if (e instanceof FeedEvent.Price p) return p.code();
        if (e instanceof FeedEvent.SecurityUpdate s) return s.security().code();
        return null;
    }

    public Future<Void> close() {
        return producer.close();
    }
}
