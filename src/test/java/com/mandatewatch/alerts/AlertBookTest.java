package com.mandatewatch.alerts;

import com.mandatewatch.domain.Cause;
import com.mandatewatch.domain.Condition;
import com.mandatewatch.domain.Rule;
import com.mandatewatch.domain.Severity;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The decisions that turn conditions into OPENED / UPDATED / RESOLVED, on the alert book alone. */
class AlertBookTest {
    static final Instant T0 = Instant.parse("2026-03-02T02:00:00Z");
    static final LocalDate CURE = LocalDate.of(2026, 3, 16);

    static AlertBook.Context ctx(Cause cause, Instant now) {
        return new AlertBook.Context(cause, now, c -> CURE, c -> "C001", code -> "测试客户", a -> List.of("cm1@example.test"));
    }

    static Condition maturity(long days, Severity severity) {
        return new Condition(Rule.MATURITY, "A01", "K-1", severity, BigDecimal.valueOf(days), BigDecimal.valueOf(61),
                "合同 K-1 将于 2026-04-30 到期，剩余 " + days + " 天", "Contract K-1 matures on 2026-04-30, " + days + " days left",
                Map.of("daysToMaturity", days));
    }

    static Condition ratio(String weight, Severity severity) {
        return new Condition(Rule.HOLDING_RATIO, "A01", "600519.SH", severity, new BigDecimal(weight), new BigDecimal("0.10"),
                "单一股票 600519.SH 占净值 " + weight, "Single stock 600519.SH: " + weight, Map.of());
    }

    static List<Transition> reconcile(AlertBook book, Rule rule, Condition c, Cause cause, Instant now) {
        return book.reconcile(a -> a.rule() == rule, c == null ? List.of() : List.of(c), ctx(cause, now));
    }

    @Test
    @DisplayName("A resolved overdue MATURITY alert keeps its last reading without \"尚未续约、终止或清算\", which beside 已解除 would contradict it")
    void resolvedOverdueMaturityDropsTheOutstandingClause() {
        AlertBook book = new AlertBook();
        Condition overdue = new Condition(Rule.MATURITY, "A01", "K-1", Severity.CRITICAL, BigDecimal.valueOf(-39), BigDecimal.valueOf(61),
                "合同 K-1 已于 2026-04-30 到期，已过 39 天，尚未续约、终止或清算",
                "Contract K-1 matured on 2026-04-30, 39 days ago, not yet renewed, terminated or settled", Map.of());
        reconcile(book, Rule.MATURITY, overdue, Cause.SCHEDULE, T0);
        Alert resolved = reconcile(book, Rule.MATURITY, null, Cause.SCHEDULE, T0).get(0).alert();
        assertEquals("已解除：合同已续约、终止或清算。最后一次预警：合同 K-1 已于 2026-04-30 到期，已过 39 天", resolved.message());
        assertEquals("Resolved: the contract was renewed, terminated or settled. Last reading: Contract K-1 matured on 2026-04-30, 39 days ago",
                resolved.messageEn());
    }

    @Test
    @DisplayName("C16 a MATURITY alert's daily countdown is not an UPDATED event; only the move to CRITICAL in the final week is")
    void maturityCountdownIsNoUpdate() {
        AlertBook book = new AlertBook();
        assertEquals(EventKind.OPENED, reconcile(book, Rule.MATURITY, maturity(61, Severity.WARNING), Cause.SCHEDULE, T0).get(0).kind());
        for (int d = 60; d > 7; d--) {
            assertTrue(reconcile(book, Rule.MATURITY, maturity(d, Severity.WARNING), Cause.SCHEDULE, T0).isEmpty(), "day " + d);
        }
        List<Transition> finalWeek = reconcile(book, Rule.MATURITY, maturity(7, Severity.CRITICAL), Cause.SCHEDULE, T0);
        assertEquals(1, finalWeek.size());
        assertEquals(EventKind.UPDATED, finalWeek.get(0).kind());
        assertEquals(Severity.CRITICAL, finalWeek.get(0).alert().severity());
        assertTrue(finalWeek.get(0).alert().message().contains("剩余 7 天"), finalWeek.get(0).alert().message());
        assertFalse(finalWeek.get(0).recipients().isEmpty());
        assertTrue(reconcile(book, Rule.MATURITY, maturity(-3, Severity.CRITICAL), Cause.SCHEDULE, T0).isEmpty(),
                "after maturity the count goes on without events");
        assertEquals(EventKind.RESOLVED, reconcile(book, Rule.MATURITY, null, Cause.SCHEDULE, T0).get(0).kind());
    }

