package com.mandatewatch.notify;

import com.mandatewatch.alerts.Alert;
import com.mandatewatch.alerts.AlertState;
import com.mandatewatch.domain.Cause;
import com.mandatewatch.domain.Rule;
import com.mandatewatch.domain.Severity;
import com.mandatewatch.store.OutboxStore;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The pure parts of the mail pipeline: folding rows into lines, and the capped back-off. */
class CoalescerTest {

    static OutboxStore.Mail row(long id, long seq, String kind, String fingerprint, long alertId, AlertState state) {
        Alert a = new Alert(alertId, fingerprint, Rule.HOLDING_RATIO, Severity.CRITICAL, state, "A001", "C001", null,
                fingerprint.substring(fingerprint.lastIndexOf(':') + 1), null, null, Cause.PRICE, null, "m", null, Map.of(),
                Instant.EPOCH, Instant.EPOCH, null, null, null);
        return new OutboxStore.Mail(id, "cm1@example.test", 1, seq, kind, a, false, null);
    }

    @Test
    @DisplayName("C20 rows of one fingerprint fold into one line carrying the highest-seq event and the count of changes, whatever order they were claimed in")
    void latestEventWins() {
        List<Coalescer.Line> lines = Coalescer.lines(List.of(
                row(3, 30, "RESOLVED", "HOLDING_RATIO:A001:600519.SH", 1, AlertState.RESOLVED),
                row(1, 10, "OPENED", "HOLDING_RATIO:A001:600519.SH", 1, AlertState.FIRING),
                row(2, 20, "OPENED", "HOLDING_RATIO:A001:STOCK", 2, AlertState.FIRING),
                row(4, 40, "OPENED", "HOLDING_RATIO:A001:600519.SH", 3, AlertState.FIRING)));
        assertEquals(2, lines.size());
        Coalescer.Line flapped = lines.get(0);
        assertEquals("OPENED", flapped.latest().kind(), "a re-opening after the resolution supersedes it");
        assertEquals(3, flapped.latest().alert().id());
        assertEquals(3, flapped.changes());
        assertEquals(List.of(3L, 1L, 4L), flapped.ids(), "every folded row is marked sent with the line");
        assertEquals(1, lines.get(1).changes());
    }

    @Test
    @DisplayName("C20 a RESOLVED that is the latest event of its fingerprint stays the line: it is never folded away")
    void resolvedLastIsKept() {
        List<Coalescer.Line> lines = Coalescer.lines(List.of(
                row(1, 10, "OPENED", "HOLDING_RATIO:A001:600519.SH", 1, AlertState.FIRING),
                row(2, 11, "RESOLVED", "HOLDING_RATIO:A001:600519.SH", 1, AlertState.RESOLVED)));
        assertEquals(1, lines.size());
        assertEquals("RESOLVED", lines.get(0).latest().kind());
        assertEquals(2, lines.get(0).changes());
    }

    @Test
    @DisplayName("Back-off doubles from the initial delay and never passes the cap")
    void backoffIsCapped() {
        Backoff b = new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(10));
        assertEquals(Duration.ofSeconds(5), b.after(1));
        assertEquals(Duration.ofSeconds(10), b.after(2));
        assertEquals(Duration.ofSeconds(320), b.after(7));
        assertEquals(Duration.ofMinutes(10), b.after(8));
        assertEquals(Duration.ofMinutes(10), b.after(1000));
    }
}
