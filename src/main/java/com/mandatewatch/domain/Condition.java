package com.mandatewatch.domain;

import java.math.BigDecimal;
import java.util.Map;

/**
 * One rule condition that holds right now, as a pure rule reports it: the alert it feeds is identified by
 * {@link #fingerprint()}. {@code value} and {@code limit} may be null where a rule has no number (exclusion).
 * {@code evidence} holds the inputs the verdict was taken on, as strings and numbers ready for JSON.
 */
public record Condition(Rule rule, String account, String subject, Severity severity, BigDecimal value,
                        BigDecimal limit, String message, String messageEn, Map<String, Object> evidence) {
    public Condition {
        evidence = evidence == null ? Map.of() : Map.copyOf(evidence);
    }

    public String fingerprint() { return fingerprint(rule, account, subject); }

    public static String fingerprint(Rule rule, String account, String subject) {
        return rule.name() + ":" + account + ":" + subject;
    }
}
