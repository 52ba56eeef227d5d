package com.mandatewatch.feed;

import com.mandatewatch.support.KafkaBroker;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

class KafkaBrokerSmokeTest {
    @Test
    void brokerStarts() {
        try (KafkaBroker b = KafkaBroker.start()) {
            b.createTopics(1, "smoke");
            b.send("smoke", "k", "v");
            assertEquals("v", b.readAll("smoke", 1, Duration.ofSeconds(20)).get(0).value());
        }
    }
}
