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

    static OutboxStore.Mail disclosure(long id, long seq, Severity severity, String message) {
        Alert a = new Alert(7, "DISCLOSURE:FIRM:601899.SH", Rule.DISCLOSURE, severity, AlertState.FIRING, "FIRM", null, null,
                "601899.SH", null, null, Cause.TRADE, null, message, null,
                Map.of("accounts", Map.of("A101", "20000000", "A105", "18000000", "A109", "12000000")), Instant.EPOCH, Instant.EPOCH, null, null, null);
        return new OutboxStore.Mail(id, "comp1@example.test", 1, seq, "UPDATED", a, false, null);
    }

    @Test
    @DisplayName("C13 a stake that reached 5% and fell to 4.99% within one group wait: the mail reads the latest state, says the 5% line was reached, and counts the holding accounts without naming them")
    void peakFoldedIntoALowerStateIsNamed() {
        List<Coalescer.Line> lines = Coalescer.lines(List.of(
                disclosure(1, 10, Severity.CRITICAL, "全公司持有 601899.SH 5.00%，达到 5% 举牌线，需公告"),
                disclosure(2, 11, Severity.WARNING, "全公司持有 601899.SH 4.99%，接近 5% 举牌线")));
        assertEquals(1, lines.size());
        assertTrue(lines.get(0).peakedHigher());
        assertEquals(10, lines.get(0).peak().seq());
        String text = new MailComposer("http://localhost:8080/").compose(lines, List.of()).text();
        assertTrue(text.contains("4.99%，接近 5% 举牌线"), text);
        assertTrue(text.contains("期间曾达「严重」：全公司持有 601899.SH 5.00%，达到 5% 举牌线，需公告"), text);
        assertTrue(text.contains("涉及持股账户 3 个"), text);
        assertFalse(text.contains("A105") || text.contains("18,000,000"), "no other manager's account in a mail that client managers get: " + text);
        // the control: a line whose latest state is its most severe names no peak
        List<Coalescer.Line> rising = Coalescer.lines(List.of(
                disclosure(3, 20, Severity.WARNING, "全公司持有 601899.SH 4.60%，接近 5% 举牌线"),
                disclosure(4, 21, Severity.CRITICAL, "全公司持有 601899.SH 5.01%，达到 5% 举牌线，需公告")));
        assertFalse(rising.get(0).peakedHigher());
        assertFalse(new MailComposer("http://localhost:8080/").compose(rising, List.of()).text().contains("期间曾达"));
    }

    @Test
    @DisplayName("The update that escalates a lapsed cure period is named so in the subject and the line, not '预警变化'; a later update is")
    void escalationIsNamed() {
        Instant at = Instant.parse("2026-03-18T01:00:00Z");
        Alert escalated = new Alert(9, "HOLDING_RATIO:A019:STOCK", Rule.HOLDING_RATIO, Severity.CRITICAL, AlertState.FIRING, "A019", "C010",
                "江苏某民营投资有限公司", "STOCK", new java.math.BigDecimal("0.784"), new java.math.BigDecimal("0.75"), Cause.PRICE,
                java.time.LocalDate.of(2026, 3, 17), "股票类资产占净值 78.40%，超过上限 75%", null, Map.of(), Instant.EPOCH, at, null, null, null,
                null, at);
        OutboxStore.Mail mail = new OutboxStore.Mail(1, "lead1@example.test", 1, 50, "UPDATED", escalated, false, null);
        MailComposer.Composed c = new MailComposer("http://localhost:8080/").compose(Coalescer.lines(List.of(mail)), List.of());
        assertTrue(c.subject().contains("整改逾期 · 已升级") && c.subject().contains("A019") && c.subject().contains("股票类"), c.subject());
        assertTrue(c.text().contains("【整改逾期 · 已升级】"), c.text());
        Alert later = new Alert(9, "HOLDING_RATIO:A019:STOCK", Rule.HOLDING_RATIO, Severity.CRITICAL, AlertState.FIRING, "A019", "C010",
                "江苏某民营投资有限公司", "STOCK", new java.math.BigDecimal("0.79"), new java.math.BigDecimal("0.75"), Cause.PRICE,
                java.time.LocalDate.of(2026, 3, 17), "股票类资产占净值 79.00%，超过上限 75%", null, Map.of(), Instant.EPOCH, at.plusSeconds(86_400),
                null, null, null, null, at);
        String subject = new MailComposer("http://localhost:8080/").compose(Coalescer.lines(List.of(
                new OutboxStore.Mail(2, "lead1@example.test", 1, 51, "UPDATED", later, false, null))), List.of()).subject();
        assertTrue(subject.contains("预警变化"), subject);
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
