package com.mandatewatch.feed;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.mandatewatch.support.KafkaBroker;
import com.mandatewatch.support.TestApp;
import io.vertx.core.json.JsonObject;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static com.mandatewatch.support.TestApp.position;
import static com.mandatewatch.support.TestApp.price;
import static com.mandatewatch.support.TestApp.security;
import static com.mandatewatch.support.TestApp.ts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CASES C01 and C02 through a real Kafka broker (single-node KRaft, started in this JVM from the Kafka
 * artefacts) and the whole service on its embedded PostgreSQL: records in, database, e-mail, DLQ topic,
 * committed offsets and /metrics out.
 */
class KafkaFeedTest {
    static KafkaBroker broker;
    static GreenMail smtp;
    static final String DAY = "2025-03-04";
    static final String[] FAMILIES = {"security", "price", "position", "return", "clock"};

    @BeforeAll
    static void start() {
        broker = KafkaBroker.start();
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    @AfterAll
    static void stop() {
        smtp.stop();
        broker.close();
    }

    /** Topics "<prefix>.security" … "<prefix>.clock" and "<prefix>.dlq" on the broker; the service's environment for them. */
    static Map<String, String> kafkaEnv(String prefix) {
        String[] topics = Arrays.stream(FAMILIES).map(f -> prefix + "." + f).toArray(String[]::new);
        broker.createTopics(1, topics);
        broker.createTopics(1, prefix + ".dlq");
        Map<String, String> env = new HashMap<>();
        env.put("MW_KAFKA_BOOTSTRAP", broker.bootstrap());
        env.put("MW_KAFKA_TOPICS", String.join(",", topics));
        env.put("MW_KAFKA_GROUP_ID", "mw-" + prefix);
        env.put("MW_KAFKA_DEAD_LETTER_TOPIC", prefix + ".dlq");
        env.put("MW_SMTP_HOST", "127.0.0.1");
        env.put("MW_SMTP_PORT", String.valueOf(smtp.getSmtp().getPort()));
        env.put("MW_MAIL_FROM", "mw@example.test");
        return env;
    }

    static String[] topics(String prefix) {
        return Arrays.stream(FAMILIES).map(f -> prefix + "." + f).toArray(String[]::new);
    }

    static void await(String what, long seconds, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) throw new AssertionError("not within " + seconds + " s: " + what);
            Thread.sleep(200);
        }
    }

    static JsonObject openAlert(TestApp app, String fingerprint) {
        for (Object o : app.alerts("state=open")) {
            JsonObject a = (JsonObject) o;
            if (fingerprint.equals(a.getString("fingerprint"))) return a;
        }
        return null;
    }

    static List<MimeMessage> mailsTo(String address) throws Exception {
        List<MimeMessage> out = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            if (m.getRecipients(Message.RecipientType.TO) != null
                    && Arrays.stream(m.getRecipients(Message.RecipientType.TO)).anyMatch(a -> a.toString().equals(address))) out.add(m);
        }
        return out;
    }

    @Test
    @DisplayName("C01 the same Kafka record delivered three times (applied, consumer stopped before its commit and restarted, then produced again) gives exactly one alert row, one alert event, one e-mail, and mw_feed_duplicates_total +2")
    void c01RedeliveryAfterRestartIsIdempotent() throws Exception {
        String prefix = "c01";
        Map<String, String> env = kafkaEnv(prefix);
        Path dir = Files.createTempDirectory("mw-kafka-c01-");
        String t = ts(DAY, "10:00");
        String fingerprint = "HOLDING_RATIO:A01K:K01.SH";
        String message = position("A01K", "K01.SH", "10800", t).put("id", "P-1001").encode(); // 1,080,000 of 10,000,000 = 10.80%
        long offset;
        try (TestApp app = TestApp.start(dir, env)) {
            app.setupClient("C01K", "A01K", "K-C01K", "cm-c01k", "cm-c01k@example.test");
            broker.send(prefix + ".security", "K01.SH", security("K01.SH", "STOCK", 1_000_000_000L, DAY).encode());
            broker.send(prefix + ".price", "K01.SH", price("K01.SH", "100.00", t).encode());
            broker.send(prefix + ".position", "A01K", position("A01K", "CASH", "8920000.00", t).encode());
            offset = broker.sendAt(prefix + ".position", "A01K", message);
            await("the first delivery is alerted", 30, () -> openAlert(app, fingerprint) != null);
            await("the first delivery is committed", 30, () -> broker.lag("mw-" + prefix, topics(prefix)) == 0);
        }
        // the consumer is gone; put the group back to before the record, as if it had died before committing
        broker.rewind("mw-" + prefix, prefix + ".position", 0, offset);
        try (TestApp app = TestApp.start(dir, env)) {
            await("the redelivery after the restart is seen as a duplicate", 30,
                    () -> app.metric("mw_feed_duplicates_total") >= 1);
            broker.send(prefix + ".position", "A01K", message); // and the identical record once more
            await("the third delivery is read and committed", 30,
                    () -> app.metric("mw_feed_duplicates_total") >= 2 && broker.lag("mw-" + prefix, topics(prefix)) == 0);
            assertEquals(2, app.metric("mw_feed_duplicates_total"), 1e-9);
            assertEquals(1, app.sql("SELECT id FROM alert WHERE fingerprint = $1", fingerprint).size(), "one alert row");
            assertEquals(1, app.sql("SELECT seq FROM alert_event e JOIN alert a ON a.id = e.alert_id WHERE a.fingerprint = $1",
                    fingerprint).size(), "one alert event");
            await("the opening e-mail is sent", 20, () -> {
                try {
                    return mailsTo("cm-c01k@example.test").size() >= 1;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(2500); // one more outbox pass would have sent a second mail
            assertEquals(1, mailsTo("cm-c01k@example.test").size(), "exactly one e-mail");
        } finally {
            TestApp.deleteTree(dir);
        }
    }

    @Test
    @DisplayName("C02 on one partition a valid record, three poison records (truncated JSON, non-numeric quantity, missing account) and a valid 12% breach: the breach alerts, each poison record lands in the DLQ topic with its reason and in feed_rejected, is counted as reason=parse, and the group's lag ends at 0")
    void c02PoisonRecordsAreQuarantinedAndTheStreamAdvances() throws Exception {
        String prefix = "c02";
        Map<String, String> env = kafkaEnv(prefix);
        String t = ts(DAY, "10:05");
        try (TestApp app = TestApp.start(env)) {
            app.setupClient("C02K", "A02K", "K-C02K", "cm-c02k", "cm-c02k@example.test");
            JsonObject ready = app.call("GET", "/health/ready", null, null).json();
            assertEquals("UP", ready.getString("status"), ready.encode());
            assertEquals("UP", ready.getString("database"), ready.encode());
            assertEquals("UP", ready.getString("kafka"), ready.encode());
            broker.send(prefix + ".security", "K02.SH", security("K02.SH", "STOCK", 1_000_000_000L, DAY).encode());
            broker.send(prefix + ".price", "K02.SH", price("K02.SH", "100.00", t).encode());
            await("the price is stored", 30, () -> !app.sql("SELECT code FROM price WHERE code = 'K02.SH'").isEmpty());
            double parseBefore = app.metric("mw_feed_events_rejected_total{reason=\"parse\"}");

            JsonObject noAccount = position("A02K", "K02.SH", "100", t);
            noAccount.remove("account");
            List<String> poison = List.of(
                    "{\"type\":\"position\",\"account\":\"A02K\",\"code\":\"K02.SH\",\"quantity\": 10.5,",   // truncated
                    position("A02K", "K02.SH", "abc", t).encode(),                                          // not a number
                    noAccount.encode());                                                                    // no account
            String topic = prefix + ".position";
            broker.send(topic, "A02K", position("A02K", "CASH", "8800000.00", t).encode());
            List<Long> poisonOffsets = new ArrayList<>();
            for (String p : poison) poisonOffsets.add(broker.sendAt(topic, "A02K", p));
            broker.send(topic, "A02K", position("A02K", "K02.SH", "12000", t).encode()); // 1,200,000 of 10,000,000 = 12%

            await("the breach after the poison records is alerted", 30, () -> {
                JsonObject a = openAlert(app, "HOLDING_RATIO:A02K:K02.SH");
                return a != null && "CRITICAL".equals(a.getString("severity"));
            });
            JsonObject alert = openAlert(app, "HOLDING_RATIO:A02K:K02.SH");
            assertNotNull(alert);
            assertEquals(0, new BigDecimal("0.12").compareTo(new BigDecimal(alert.getString("value"))));
            await("every offset is committed after processing", 30, () -> broker.lag("mw-" + prefix, topics(prefix)) == 0);

            List<ConsumerRecord<String, String>> dead = broker.readAll(prefix + ".dlq", 3, Duration.ofSeconds(20));
            assertEquals(poison, dead.stream().map(ConsumerRecord::value).toList(), "the three poison records, as they were");
            List<String> reasons = dead.stream().map(r -> header(r, "mw-reason")).toList();
            assertTrue(reasons.get(0).contains("unparsable JSON"), reasons.toString());
            assertTrue(reasons.get(1).contains("quantity is not a valid number"), reasons.toString());
            assertTrue(reasons.get(2).contains("missing field account"), reasons.toString());
            assertEquals(poisonOffsets.stream().map(o -> topic + "/0@" + o).toList(),
                    dead.stream().map(r -> header(r, "mw-source")).toList());
            assertTrue(dead.stream().allMatch(r -> "A02K".equals(r.key())), "the original key is kept");

            List<JsonObject> rows = app.sql("SELECT source, reason, payload FROM feed_rejected WHERE source LIKE 'kafka:c02.%' ORDER BY id");
            assertEquals(poisonOffsets.stream().map(o -> "kafka:" + topic + "/0@" + o).toList(),
                    rows.stream().map(r -> r.getString("source")).toList());
            assertEquals(reasons, rows.stream().map(r -> r.getString("reason")).toList());
            assertEquals(poison, rows.stream().map(r -> r.getString("payload")).toList());
            assertEquals(parseBefore + 3, app.metric("mw_feed_events_rejected_total{reason=\"parse\"}"), 1e-9);
        }
    }

    @Test
    @DisplayName("C35 while PostgreSQL is down a Kafka batch is not committed and is read again after a pause; once the database is back the breach is alerted once, the poison record is quarantined once, and the lag ends at 0")
    void c35BatchNotStoredIsRetriedNotSkipped() throws Exception {
        String prefix = "c35";
        Map<String, String> env = kafkaEnv(prefix);
        Path pgDir = Files.createTempDirectory("mw-kafka-c35-pg-");
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        EmbeddedPostgres pg = postgres(pgDir, port);
        env.put("MW_DB_URL", "postgresql://postgres:postgres@127.0.0.1:" + port + "/postgres");
        String t = ts(DAY, "10:10");
        String topic = prefix + ".position";
        String group = "mw-" + prefix;
        try (TestApp app = TestApp.start(env)) {
            app.setupClient("C35K", "A35K", "K-C35K", "cm-c35k", "cm-c35k@example.test");
            broker.send(prefix + ".security", "K35.SH", security("K35.SH", "STOCK", 1_000_000_000L, DAY).encode());
            broker.send(prefix + ".price", "K35.SH", price("K35.SH", "100.00", t).encode());
            await("the reference data is read and committed", 30, () -> broker.lag(group, topics(prefix)) == 0);

            pg.close(); // the database goes away
            broker.send(topic, "A35K", position("A35K", "CASH", "8800000.00", t).encode());
            broker.send(topic, "A35K", "{\"type\":\"position\",");   // poison in the same batch
            broker.send(topic, "A35K", position("A35K", "K35.SH", "12000", t).encode()); // 12%
            Thread.sleep(5000); // two retry pauses at least
            assertEquals(3, broker.lag(group, topics(prefix)), "nothing is committed while the batch cannot be stored");

            pg = postgres(pgDir, port); // and comes back
            await("the retried batch is stored and committed", 60, () -> broker.lag(group, topics(prefix)) == 0);
            JsonObject alert = openAlert(app, "HOLDING_RATIO:A35K:K35.SH");
            assertNotNull(alert, "the breach read while the database was down is alerted once it is back");
            assertEquals(1, app.sql("SELECT id FROM alert WHERE fingerprint = 'HOLDING_RATIO:A35K:K35.SH'").size());
            assertEquals(1, app.sql("SELECT id FROM feed_rejected WHERE source LIKE 'kafka:c35.%'").size(), "quarantined once");
            assertEquals(1, broker.readAll(prefix + ".dlq", 2, Duration.ofSeconds(5)).size(), "dead-lettered once");
        } finally {
            pg.close();
            TestApp.deleteTree(pgDir);
        }
    }

    static EmbeddedPostgres postgres(Path dir, int port) throws java.io.IOException {
        return EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(false).setPort(port).start();
    }

    static String header(ConsumerRecord<String, String> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
