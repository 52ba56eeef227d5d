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
 * {@code clientName} is carried for people, not identity. {@code remindedOn} is the business date of the last
 * mailed maturity announcement (the schedule continues from it after a restart); {@code escalatedAt} is when a
 * passive breach outlived its cure period and went to SALES_LEAD (once).
 */
public record Alert(long id, String fingerprint, Rule rule, Severity severity, AlertState state, String account,
                    String clientCode, String clientName, String subject, BigDecimal value, BigDecimal limit,
                    Cause cause, LocalDate cureBy, String message, String messageEn, Map<String, Object> evidence,
                    Instant openedAt, Instant updatedAt, Instant resolvedAt, String acknowledgedBy, String comment,
                    LocalDate remindedOn, Instant escalatedAt) {

    /** An alert without schedule state: what every rule opens with. */
    public Alert(long id, String fingerprint, Rule rule, Severity severity, AlertState state, String account,
                 String clientCode, String clientName, String subject, BigDecimal value, BigDecimal limit,
                 Cause cause, LocalDate cureBy, String message, String messageEn, Map<String, Object> evidence,
                 Instant openedAt, Instant updatedAt, Instant resolvedAt, String acknowledgedBy, String comment) {
        this(id, fingerprint, rule, severity, state, account, clientCode, clientName, subject, value, limit, cause, cureBy,
                message, messageEn, evidence, openedAt, updatedAt, resolvedAt, acknowledgedBy, comment, null, null);
    }

    public Alert withId(long newId) {
        return new Alert(newId, fingerprint, rule, severity, state, account, clientCode, clientName, subject, value, limit,
                cause, cureBy, message, messageEn, evidence, openedAt, updatedAt, resolvedAt, acknowledgedBy, comment,
                remindedOn, escalatedAt);
    }

    public Alert acknowledged(String by, String note, Instant at) {
        return new Alert(id, fingerprint, rule, severity, AlertState.ACKNOWLEDGED, account, clientCode, clientName, subject,
                value, limit, cause, cureBy, message, messageEn, evidence, openedAt, at, resolvedAt, by, note,
                remindedOn, escalatedAt);
    }

    /** The condition no longer holds: the message says so, and keeps the reading it last fired on after it. */
    public Alert resolved(Instant at) {
        return new Alert(id, fingerprint, rule, severity, AlertState.RESOLVED, account, clientCode, clientName, subject,
                value, limit, cause, cureBy, Resolution.zh(this), Resolution.en(this), evidence, openedAt, at, at,
                acknowledgedBy, comment, remindedOn, escalatedAt);
    }

    /** The maturity announcement of this business date went out (an OPENED, a mailed UPDATED or a REMINDER). */
    public Alert remindedOn(LocalDate day) {
        return new Alert(id, fingerprint, rule, severity, state, account, clientCode, clientName, subject, value, limit,
                cause, cureBy, message, messageEn, evidence, openedAt, updatedAt, resolvedAt, acknowledgedBy, comment,
                day, escalatedAt);
    }

    /** Today's reading of a scheduled announcement: the countdown and its evidence, stamped with the day it went out. */
    public Alert reminded(BigDecimal newValue, String newMessage, String newMessageEn, Map<String, Object> newEvidence,
                          Instant at, LocalDate day) {
        return new Alert(id, fingerprint, rule, severity, state, account, clientCode, clientName, subject, newValue, limit,
                cause, cureBy, newMessage, newMessageEn, newEvidence, openedAt, at, resolvedAt, acknowledgedBy, comment,
                day, escalatedAt);
    }

    /**
     * The cure period lapsed with the breach still there: the alert changes (escalation), so an acknowledgement given
     * for a curable breach no longer holds and the alert is FIRING again.
     */
    public Alert escalated(String newMessage, String newMessageEn, Map<String, Object> newEvidence, Instant at) {
        return new Alert(id, fingerprint, rule, severity, AlertState.FIRING, account, clientCode, clientName, subject, value,
                limit, cause, cureBy, newMessage, newMessageEn, newEvidence, openedAt, at, resolvedAt, null, null,
                remindedOn, at);
    }
}
