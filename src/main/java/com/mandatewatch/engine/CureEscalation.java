package com.mandatewatch.engine;

import com.mandatewatch.alerts.Alert;
import com.mandatewatch.alerts.EventKind;
import com.mandatewatch.alerts.Transition;
import com.mandatewatch.domain.Cause;
import com.mandatewatch.domain.Rule;
import com.mandatewatch.domain.Severity;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Escalates a passive holding breach that outlived its cure period (SPEC §4: cureBy = breach date + 10 trading days;
 * not cured by then, it escalates to SALES_LEAD). Run by the {@link Engine} on its thread; no I/O. The escalation is
 * an UPDATED event: the alert changes (escalatedAt is set, SALES_LEAD joins its recipients), once per breach episode.
 */
final class CureEscalation {
    private CureEscalation() {
    }

    /** Passive breaches still CRITICAL on a business date after their cureBy and not escalated yet. */
    static List<Transition> due(Collection<Alert> open, LocalDate today, Instant now, Function<Alert, List<String>> recipients) {
        List<Transition> out = new ArrayList<>();
        for (Alert a : open) {
            if (!lapsed(a, today)) continue;
            Map<String, Object> evidence = new LinkedHashMap<>(a.evidence());
            evidence.put("escalation", Map.of("cureBy", a.cureBy().toString(), "escalatedOn", today.toString()));
            // the message stays the rule's own: it is what tells a new reading from the same one, and a note in it
            // would make the next re-evaluation of unchanged data (a restart) announce an UPDATED (C19)
            Alert next = a.escalated(a.message(), a.messageEn(), evidence, now);
            out.add(new Transition(EventKind.UPDATED, next, recipients.apply(next)));
        }
        return out;
    }

    /** Cured means back within the limit by the end of cureBy: a WARNING (or no alert) is cured, CRITICAL is not. */
    private static boolean lapsed(Alert a, LocalDate today) {
        return a.rule() == Rule.HOLDING_RATIO && a.cause() == Cause.PRICE && a.severity() == Severity.CRITICAL
                && a.cureBy() != null && a.escalatedAt() == null && today.isAfter(a.cureBy());
    }
}
