package com.mandatewatch.alerts;

import com.mandatewatch.domain.Cause;
import com.mandatewatch.domain.Rule;
import com.mandatewatch.domain.Severity;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * One alert as stored and announced (SPEC §5). {@code id} is 0 until the database has assigned it;
 * {@code clientName} is carried for people, not identity.
 */
public record Alert(long id, String fingerprint, Rule rule, Severity severity, AlertState state, String account,
                    String clientCode, String clientName, String subject, BigDecimal value, BigDecimal limit,
                    Cause cause, LocalDate cureBy, String message, String messageEn, Map<String, Object> evidence,
                    Instant openedAt, Instant updatedAt, Instant resolvedAt, String acknowledgedBy, String comment) {

    public Alert withId(long newId) {
        return new Alert(newId, fingerprint, rule, severity, state, account, clientCode, clientName, subject, value, limit,
                cause, cureBy, message, messageEn, evidence, openedAt, updatedAt, resolvedAt, acknowledgedBy, comment);
    }

    public Alert acknowledged(String by, String note, Instant at) {
        return new Alert(id, fingerprint, rule, severity, AlertState.ACKNOWLEDGED, account, clientCode, clientName, subject,
                value, limit, cause, cureBy, message, messageEn, evidence, openedAt, at, resolvedAt, by, note);
    }

    public Alert resolved(Instant at) {
        return new Alert(id, fingerprint, rule, severity, AlertState.RESOLVED, account, clientCode, clientName, subject,
                value, limit, cause, cureBy, message, messageEn, evidence, openedAt, at, at, acknowledgedBy, comment);
    }
}
