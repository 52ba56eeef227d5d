package com.mandatewatch.notify;

import com.mandatewatch.store.OutboxStore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds one recipient's due rows into one line per alert fingerprint carrying its latest event (C20): a
 * value that flapped five times reads as its final state, "covering 5 changes". Because the latest event
 * wins, a RESOLVED is only ever replaced by a later event of the same fingerprint (a re-opening or an
 * update), never dropped on its own. What the latest state hides is kept as the line's peak: a disclosure that reached
 * 5% and fell back to 4.99% within the group wait must still say that the 5% line was reached (C13).
 */
public final class Coalescer {
    private Coalescer() {
    }

    /**
     * One line of a mail: the newest row of a fingerprint, how many rows it stands for, all their ids, and the first
     * row at the most severe level the folded rows reached.
     */
    public record Line(OutboxStore.Mail latest, int changes, List<Long> ids, OutboxStore.Mail peak) {
        public boolean reannounced() { return latest.reannounced(); }

        /** True when the line's latest state is less severe than a state it folds: that state is named beside it. */
        public boolean peakedHigher() {
            return peak.alert().severity().compareTo(latest.alert().severity()) > 0;
        }
    }

    public static List<Line> lines(List<OutboxStore.Mail> mails) {
        Map<String, List<OutboxStore.Mail>> byFingerprint = new LinkedHashMap<>();
        for (OutboxStore.Mail m : mails) byFingerprint.computeIfAbsent(m.alert().fingerprint(), f -> new ArrayList<>()).add(m);
        List<Line> out = new ArrayList<>();
        byFingerprint.forEach((f, rows) -> {
            // events carry increasing seq numbers: the highest is the alert's latest state
            OutboxStore.Mail latest = rows.stream().max(java.util.Comparator.comparingLong(OutboxStore.Mail::seq)).orElseThrow();
            OutboxStore.Mail peak = rows.stream().max(java.util.Comparator.<OutboxStore.Mail, com.mandatewatch.domain.Severity>comparing(
                    m -> m.alert().severity()).thenComparing(java.util.Comparator.comparingLong(OutboxStore.Mail::seq).reversed())).orElseThrow();
            out.add(new Line(latest, rows.size(), rows.stream().map(OutboxStore.Mail::id).toList(), peak));
        });
        return out;
    }
}
