package com.mandatewatch.config;

import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads conf/application.yaml from the classpath, applies MW_* environment overrides and validates the
 * result; a bad value stops start-up with a message naming the key.
 */
public final class ConfigLoader {
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private final Map<String, Object> yaml;
    private final Map<String, String> env;

    private ConfigLoader(Map<String, Object> yaml, Map<String, String> env) {
        this.yaml = yaml;
        this.env = env;
    }

    public static AppConfig load(Map<String, String> env) {
        try (InputStream in = ConfigLoader.class.getClassLoader().getResourceAsStream("conf/application.yaml")) {
            if (in == null) throw new ConfigException("conf/application.yaml is missing from the classpath");
            Map<String, Object> root = new Yaml().load(in);
            return new ConfigLoader(root == null ? Map.of() : root, env).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private AppConfig build() {
        boolean demo = bool("demo", "MW_DEMO");
        String clock = string("clock", "MW_CLOCK").toUpperCase(Locale.ROOT);
        AppConfig.ClockMode clockMode;
        if (clock.isBlank()) clockMode = demo ? AppConfig.ClockMode.FEED : AppConfig.ClockMode.WALL;
        else if (clock.equals("WALL") || clock.equals("FEED")) clockMode = AppConfig.ClockMode.valueOf(clock);
        else throw new ConfigException("MW_CLOCK (clock) 只能是 wall 或 feed，而不是 " + clock + " / must be wall or feed, not " + clock);
        double speed = number("replay.speed", "MW_REPLAY_SPEED");
        if (!(speed > 0 && speed <= 1000)) throw new ConfigException("MW_REPLAY_SPEED (replay.speed) 必须大于 0 且不超过 1000 / must be in (0, 1000]");
        AppConfig.Smtp smtp = new AppConfig.Smtp(string("smtp.host", "MW_SMTP_HOST"),
                port("smtp.port", "MW_SMTP_PORT"), env.getOrDefault("MW_SMTP_USER", ""),
                env.getOrDefault("MW_SMTP_PASSWORD", ""), bool("smtp.ssl", "MW_SMTP_SSL"),
                string("smtp.from", "MW_MAIL_FROM"), positive("smtp.timeout", "MW_SMTP_TIMEOUT"),
                (int) number("smtp.pool-size", null));
        if (smtp.poolSize() < 1) throw new ConfigException("smtp.pool-size must be at least 1");
        AppConfig.Retry retry = new AppConfig.Retry(positive("notify.retry-initial", "MW_NOTIFY_RETRY_INITIAL"),
                positive("notify.retry-max", "MW_NOTIFY_RETRY_MAX"));
        AppConfig.WebSocket ws = new AppConfig.WebSocket(positive("ws.ping-interval", "MW_WS_PING_INTERVAL"),
                positive("ws.dead-after", "MW_WS_DEAD_AFTER"));
        if (ws.deadAfter().compareTo(ws.pingInterval()) < 0) {
            throw new ConfigException("ws.dead-after must not be shorter than ws.ping-interval: a peer needs a ping to answer");
        }
        String adminPassword = env.get("MW_ADMIN_PASSWORD");
        AppConfig.Kafka kafka = kafka();
        int httpPort = port("http.port", "MW_HTTP_PORT");
        String dashboardUrl = string("notify.dashboard-url", "MW_DASHBOARD_URL");
        // unset: this instance's own port, so that a start with MW_HTTP_PORT alone mails links that work on this host
        if (dashboardUrl.isBlank()) dashboardUrl = "http://localhost:" + httpPort + "/";
        return new AppConfig(httpPort, stringList("http.allowed-origins"),
                Path.of(string("data-dir", "MW_DATA_DIR")), string("db.url", "MW_DB_URL"),
                (int) number("db.pool-size", null), smtp, demo, speed, clockMode,
                duration("feed.stale-after", null), (int) number("feed.max-body-bytes", null),
                duration("notify.group-wait", "MW_NOTIFY_GROUP_WAIT"), duration("notify.min-interval", "MW_NOTIFY_MIN_INTERVAL"),
                duration("alerts.keep-firing-for", "MW_ALERTS_KEEP_FIRING_FOR"), dashboardUrl,
                (int) number("rules.cure-trading-days", null), duration("auth.token-ttl", null),
                adminPassword == null || adminPassword.isBlank() ? null : adminPassword, retry, ws, kafka, cluster(kafka));
    }

    private AppConfig.Kafka kafka() {
        List<String> topics = (env.containsKey("MW_KAFKA_TOPICS") ? commaList(env.get("MW_KAFKA_TOPICS"))
                : stringList("kafka.topics").stream().map(String::trim).toList());
        if (topics.isEmpty() || topics.stream().anyMatch(t -> !t.matches("[A-Za-z0-9._-]{1,249}")))
            throw new ConfigException("MW_KAFKA_TOPICS (kafka.topics) must be a non-empty list of topic names, not " + topics);
        String group = string("kafka.group-id", "MW_KAFKA_GROUP_ID");
        if (group.isBlank()) throw new ConfigException("MW_KAFKA_GROUP_ID (kafka.group-id) must not be empty");
        String dlq = string("kafka.dead-letter-topic", "MW_KAFKA_DEAD_LETTER_TOPIC");
        if (!dlq.matches("[A-Za-z0-9._-]{1,249}") || topics.contains(dlq))
            throw new ConfigException("MW_KAFKA_DEAD_LETTER_TOPIC (kafka.dead-letter-topic) must be a topic name not among kafka.topics, not " + dlq);
        Duration session = positive("kafka.session-timeout", "MW_KAFKA_SESSION_TIMEOUT");
        // the broker's default bounds for a member's session (group.min/max.session.timeout.ms)
        if (session.compareTo(Duration.ofSeconds(6)) < 0 || session.compareTo(Duration.ofMinutes(30)) > 0)
            throw new ConfigException("MW_KAFKA_SESSION_TIMEOUT (kafka.session-timeout) must be between 6s and 30m, not " + session);
        return new AppConfig.Kafka(string("kafka.bootstrap", "MW_KAFKA_BOOTSTRAP"), topics, group, dlq, duration("kafka.retry-pause", null), session);
    }

    /**
     * Cluster mode needs Kafka (the consumer group decides which instance owns an account) and a database the
     * instances share (an embedded one lives inside a single instance), and the account topics must be feed topics.
     */
    private AppConfig.Cluster cluster(AppConfig.Kafka kafka) {
        String id = string("cluster.instance-id", "MW_INSTANCE_ID");
        List<String> accountTopics = env.containsKey("MW_CLUSTER_ACCOUNT_TOPICS") ? commaList(env.get("MW_CLUSTER_ACCOUNT_TOPICS"))
                : stringList("cluster.account-topics").stream().map(String::trim).toList();
        String url = string("cluster.advertised-url", "MW_ADVERTISED_URL");
        if (id.isBlank()) return new AppConfig.Cluster("", url, accountTopics);
        if (!id.matches("[A-Za-z0-9._-]{1,64}"))
            throw new ConfigException("MW_INSTANCE_ID (cluster.instance-id) must be 1-64 letters, digits, '.', '_' or '-', not " + id);
        if (!kafka.configured())
            throw new ConfigException("MW_INSTANCE_ID (cluster.instance-id) needs MW_KAFKA_BOOTSTRAP: the consumer group decides which instance owns an account");
        if (bool("demo", "MW_DEMO"))
            throw new ConfigException("MW_INSTANCE_ID (cluster.instance-id) needs MW_DEMO=false: the demo replay feeds one instance from its files");
        if (string("db.url", "MW_DB_URL").isBlank())
            throw new ConfigException("MW_INSTANCE_ID (cluster.instance-id) needs MW_DB_URL: the instances share one PostgreSQL, an embedded one belongs to a single instance");
        if (accountTopics.isEmpty() || !kafka.topics().containsAll(accountTopics) || kafka.topics().size() == accountTopics.size())
            throw new ConfigException("MW_CLUSTER_ACCOUNT_TOPICS (cluster.account-topics) must be some, not all, of kafka.topics (the rest are read by every instance), not " + accountTopics);
        if (!url.isBlank() && !url.matches("https?://[^/\\s]+"))
            throw new ConfigException("MW_ADVERTISED_URL (cluster.advertised-url) must be http(s)://host:port without a path, not " + url);
        return new AppConfig.Cluster(id, url, accountTopics);
    }

    private static List<String> commaList(String v) {
        return java.util.Arrays.stream(v.split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList();
    }

    private Object raw(String key, String envName) {
        if (envName != null && env.containsKey(envName)) return env.get(envName);
        Object node = yaml;
        for (String part : key.split("\\.")) {
            if (!(node instanceof Map<?, ?> map) || !map.containsKey(part)) throw new ConfigException("missing setting " + key);
            node = map.get(part);
        }
        return node;
    }

    private String string(String key, String envName) {
        Object v = raw(key, envName);
        return v == null ? "" : v.toString().trim();
    }

    private List<String> stringList(String key) {
        Object v = raw(key, null);
        if (v == null) return List.of();
        if (!(v instanceof List<?> list)) throw new ConfigException(key + " must be a list");
        return list.stream().map(Object::toString).toList();
    }

    private boolean bool(String key, String envName) {
        String v = string(key, envName).toLowerCase(Locale.ROOT);
        return switch (v) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new ConfigException(setting(key, envName) + " 必须是 true 或 false，而不是 " + v + " / must be true or false, not " + v);
        };
    }

    private double number(String key, String envName) {
        String v = string(key, envName);
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new ConfigException(setting(key, envName) + " 必须是数字，而不是 " + v + " / must be a number, not " + v);
        }
    }

    private int port(String key, String envName) {
        double p = number(key, envName);
        if (p != Math.rint(p) || p < 0 || p > 65535) throw new ConfigException(setting(key, envName) + " 必须是 0–65535 的端口号 / must be a port number");
        return (int) p;
    }

    private Duration positive(String key, String envName) {
        Duration d = duration(key, envName);
        if (d.isZero()) throw new ConfigException(setting(key, envName) + " 必须大于零 / must be greater than zero");
        return d;
    }

    private Duration duration(String key, String envName) {
        String v = string(key, envName);
        Matcher m = DURATION.matcher(v);
        if (!m.matches()) {
            throw new ConfigException(setting(key, envName) + " 必须是时长，如 10s、15m、2h，而不是 " + v + " / must be a duration such as 10s, 15m or 2h, not " + v);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    /** How an error names a setting: by the variable people set, with the file's key beside it. */
    private static String setting(String key, String envName) {
        return envName != null ? envName + " (" + key + ")" : key;
    }
}
