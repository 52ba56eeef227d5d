package com.mandatewatch.rules;

import com.mandatewatch.domain.Condition;
import com.mandatewatch.domain.Rule;
import com.mandatewatch.domain.Security;
import com.mandatewatch.domain.SecurityKind;
import com.mandatewatch.domain.Severity;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static com.mandatewatch.rules.Fixtures.d;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DisclosureRuleTest {
    private static final long ISSUED = 1_000_000_000L;

    private static Security company(long totalShares) {
        return new Security("600519.SH", "贵州茅台", SecurityKind.STOCK, "贵州茅台酒股份有限公司", totalShares, Set.of());
    }

    private static Optional<Condition> eval(String firmQuantity, String filed) {
        return DisclosureRule.evaluate(company(ISSUED), d(firmQuantity), Map.of("A01", d(firmQuantity)), d(filed));
    }

    @DisplayName("C06b: the 5% ladder without a filing, 1,000,000,000 shares issued, ±0.0001 pp = ±1,000 shares")
    @ParameterizedTest(name = "{0} shares → {1} limit {2} shown {3}")
    @CsvSource({
            "0,           NONE,     ,     ",
            "44999000,    NONE,     ,     ",
            "45000000,    WARNING,  0.05, 4.50%",     // approach from 4.5%, inclusive
            "49999000,    WARNING,  0.05, 4.9999%",
            "50000000,    CRITICAL, 0.05, 5.00%",     // C06b: exactly 5% fires
            "50001000,    CRITICAL, 0.05, 5.0001%",
            "99999000,    CRITICAL, 0.05, 9.9999%",
            "100000000,   CRITICAL, 0.10, 10.00%",    // the highest step reached
            "160000000,   CRITICAL, 0.15, 16.00%",
    })
    void ladderWithoutFiling(String quantity, String severity, String limit, String shown) {
        Optional<Condition> c = eval(quantity, null);
        if (severity.equals("NONE")) {
            assertTrue(c.isEmpty(), c.toString());
            return;
        }
        Condition x = c.orElseThrow();
        assertEquals(Severity.valueOf(severity), x.severity());
        assertEquals(0, x.limit().compareTo(d(limit)), x.limit().toPlainString());
        assertTrue(x.message().startsWith("全公司合计持有 600519.SH（贵州茅台）" + shown + "，"), x.message());
        assertEquals(0, x.value().compareTo(d(quantity).divide(BigDecimal.valueOf(ISSUED))));
    }

    @DisplayName("with a filed disclosure: a step crossed up or down is CRITICAL, a ±1% change while ≥ 5% a WARNING")
    @ParameterizedTest(name = "filed {1}, {0} shares → {2} limit {3}")
    @CsvSource({
            "50000000,  0.05,   NONE,     ",
            "59999000,  0.05,   NONE,     ",
            "60000000,  0.05,   WARNING,  0.06",     // +1% from the filed level
            "99999000,  0.05,   WARNING,  0.06",
            "100000000, 0.05,   CRITICAL, 0.10",     // crossed the 10% step up
            "49999000,  0.05,   CRITICAL, 0.05",     // crossed 5% down
            "61200000,  0.0712, WARNING,  0.0612",   // −1% exactly
            "61201000,  0.0712, NONE,     ",
            "81199000,  0.0712, NONE,     ",
            "81200000,  0.0712, WARNING,  0.0812",
            "99999000,  0.12,   CRITICAL, 0.10",     // from the 10–15% step down to 5–10%
            "40000000,  0.12,   CRITICAL, 0.05",     // two steps down: the nearest threshold above is named
            "49000000,  0.0499, NONE,     ",         // filed after going below 5%: no approach warning
            "50000000,  0.0499, CRITICAL, 0.05",
    })
    void ladderWithFiling(String quantity, String filed, String severity, String limit) {
        Optional<Condition> c = eval(quantity, filed);
        if (severity.equals("NONE")) {
            assertTrue(c.isEmpty(), c.toString());
            return;
        }
        Condition x = c.orElseThrow();
        assertEquals(Severity.valueOf(severity), x.severity());
        assertEquals(0, x.limit().compareTo(d(limit)), x.limit().toPlainString());
    }

    @Test
    @DisplayName("C13: 20M + 18M + 12M of 1,000M in three accounts is exactly 5.00% firm-wide; after a sale 4.99%")
    void c13AggregatesAllAccounts() {
        Map<String, BigDecimal> byAccount = Map.of("A01", d("20000000"), "A05", d("18000000"), "A09", d("12000000"));
        assertTrue(byAccount.values().stream().allMatch(q -> q.compareTo(d("20000000")) <= 0), "no account above 2%");
        Condition at5 = DisclosureRule.evaluate(company(ISSUED), d("50000000"), byAccount, null).orElseThrow();
        assertEquals(Rule.DISCLOSURE, at5.rule());
        assertEquals("DISCLOSURE:FIRM:600519.SH", at5.fingerprint());
        assertEquals(Severity.CRITICAL, at5.severity());
        assertEquals("全公司合计持有 600519.SH（贵州茅台）5.00%，达到 5% 举牌线，需公告", at5.message());
        assertEquals(Map.of("A01", "20000000", "A05", "18000000", "A09", "12000000"), at5.evidence().get("accounts"));
        assertEquals("1000000000", at5.evidence().get("totalShares"));
        assertEquals("50000000", at5.evidence().get("firmQuantity"));

        // A09 sells 100,000: the condition does not vanish, it falls to an approach WARNING on the same fingerprint.
        Map<String, BigDecimal> after = Map.of("A01", d("20000000"), "A05", d("18000000"), "A09", d("11900000"));
        Condition at499 = DisclosureRule.evaluate(company(ISSUED), null, after, null).orElseThrow();
        assertEquals(at5.fingerprint(), at499.fingerprint());
        assertEquals(Severity.WARNING, at499.severity());
        assertEquals("全公司合计持有 600519.SH（贵州茅台）4.99%，接近 5% 举牌线（预警线 4.5%）", at499.message());
        assertEquals("49900000", at499.evidence().get("firmQuantity"));
    }

    @Test
    @DisplayName("a buy-back cancellation can cross 5% with no trade")
    void totalSharesChangeCrossesThreshold() {
        Map<String, BigDecimal> q = Map.of("A01", d("52000000"));
        assertEquals(Severity.WARNING,
                DisclosureRule.evaluate(company(1_100_000_000L), null, q, null).orElseThrow().severity());
        assertEquals(Severity.CRITICAL,
                DisclosureRule.evaluate(company(1_000_000_000L), null, q, null).orElseThrow().severity());
    }

    @Test
    void unknownOrZeroTotalSharesCannotBeMeasured() {
        assertTrue(DisclosureRule.evaluate(company(0), d("50000000"), Map.of(), null).isEmpty());
        assertTrue(DisclosureRule.evaluate(company(-1), d("50000000"), Map.of(), null).isEmpty());
        assertTrue(DisclosureRule.evaluate(null, d("50000000"), Map.of(), null).isEmpty());
    }

    @Test
    void messagesWithFiling() {
        assertEquals("全公司合计持有 600519.SH（贵州茅台）10.20%，较上次披露 5.10% 越过 10% 档，需公告",
                eval("102000000", "0.051").orElseThrow().message());
        assertEquals("全公司合计持有 600519.SH（贵州茅台）4.99%，较上次披露 5.10% 跌破 5% 档，需公告",
                eval("49900000", "0.051").orElseThrow().message());
        assertEquals("全公司合计持有 600519.SH（贵州茅台）6.10%，较上次披露 5.10% 变动达 1%，需关注变动披露",
                eval("61000000", "0.051").orElseThrow().message());
    }

    @Test
    void zeroHoldingsAreNotListedAsContributors() {
        Map<String, BigDecimal> q = Map.of("A01", d("50000000"), "A02", d("0"));
        assertEquals(Map.of("A01", "50000000"),
                DisclosureRule.evaluate(company(ISSUED), null, q, null).orElseThrow().evidence().get("accounts"));
    }
}
