package com.mandatewatch.config;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a single start reads from the environment that the cluster and Kafka tests do not cover. */
class ConfigLoaderTest {
    @Test
    @DisplayName("The e-mail link follows MW_HTTP_PORT unless MW_DASHBOARD_URL names one")
    void dashboardLinkFollowsThePort() {
        assertEquals("http://localhost:8080/", ConfigLoader.load(Map.of()).dashboardUrl());
        assertEquals("http://localhost:18080/", ConfigLoader.load(Map.of("MW_HTTP_PORT", "18080")).dashboardUrl());
        assertEquals("https://mw.example.cn/", ConfigLoader.load(Map.of("MW_HTTP_PORT", "18080",
                "MW_DASHBOARD_URL", "https://mw.example.cn/")).dashboardUrl());
    }

    @Test
    @DisplayName("A bad value names the variable that was set, in Chinese first")
    void errorsNameTheVariable() {
        String duration = assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of("MW_NOTIFY_GROUP_WAIT", "10 sekunden"))).getMessage();
        assertTrue(duration.startsWith("MW_NOTIFY_GROUP_WAIT (notify.group-wait) 必须是时长"), duration);
        String port = assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of("MW_HTTP_PORT", "80000"))).getMessage();
        assertTrue(port.startsWith("MW_HTTP_PORT (http.port) 必须是"), port);
        String clock = assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of("MW_CLOCK", "sundial"))).getMessage();
        assertTrue(clock.startsWith("MW_CLOCK (clock) 只能是 wall 或 feed"), clock);
    }
}
