package com.mandatewatch.config;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClusterConfigTest {
    static final Map<String, String> CLUSTER = Map.of("MW_INSTANCE_ID", "mw-1", "MW_KAFKA_BOOTSTRAP", "k1:9092",
            "MW_DB_URL", "postgresql://mw:pw@db:5432/mw", "MW_DEMO", "false");

    static Map<String, String> with(String key, String value) {
        Map<String, String> env = new HashMap<>(CLUSTER);
        if (value == null) env.remove(key);
        else env.put(key, value);
        return env;
    }

    static String refused(Map<String, String> env) {
        return assertThrows(ConfigException.class, () -> ConfigLoader.load(env)).getMessage();
    }

    @Test
    @DisplayName("Without MW_INSTANCE_ID the service is a single instance; with it, the account topics are positions and returns and the sessions last 10 s")
    void defaults() {
        assertFalse(ConfigLoader.load(Map.of()).cluster().enabled());
        AppConfig c = ConfigLoader.load(CLUSTER);
        assertTrue(c.cluster().enabled());
        assertEquals("mw-1", c.cluster().instanceId());
        assertEquals(List.of("mw.feed.position", "mw.feed.return"), c.cluster().accountTopics());
        assertEquals("", c.cluster().advertisedUrl()); // filled in from the host name and the bound port at start
        assertEquals(Duration.ofSeconds(10), c.kafka().sessionTimeout());
    }

    @Test
    @DisplayName("Several instances need Kafka, a shared database and no demo; account topics, instance id, URL and session timeout are checked, each error naming its variable")
    void validation() {
        assertTrue(refused(with("MW_KAFKA_BOOTSTRAP", null)).contains("MW_KAFKA_BOOTSTRAP"));
        assertTrue(refused(with("MW_DB_URL", null)).contains("MW_DB_URL"));
        assertTrue(refused(with("MW_DEMO", "true")).contains("MW_DEMO=false"));
        assertTrue(refused(with("MW_INSTANCE_ID", "a b")).contains("MW_INSTANCE_ID"));
        assertTrue(refused(with("MW_CLUSTER_ACCOUNT_TOPICS", "mw.feed.nope")).contains("MW_CLUSTER_ACCOUNT_TOPICS"));
        assertTrue(refused(with("MW_CLUSTER_ACCOUNT_TOPICS", "mw.feed.security,mw.feed.price,mw.feed.position,mw.feed.return,mw.feed.clock"))
                .contains("some, not all"));
        assertTrue(refused(with("MW_ADVERTISED_URL", "http://host:8080/path")).contains("MW_ADVERTISED_URL"));
        assertTrue(refused(with("MW_KAFKA_SESSION_TIMEOUT", "2s")).contains("MW_KAFKA_SESSION_TIMEOUT"));
        assertEquals("http://mw-1.internal:8080", ConfigLoader.load(with("MW_ADVERTISED_URL", "http://mw-1.internal:8080")).cluster().advertisedUrl());
    }
}