    @Test
    @DisplayName("C04 the feed-silence minutes counting up are not UPDATED events either")
    void feedSilenceMinutesAreNoUpdate() {
        AlertBook book = new AlertBook();
        for (int m = 11; m <= 30; m++) {
            Condition c = new Condition(Rule.DATA_QUALITY, "FEED", "FEED", Severity.WARNING, BigDecimal.valueOf(m), BigDecimal.TEN,
                    "行情/持仓数据已中断 " + m + " 分钟", "Feed silent for " + m + " min", Map.of());
            List<Transition> ts = reconcile(book, Rule.DATA_QUALITY, c, Cause.SCHEDULE, T0);
            assertEquals(m == 11 ? 1 : 0, ts.size(), "minute " + m);
        }
    }

    @Test
    @DisplayName("C10 a new reading on a HOLDING_RATIO alert is an UPDATED event without e-mail; a severity change is mailed")
    void readingChangeIsUpdateWithoutMail() {
        AlertBook book = new AlertBook();
        reconcile(book, Rule.HOLDING_RATIO, ratio("0.103", Severity.CRITICAL), Cause.PRICE, T0);
        List<Transition> drift = reconcile(book, Rule.HOLDING_RATIO, ratio("0.105", Severity.CRITICAL), Cause.PRICE, T0.plusSeconds(60));
        assertEquals(EventKind.UPDATED, drift.get(0).kind());
        assertTrue(drift.get(0).recipients().isEmpty());
        assertTrue(reconcile(book, Rule.HOLDING_RATIO, ratio("0.105", Severity.CRITICAL), Cause.PRICE, T0).isEmpty(),
                "the same reading again is no event");
        List<Transition> down = reconcile(book, Rule.HOLDING_RATIO, ratio("0.095", Severity.WARNING), Cause.PRICE, T0.plusSeconds(120));
        assertEquals(List.of("cm1@example.test"), down.get(0).recipients());
    }

    @Test
    @DisplayName("C10 a breach opened by a trade keeps cause TRADE and no cureBy when a price move changes its reading")
    void activeBreachKeepsCause() {
        AlertBook book = new AlertBook();
        Transition opened = reconcile(book, Rule.HOLDING_RATIO, ratio("0.106", Severity.CRITICAL), Cause.TRADE, T0).get(0);
        assertEquals(Cause.TRADE, opened.alert().cause());
        assertNull(opened.alert().cureBy());
        Transition moved = reconcile(book, Rule.HOLDING_RATIO, ratio("0.115", Severity.CRITICAL), Cause.PRICE, T0.plusSeconds(60)).get(0);
        assertEquals(Cause.TRADE, moved.alert().cause());
        assertNull(moved.alert().cureBy());
        Transition passive = reconcile(new AlertBook(), Rule.HOLDING_RATIO, ratio("0.103", Severity.CRITICAL), Cause.PRICE, T0).get(0);
        assertEquals(CURE, passive.alert().cureBy());
    }

    @Test
    @DisplayName("§5 an acknowledgement survives a new reading and is cleared by a severity change")
    void acknowledgementHoldsUntilSeverityChanges() {
        AlertBook book = new AlertBook();
        Alert a = reconcile(book, Rule.HOLDING_RATIO, ratio("0.103", Severity.CRITICAL), Cause.PRICE, T0).get(0).alert().withId(7);
        book.replace(a.acknowledged("lead1", "已通知交易员减仓", T0.plusSeconds(10)));
        Alert drift = reconcile(book, Rule.HOLDING_RATIO, ratio("0.104", Severity.CRITICAL), Cause.PRICE, T0.plusSeconds(60)).get(0).alert();
        assertEquals(AlertState.ACKNOWLEDGED, drift.state());
        assertEquals("已通知交易员减仓", drift.comment());
        assertEquals(7, drift.id());
        Alert changed = reconcile(book, Rule.HOLDING_RATIO, ratio("0.095", Severity.WARNING), Cause.PRICE, T0.plusSeconds(120)).get(0).alert();
        assertEquals(AlertState.FIRING, changed.state());
        assertNull(changed.acknowledgedBy());
    }

    @Test
    @DisplayName("C21 a fingerprint resolved and true again opens a new alert (id 0 until stored), not the old one")
    void refireOpensNewInstance() {
        AlertBook book = new AlertBook();
        Alert first = reconcile(book, Rule.HOLDING_RATIO, ratio("0.105", Severity.CRITICAL), Cause.PRICE, T0).get(0).alert();
        book.assignId(first.fingerprint(), 41);
        Transition resolved = reconcile(book, Rule.HOLDING_RATIO, null, Cause.PRICE, T0.plusSeconds(60)).get(0);
        assertEquals(EventKind.RESOLVED, resolved.kind());
        assertEquals(41, resolved.alert().id());
        Transition again = reconcile(book, Rule.HOLDING_RATIO, ratio("0.104", Severity.CRITICAL), Cause.PRICE, T0.plusSeconds(120)).get(0);
        assertEquals(EventKind.OPENED, again.kind());
        assertEquals(0, again.alert().id());
        assertEquals(T0.plusSeconds(120), again.alert().openedAt());
    }
}
