package com.mandatewatch.report;

import com.mandatewatch.domain.*;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import static com.mandatewatch.domain.ContractStatus.*;
import static com.mandatewatch.domain.LifecycleStage.MAINTAINING;
import static com.mandatewatch.domain.LifecycleStage.SIGNED;
import static com.mandatewatch.report.ReportFixtures.d;
import static org.junit.jupiter.api.Assertions.*;

/** The monthly quantitative points of a client manager (SPEC §7), at every boundary, computed by hand. */
class AssessmentCalculatorTest {
    static final YearMonth MARCH = YearMonth.of(2025, 3);
    /** 1 per 千万, 2 per renewal, −5 per lost client, −1 per late critical alert, SLA 24 h, bonus 2 and 3, 0.7 / 0.3. */
    static final AssessmentStandards S = new AssessmentStandards(d("1"), d("2"), d("5"), d("1"), Duration.ofHours(24),
            d("2"), d("3"), d("0.7"), d("0.3"), d("100"));

    static Contract k(String code, String account, String amount, String start, String maturity, ContractStatus status, RecordStatus rs) {
        return new Contract(code, "C001", account, d(amount), LocalDate.parse(start), LocalDate.parse(maturity),
                ContractType.NO_GUARANTEE, status, null, null, null, null, null, null, rs);
    }

    static Contract sealed(String code, String account, String amount, String start, String maturity, ContractStatus status) {
        return k(code, account, amount, start, maturity, status, RecordStatus.SEALED);
    }

    /** Shanghai time, e.g. "2025-03-01T00:00". */
    static Instant t(String local) {
        return OffsetDateTime.parse(local + ":00+08:00").toInstant();
    }

    static AssessmentCalculator.Facts facts(List<Contract> ks, List<AssessmentCalculator.StageChange> changes,
                                            List<AssessmentCalculator.CriticalAlert> alerts, Instant asOf) {
        return new AssessmentCalculator.Facts(ks, changes, alerts, asOf);
    }

    static void assertPoints(String expected, BigDecimal actual) {
        assertEquals(0, d(expected).compareTo(actual), "expected " + expected + ", got " + actual.toPlainString());
    }

    // ---- new contracts

