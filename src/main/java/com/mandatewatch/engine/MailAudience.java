package com.mandatewatch.engine;

import com.mandatewatch.alerts.Alert;
import com.mandatewatch.auth.Role;
import com.mandatewatch.domain.Rule;
import com.mandatewatch.notify.Recipients;

import java.util.List;
import java.util.TreeSet;

/**
 * Who is e-mailed about an alert at the moment the engine decides a transition: the rule's recipients
 * ({@link Recipients}), SALES_LEAD once a passive breach has been escalated, and nobody for a ratio alert while the
 * feed is stale. Owned by the engine because both depend on its live state.
 */
final class MailAudience {
    private MailAudience() {
    }

    static List<String> of(Alert a, Directory d, boolean feedStale) {
        // a ratio computed while prices and positions are not arriving is computed on stale data: shown, not mailed
        // (issue 4); the staleness warning itself goes to OPS
        if (feedStale && ratio(a.rule())) return List.of();
        List<String> base = Recipients.of(a, d);
        if (a.rule() != Rule.HOLDING_RATIO || a.escalatedAt() == null) return base;
        TreeSet<String> to = new TreeSet<>(base);
        to.addAll(d.emailsOfRole(Role.SALES_LEAD)); // SPEC §4: + SALES_LEAD when a passive breach is not cured in time
        return List.copyOf(to);
    }

    static boolean ratio(Rule rule) {
        return rule == Rule.HOLDING_RATIO || rule == Rule.RETURN_BAND;
    }
}
