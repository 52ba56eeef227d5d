package com.mandatewatch.config;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KafkaConfigTest {
    @Test
    @DisplayName("SPEC §8 MW_KAFKA_BOOTSTRAP unset means no Kafka; the defaults are one topic per SPEC §3 family, group mandate-watch and DLQ mw.feed.dlq")
    void defaults() {
        AppConfig.Kafka k = ConfigLoader.load(Map.of()).kafka();
        assertFalse(k.configured());
        assertEquals(List.of("mw.feed.security", "mw.feed.price", "mw.feed.position", "mw.feed.return", "mw.feed.clock"), k.topics());
        assertEquals("mandate-watch", k.groupId());
        assertEquals("mw.feed.dlq", k.deadLetterTopic());
        assertEquals(Duration.ofSeconds(2), k.retryPause());
    }

    @Test
    @DisplayName("SPEC §8 the Kafka variables override the file; a dead-letter topic among the feed topics or an empty topic list stops start-up naming the variable")
    void overridesAndValidation() {
        AppConfig.Kafka k = ConfigLoader.load(Map.of("MW_KAFKA_BOOTSTRAP", "k1:9092,k2:9092", "MW_KAFKA_TOPICS", " a.feed , b.feed ",
                "MW_KAFKA_GROUP_ID", "g", "MW_KAFKA_DEAD_LETTER_TOPIC", "a.dlq")).kafka();
        assertTrue(k.configured());
        assertEquals("k1:9092,k2:9092", k.bootstrap());
        assertEquals(List.of("a.feed", "b.feed"), k.topics());
        assertEquals("g", k.groupId());
        assertEquals("a.dlq", k.deadLetterTopic());
        assertTrue(assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of("MW_KAFKA_TOPICS", "a,b", "MW_KAFKA_DEAD_LETTER_TOPIC", "b")))
                .getMessage().contains("MW_KAFKA_DEAD_LETTER_TOPIC"));
        assertTrue(assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of("MW_KAFKA_TOPICS", " , ")))
                .getMessage().contains("MW_KAFKA_TOPICS"));
        assertTrue(assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of("MW_KAFKA_GROUP_ID", "")))
                .getMessage().contains("MW_KAFKA_GROUP_ID"));
    }
}