    @ParameterizedTest(name = "{0}: {1} yuan -> {2} 千万")
    @DisplayName("new contract amount counts pro rata per 千万, exactly")
    @CsvSource({
            "zero amount,          0.00,            0",
            "one yuan,             1.00,            0.0000001",
            "just under 1千万,     9999999.99,      0.999999999",
            "exactly 1千万,        10000000.00,     1",
            "1.5千万,              15000000.00,     1.5",
            "10亿,                 1000000000.00,   100"})
    void proRataTenMillions(String what, String amount, String tenMillions) {
        AssessmentBreakdown.NewContracts n = AssessmentCalculator.newContracts(S, MARCH,
                List.of(sealed("K1", "A1", amount, "2025-03-10", "2026-03-10", ACTIVE)));
        assertPoints(tenMillions, n.tenMillions());
        assertPoints(tenMillions, n.counted().points());
        assertEquals(1, n.counted().count(), what);
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("which contracts are new in March: start date in the month, signed (not PLANNED), sealed, not a renewal's successor")
    @CsvSource(delimiter = '|', value = {
            "first day of the month           | 2025-03-01 | ACTIVE     | SEALED | 1",
            "last day of the month            | 2025-03-31 | ACTIVE     | SEALED | 1",
            "last day of February             | 2025-02-28 | ACTIVE     | SEALED | 0",
            "first day of April               | 2025-04-01 | ACTIVE     | SEALED | 0",
            "PLANNED is not signed yet        | 2025-03-10 | PLANNED    | SEALED | 0",
            "a draft does not count           | 2025-03-10 | ACTIVE     | DRAFT  | 0",
            "settled since, it still started | 2025-03-10 | SETTLED    | SEALED | 1",
            "terminated since                 | 2025-03-10 | TERMINATED | SEALED | 1",
            "renewed since                    | 2025-03-10 | RENEWED    | SEALED | 1"})
    void whichContractsAreNew(String what, String start, ContractStatus status, RecordStatus rs, int counted) {
        AssessmentBreakdown.NewContracts n = AssessmentCalculator.newContracts(S, MARCH,
                List.of(k("K1", "A1", "20000000.00", start, "2026-12-31", status, rs)));
        assertEquals(counted, n.counted().count(), what);
        assertPoints(counted == 0 ? "0" : "2", n.counted().points());
        assertEquals(rs == RecordStatus.DRAFT ? List.of("K1") : List.of(), n.counted().unsealed(),
                "a draft is listed as unsealed, so the supervisor sees why it is missing");
    }

    @Test
    @DisplayName("a successor of a RENEWED contract on the same account is not new money; after a SETTLED one it is")
    void successorOfRenewalIsNotNew() {
        List<Contract> ks = List.of(
                sealed("K-OLD", "A1", "50000000.00", "2024-03-01", "2025-02-28", RENEWED),
                sealed("K-NEXT", "A1", "80000000.00", "2025-03-01", "2026-02-28", ACTIVE),
                sealed("K-GONE", "A2", "30000000.00", "2024-03-01", "2025-02-28", SETTLED),
                sealed("K-BACK", "A2", "30000000.00", "2025-03-15", "2026-03-15", ACTIVE),
                // an older renewal on A3 does not make K-NEW3 a successor: the latest earlier contract was settled
                sealed("K-A3-1", "A3", "10000000.00", "2023-01-01", "2023-12-31", RENEWED),
                sealed("K-A3-2", "A3", "10000000.00", "2024-01-01", "2024-12-31", SETTLED),
                sealed("K-NEW3", "A3", "10000000.00", "2025-03-20", "2026-03-20", ACTIVE));
        AssessmentBreakdown.NewContracts n = AssessmentCalculator.newContracts(S, MARCH, ks);
        assertEquals(List.of("K-BACK", "K-NEW3"), n.counted().items());
        assertPoints("40000000.00", n.amount());
        assertPoints("4", n.counted().points());
    }

    // ---- renewals

    @ParameterizedTest(name = "{0}")
    @DisplayName("a renewal counts in the month the renewed contract matures, sealed only")
    @CsvSource(delimiter = '|', value = {
            "matures 1 March        | 2025-03-01 | RENEWED | SEALED | 1",
            "matures 31 March       | 2025-03-31 | RENEWED | SEALED | 1",
            "matured in February    | 2025-02-28 | RENEWED | SEALED | 0",
            "matures in April       | 2025-04-01 | RENEWED | SEALED | 0",
            "a draft renewal        | 2025-03-15 | RENEWED | DRAFT  | 0",
            "matured, not renewed   | 2025-03-15 | MATURED | SEALED | 0",
            "settled at maturity    | 2025-03-15 | SETTLED | SEALED | 0"})
    void renewals(String what, String maturity, ContractStatus status, RecordStatus rs, int counted) {
        AssessmentBreakdown.Component r = AssessmentCalculator.renewals(S, MARCH,
                List.of(k("K1", "A1", "50000000.00", "2024-03-01", maturity, status, rs)));
        assertEquals(counted, r.count(), what);
        assertPoints(String.valueOf(2 * counted), r.points());
    }

    // ---- lost clients

    static AssessmentCalculator.StageChange change(String client, String at, LifecycleStage from, LifecycleStage to) {
        return new AssessmentCalculator.StageChange(client, t(at), from, to);
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("a client is lost when moved from SIGNED or MAINTAINING to TERMINATED in the month and still TERMINATED at its end")
    @CsvSource(delimiter = '|', value = {
            "SIGNED to TERMINATED at 00:00 of 1 March     | 2025-03-01T00:00 | SIGNED      | 1",
            "MAINTAINING to TERMINATED at 23:59 of 31 Mar | 2025-03-31T23:59 | MAINTAINING | 1",
            "23:59 of 28 February is February's           | 2025-02-28T23:59 | SIGNED      | 0",
            "00:00 of 1 April is April's                  | 2025-04-01T00:00 | SIGNED      | 0",
            "a prospect given up was never a client       | 2025-03-10T10:00 | PROSPECT    | 0",
            "a client still in development                | 2025-03-10T10:00 | DEVELOPING  | 0"})
    void lostClients(String what, String at, LifecycleStage from, int lost) {
        AssessmentBreakdown.Component c = AssessmentCalculator.lostClients(S, MARCH, List.of(change("C001", at, from, LifecycleStage.TERMINATED)));
        assertEquals(lost, c.count(), what);
        assertPoints(String.valueOf(-5 * lost), c.points());
    }

    @Test
    @DisplayName("a move to TERMINATED undone in the same month is no loss; lost, back and lost again is one loss")
    void undoneAndRepeatedMoves() {
        List<AssessmentCalculator.StageChange> changes = List.of(
                change("C001", "2025-03-03T10:00", SIGNED, LifecycleStage.TERMINATED), change("C001", "2025-03-03T11:00", LifecycleStage.TERMINATED, SIGNED),
                change("C002", "2025-03-05T10:00", MAINTAINING, LifecycleStage.TERMINATED), change("C002", "2025-03-06T10:00", LifecycleStage.TERMINATED, MAINTAINING),
                change("C002", "2025-03-20T10:00", MAINTAINING, LifecycleStage.TERMINATED));
        AssessmentBreakdown.Component c = AssessmentCalculator.lostClients(S, MARCH, changes);
        assertEquals(List.of("C002"), c.items());
        assertPoints("-5", c.points());
    }

    // ---- late critical alerts

    static AssessmentCalculator.CriticalAlert alert(long id, String criticalAt, String ackAt, String resolvedAt) {
        return new AssessmentCalculator.CriticalAlert(id, "C001", t(criticalAt), ackAt == null ? null : t(ackAt),
                resolvedAt == null ? null : t(resolvedAt));
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("a critical alert is late when neither acknowledged nor resolved by critical time + 24 h; exactly at the deadline is in time")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "acknowledged exactly at the SLA             | 2025-03-10T10:00 | 2025-03-11T10:00 | -                | 2025-03-31T00:00 | 0",
            "acknowledged one minute over                | 2025-03-10T10:00 | 2025-03-11T10:01 | -                | 2025-03-31T00:00 | 1",
            "acknowledged at once                        | 2025-03-10T10:00 | 2025-03-10T10:00 | -                | 2025-03-31T00:00 | 0",
            "never acknowledged, deadline passed         | 2025-03-10T10:00 | -                | -                | 2025-03-11T10:01 | 1",
            "never acknowledged, now is the deadline     | 2025-03-10T10:00 | -                | -                | 2025-03-11T10:00 | 0",
            "never acknowledged, deadline not reached    | 2025-03-10T10:00 | -                | -                | 2025-03-10T12:00 | 0",
            "resolved by itself before the deadline      | 2025-03-10T10:00 | -                | 2025-03-11T09:00 | 2025-03-31T00:00 | 0",
            "resolved exactly at the deadline            | 2025-03-10T10:00 | -                | 2025-03-11T10:00 | 2025-03-31T00:00 | 0",
            "resolved after the deadline, never acked    | 2025-03-10T10:00 | -                | 2025-03-12T10:00 | 2025-03-31T00:00 | 1",
            "critical in February, deadline 1 March 00:00 | 2025-02-28T00:00 | -                | -                | 2025-03-31T00:00 | 1",
            "critical in February, deadline 28 Feb 23:59 | 2025-02-27T23:59 | -                | -                | 2025-03-31T00:00 | 0",
            "deadline 1 April 00:00 belongs to April     | 2025-03-31T00:00 | -                | -                | 2025-04-30T00:00 | 0",
            "deadline 31 March 23:59 belongs to March    | 2025-03-30T23:59 | -                | -                | 2025-04-30T00:00 | 1"})
    void lateAlerts(String what, String criticalAt, String ackAt, String resolvedAt, String asOf, int late) {
        AssessmentBreakdown.Component c = AssessmentCalculator.lateAlerts(S, MARCH, List.of(alert(7, criticalAt, ackAt, resolvedAt)), t(asOf));
        assertEquals(late, c.count(), what);
        assertPoints(String.valueOf(-late), c.points());
        assertEquals(late == 1 ? List.of("7") : List.of(), c.items());
    }

    // ---- the whole month and the score

    @Test
    @DisplayName("an empty month is zero points; the score is then the qualitative part only: 0 × 0.7 + 80 × 0.3 = 24")
    void zero() {
        AssessmentBreakdown b = AssessmentCalculator.compute(S, MARCH, facts(List.of(), List.of(), List.of(), t("2025-03-31T00:00")),
                new AssessmentCalculator.Bonus(0, 0));
        assertPoints("0", b.total());
        assertPoints("24", AssessmentCalculator.score(S, b.total(), d("80")));
        assertPoints("0", AssessmentCalculator.score(S, b.total(), d("0")));
    }

    @Test
    @DisplayName("hand-computed month: 3.5千万 new (3.5) + 1 renewal (2) − 1 lost (5) − 2 late alerts (2) + 1 plan (2) + 2 products (6) = 6.5; 6.5 × 0.7 + 85.5 × 0.3 = 30.2")
    void wholeMonth() {
        List<Contract> ks = List.of(
                sealed("K1", "A1", "15000000.00", "2025-03-03", "2026-03-03", ACTIVE),
                sealed("K2", "A2", "20000000.00", "2025-03-20", "2026-03-20", ACTIVE),
                sealed("K3", "A3", "90000000.00", "2024-03-31", "2025-03-31", RENEWED));
        List<AssessmentCalculator.CriticalAlert> alerts = List.of(alert(1, "2025-03-05T10:00", null, null),
                alert(2, "2025-03-06T10:00", "2025-03-08T10:00", null), alert(3, "2025-03-07T10:00", "2025-03-07T11:00", null));
        AssessmentBreakdown b = AssessmentCalculator.compute(S, MARCH,
                facts(ks, List.of(change("C009", "2025-03-15T10:00", SIGNED, LifecycleStage.TERMINATED)), alerts, t("2025-04-01T09:00")),
                new AssessmentCalculator.Bonus(1, 2));
        assertEquals(List.of("K1", "K2"), b.newContracts().counted().items());
        assertPoints("3.5", b.newContracts().counted().points());
        assertEquals(List.of("K3"), b.renewals().items());
        assertEquals(List.of("C009"), b.lostClients().items());
        assertEquals(List.of("1", "2"), b.lateCriticalAlerts().items());
        assertPoints("2", b.marketingPlans().points());
        assertPoints("6", b.productItems().points());
        assertPoints("6.5", b.total());
        assertPoints("30.2", AssessmentCalculator.score(S, b.total(), d("85.5")));
    }

    @Test
    @DisplayName("a negative total stays negative and exact: 2 lost (−10) − 3 late (−3) = −13; −13 × 0.7 + 20 × 0.3 = −3.1")
    void negativeTotal() {
        List<AssessmentCalculator.StageChange> changes = new ArrayList<>();
        changes.add(change("C001", "2025-03-01T09:00", SIGNED, LifecycleStage.TERMINATED));
        changes.add(change("C002", "2025-03-02T09:00", MAINTAINING, LifecycleStage.TERMINATED));
        List<AssessmentCalculator.CriticalAlert> alerts = List.of(alert(1, "2025-03-01T09:00", null, null),
                alert(2, "2025-03-02T09:00", null, null), alert(3, "2025-03-03T09:00", null, null));
        AssessmentBreakdown b = AssessmentCalculator.compute(S, MARCH, facts(List.of(), changes, alerts, t("2025-03-31T12:00")),
                new AssessmentCalculator.Bonus(0, 0));
        assertPoints("-13", b.total());
        assertPoints("-3.1", AssessmentCalculator.score(S, b.total(), d("20")));
    }

    @Test
    @DisplayName("no floating point anywhere: 0.1 points per 千万 over 3 × 1千万 is exactly 0.3, and weights 0.7/0.3 of 0.1 give exactly 0.1")
    void exactDecimals() {
        AssessmentStandards tenth = new AssessmentStandards(d("0.1"), d("0"), d("0"), d("0"), Duration.ofHours(4),
                d("0"), d("0"), d("0.7"), d("0.3"), d("100"));
        List<Contract> ks = List.of(sealed("K1", "A1", "10000000.00", "2025-03-01", "2026-03-01", ACTIVE),
                sealed("K2", "A2", "10000000.00", "2025-03-02", "2026-03-02", ACTIVE),
                sealed("K3", "A3", "10000000.00", "2025-03-03", "2026-03-03", ACTIVE));
        AssessmentBreakdown b = AssessmentCalculator.compute(tenth, MARCH, facts(ks, List.of(), List.of(), t("2025-03-31T00:00")),
                new AssessmentCalculator.Bonus(0, 0));
        assertEquals(0, b.total().compareTo(d("0.3")), b.total().toPlainString());
        assertEquals(0, AssessmentCalculator.score(tenth, d("0.1"), d("0.1")).compareTo(d("0.1")));
    }

    @Test
    @DisplayName("month boundaries are Shanghai midnight, whatever the JVM's zone: 2025-03-01T00:00+08:00 is 2025-02-28T16:00Z")
    void shanghaiMonths() {
        assertEquals(Instant.parse("2025-02-28T16:00:00Z"), AssessmentCalculator.start(MARCH));
        assertEquals(Instant.parse("2025-03-31T16:00:00Z"), AssessmentCalculator.end(MARCH));
    }
}
