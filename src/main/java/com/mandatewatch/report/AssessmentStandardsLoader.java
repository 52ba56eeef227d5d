package com.mandatewatch.report;

import com.mandatewatch.config.ConfigException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads and validates conf/assessment.yaml. Every problem names the key it is about (e.g.
 * {@code weights.qualitative}), so that a bad edit stops start-up with a message the operator can act on, as
 * {@link ClassSchemeLoader} does for the classification file.
 */
public final class AssessmentStandardsLoader {
    private static final Map<String, Set<String>> SECTIONS = Map.of(
            "quantitative", Set.of("newContractPerTenMillion", "renewal", "lostClient", "lateCriticalAlert", "criticalAlertSla"),
            "bonus", Set.of("marketingPlan", "productItem"),
            "weights", Set.of("quantitative", "qualitative"),
            "qualitative", Set.of("max"));
    /** Longer than a month would let one alert's deadline skip the month it belongs to: a typo, not a standard. */
    private static final Duration MAX_SLA = Duration.ofDays(31);

    private final String source;

    private AssessmentStandardsLoader(String source) {
        this.source = source;
    }

    public static AssessmentStandards fromClasspath(String resource) {
        try (InputStream in = AssessmentStandardsLoader.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) throw new ConfigException(resource + " is missing from the classpath");
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses the YAML text (every scalar read as text, never as a double); {@code source} only names the file. */
    public static AssessmentStandards parse(String yamlText, String source) {
        Object root;
        try {
            root = ClassSchemeLoader.exactYaml().load(yamlText);
        } catch (RuntimeException e) {
            throw new ConfigException(source + ": not valid YAML: " + e.getMessage());
        }
        return new AssessmentStandardsLoader(source).build(root instanceof Map<?, ?> m ? m : Map.of());
    }

    private AssessmentStandards build(Map<?, ?> root) {
        unknownKeys(root, SECTIONS.keySet(), "");
        for (Map.Entry<String, Set<String>> s : SECTIONS.entrySet()) unknownKeys(map(root, s.getKey()), s.getValue(), s.getKey() + ".");
        Map<?, ?> quantitative = map(root, "quantitative");
        Map<?, ?> bonus = map(root, "bonus");
        Map<?, ?> weights = map(root, "weights");
        Map<?, ?> qualitative = map(root, "qualitative");
        BigDecimal wq = weight(weights, "weights.quantitative", "quantitative");
        BigDecimal wl = weight(weights, "weights.qualitative", "qualitative");
        // exactly 1: 0.7 + 0.3, never "about 1" (the score would silently drift from the standard's scale)
        if (wq.add(wl).compareTo(BigDecimal.ONE) != 0) {
            fail("weights.quantitative + weights.qualitative must be exactly 1, not " + wq.add(wl).toPlainString());
        }
        BigDecimal max = decimal(qualitative, "max", "qualitative.max");
        if (max.signum() <= 0) fail("qualitative.max must be above 0, not " + max.toPlainString());
        if (max.stripTrailingZeros().scale() > 2) fail("qualitative.max may have at most two decimals, not " + max.toPlainString());
        return new AssessmentStandards(
                points(quantitative, "newContractPerTenMillion", "quantitative."),
                points(quantitative, "renewal", "quantitative."),
                points(quantitative, "lostClient", "quantitative."),
                points(quantitative, "lateCriticalAlert", "quantitative."),
                sla(quantitative),
                points(bonus, "marketingPlan", "bonus."),
                points(bonus, "productItem", "bonus."),
                wq, wl, max);
    }

    /** Points per unit, ≥ 0: a deduction is written as a positive number, so a sign cannot be doubled by mistake. */
    private BigDecimal points(Map<?, ?> section, String key, String prefix) {
        BigDecimal d = decimal(section, key, prefix + key);
        if (d.signum() < 0) {
            fail(prefix + key + " must be ≥ 0 (deductions are written as positive numbers), not " + d.toPlainString());
        }
        return d;
    }

    private BigDecimal weight(Map<?, ?> section, String at, String key) {
        BigDecimal d = decimal(section, key, at);
        if (d.signum() < 0 || d.compareTo(BigDecimal.ONE) > 0) fail(at + " must be between 0 and 1, not " + d.toPlainString());
        return d;
    }

    private Duration sla(Map<?, ?> section) {
        String at = "quantitative.criticalAlertSla";
        String s = text(section, "criticalAlertSla", at);
        Duration d;
        try {
            d = Duration.parse(s);
        } catch (DateTimeParseException e) {
            throw fail(at + " must be an ISO-8601 duration such as PT24H or PT30M, not " + s);
        }
        if (d.isNegative() || d.isZero()) fail(at + " must be longer than zero, not " + s);
        if (d.compareTo(MAX_SLA) > 0) fail(at + " must be at most P31D, not " + s);
        return d;
    }

    private void unknownKeys(Map<?, ?> m, Set<String> known, String prefix) {
        for (Object k : m.keySet()) {
            if (!known.contains(String.valueOf(k))) fail(prefix + k + " is not a known setting (expected one of " + new TreeSet<>(known) + ")");
        }
        for (String k : new TreeSet<>(known)) {
            if (!m.containsKey(k)) fail(prefix + k + " is missing");
        }
    }

    private Map<?, ?> map(Map<?, ?> parent, String key) {
        Object v = parent.get(key);
        if (!(v instanceof Map<?, ?> m)) throw fail(key + (v == null ? " is missing" : " must be a mapping"));
        return m;
    }

    private String text(Map<?, ?> parent, String key, String at) {
        Object v = parent.get(key);
        if (v instanceof List<?> || v instanceof Map<?, ?>) throw fail(at + " must be a single value");
        if (!(v instanceof String s) || s.isBlank()) throw fail(at + " is missing or empty");
        return s.strip();
    }

    private BigDecimal decimal(Map<?, ?> parent, String key, String at) {
        String s = text(parent, key, at);
        try {
            return new BigDecimal(s.replace("_", ""));
        } catch (NumberFormatException e) {
            throw fail(at + " must be a decimal number, not " + s);
        }
    }

    private ConfigException fail(String message) {
        throw new ConfigException(source + ": " + message);
    }
}
