package com.mandatewatch.rules;

import com.mandatewatch.domain.Bounds;
import com.mandatewatch.domain.Condition;
import com.mandatewatch.domain.Limits;
import com.mandatewatch.domain.Rule;
import com.mandatewatch.domain.Security;
import com.mandatewatch.domain.SecurityKind;
import com.mandatewatch.domain.Severity;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static com.mandatewatch.rules.Fixtures.cash;
import static com.mandatewatch.rules.Fixtures.d;
import static com.mandatewatch.rules.Fixtures.holding;
import static com.mandatewatch.rules.Fixtures.kind;
import static com.mandatewatch.rules.Fixtures.of;
import static com.mandatewatch.rules.Fixtures.security;
import static com.mandatewatch.rules.Fixtures.singleMax;
import static com.mandatewatch.rules.Fixtures.stock;
import static com.mandatewatch.rules.Fixtures.view;
import static com.mandatewatch.rules.Fixtures.withLimits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HoldingRatioTest {
    private static final BigDecimal NAV = d("10000000.00");
    private static final Security MOUTAI = stock("600519.SH");

    /** One holding of market value mv plus cash, so that NAV is always 10,000,000.00. */
    private static AccountView oneHolding(Security s, String quantity, String price) {
        BigDecimal mv = d(quantity).multiply(d(price));
        return view(holding(s, quantity, price), cash(NAV.subtract(mv).toPlainString()));
    }

    private static Condition single(List<Condition> all) {
        List<Condition> ratio = of(all, Rule.HOLDING_RATIO);
        return ratio.isEmpty() ? null : ratio.get(0);
    }

    @DisplayName("C06a: single stock max 10%, warn fraction 0.9, NAV 10,000,000.00: below, equal, ±0.0001 pp")
    @ParameterizedTest(name = "price {0} → {1} {2}")
    @CsvSource({
            // price for 1000 shares, severity, shown weight
            "899.99,  NONE,     ",
            "900.00,  NONE,     ",          // exactly on the warning line: not above it
            "900.01,  WARNING,  9.0001%",
            "999.99,  WARNING,  9.9999%",
            "1000.00, WARNING,  10.00%",    // C06a: exactly 10.000% is not a breach
            "1000.01, CRITICAL, 10.0001%",  // +0.0001 pp
            "1032.00, CRITICAL, 10.32%",
    })
    void c06aSingleStockBoundaries(String price, String severity, String shown) {
        List<Condition> all = AccountRules.evaluate(oneHolding(MOUTAI, "1000", price), withLimits(singleMax("0.10")));
        Condition c = single(all);
        if (severity.equals("NONE")) {
            assertEquals(List.of(), all);
            return;
        }
        assertEquals(Severity.valueOf(severity), c.severity());
        assertEquals("HOLDING_RATIO:A001:600519.SH", c.fingerprint());
        assertEquals(0, c.limit().compareTo(d("0.10")), "limit is the max even for a warning");
        assertTrue(c.message().contains("占净值 " + shown), c.message());
        assertEquals(d(price).multiply(d("1000")).divide(NAV).compareTo(c.value()), 0);
    }

    @Test
    @DisplayName("C06a: value, limit, message and evidence of the SPEC §5 example")
    void specExampleMessage() {
        Condition c = single(AccountRules.evaluate(oneHolding(MOUTAI, "1000", "1032.00"), withLimits(singleMax("0.10"))));
        assertEquals("单一股票 600519.SH 占净值 10.32%，超过上限 10%", c.message());
        assertEquals("Single stock 600519.SH: 10.32% of NAV, above the limit of 10%", c.messageEn());
        assertEquals("0.1032", c.value().toPlainString());
        assertEquals("10000000.00", c.evidence().get("nav"));
        assertEquals("1032000.00", c.evidence().get("marketValue"));
        assertEquals("1000", c.evidence().get("quantity"));
        assertEquals("1032.00", c.evidence().get("price"));
        assertEquals("0.1032", c.evidence().get("weight"));
    }

    @DisplayName("kind max: STOCK ≤ 60%, warning above 54%")
    @ParameterizedTest(name = "stock value {0} → {1} {2}")
    @CsvSource({
            "5399990.00, NONE,     ",
            "5400000.00, NONE,     ",
            "5400010.00, WARNING,  54.0001%",
            "5999990.00, WARNING,  59.9999%",
            "6000000.00, WARNING,  60.00%",
            "6000010.00, CRITICAL, 60.0001%",
            "6120000.00, CRITICAL, 61.20%",
    })
    void kindMaxBoundaries(String marketValue, String severity, String shown) {
        List<Condition> all = AccountRules.evaluate(oneHolding(MOUTAI, "1", marketValue),
                withLimits(kind(SecurityKind.STOCK, null, "0.60")));
        Condition c = single(all);
        if (severity.equals("NONE")) {
            assertEquals(List.of(), all);
            return;
        }
        assertEquals(Severity.valueOf(severity), c.severity());
        assertEquals("STOCK", c.subject());
        assertEquals(0, c.limit().compareTo(d("0.60")));
        String expected = severity.equals("WARNING")
                ? "股票类资产占净值 " + shown + "，接近上限 60%（预警线 54%）"
                : "股票类资产占净值 " + shown + "，超过上限 60%";
        assertEquals(expected, c.message());
    }

    @DisplayName("kind min: BOND ≥ 20% — below is CRITICAL, equal is fine")
    @ParameterizedTest(name = "bond value {0} → {1} {2}")
    @CsvSource({
            "1999990.00, CRITICAL, 19.9999%",
            "2000000.00, NONE,     ",
            "2000010.00, NONE,     ",
            "0.01,       CRITICAL, 0.00%",       // tiny but positive: only the verdict against 20% must hold
    })
    void kindMinBoundaries(String marketValue, String severity, String shown) {
        List<Condition> all = AccountRules.evaluate(oneHolding(security("019547.SH", SecurityKind.BOND), "1", marketValue),
                withLimits(kind(SecurityKind.BOND, "0.20", null)));
        Condition c = single(all);
        if (severity.equals("NONE")) {
            assertEquals(List.of(), all);
            return;
        }
        assertEquals(Severity.CRITICAL, c.severity());
        assertEquals("BOND", c.subject());
        assertEquals("债券类资产占净值 " + shown + "，低于下限 20%", c.message());
        assertEquals(0, c.limit().compareTo(d("0.20")));
    }

    @Test
    void aMissingKindHasWeightZeroAgainstItsMinimum() {
        Condition c = single(AccountRules.evaluate(view(cash("1000.00")),
                withLimits(kind(SecurityKind.BOND, "0.20", null))));
        assertEquals(Severity.CRITICAL, c.severity());
        assertEquals(0, c.value().signum());
        assertEquals("债券类资产占净值 0.00%，低于下限 20%", c.message());
    }

    @Test
    void kindWeightIsTheSumOverHoldingsOfThatKind() {
        AccountView v = view(holding(stock("600519.SH"), "1", "3500000.00"), holding(stock("000001.SZ"), "1", "2600000.00"),
                holding(security("510300.SH", SecurityKind.FUND), "1", "1000000.00"), cash("2900000.00"));
        Condition c = single(AccountRules.evaluate(v, withLimits(kind(SecurityKind.STOCK, null, "0.60"))));
        assertEquals(Severity.CRITICAL, c.severity());
        assertEquals("6100000.00", c.evidence().get("marketValue"));
        assertEquals("0.61", c.value().toPlainString());
    }

    @Test
    void cashWithoutReferenceDataCountsAsKindCash() {
        AccountView v = view(holding(stock("600519.SH"), "1", "6500000.00"), cash("3500000.00"));
        Condition c = single(AccountRules.evaluate(v, withLimits(kind(SecurityKind.CASH, null, "0.30"))));
        assertEquals("CASH", c.subject());
        assertEquals(Severity.CRITICAL, c.severity());
        assertEquals("0.35", c.value().toPlainString());
    }

    @Test
    void singleSecurityMaxAppliesToStocksOnly() {
        AccountView v = view(holding(security("510300.SH", SecurityKind.FUND), "1", "5000000.00"),
                holding(security("019547.SH", SecurityKind.BOND), "1", "4000000.00"), cash("1000000.00"));
        assertEquals(List.of(), AccountRules.evaluate(v, withLimits(singleMax("0.10"))));
    }

    @Test
    void kindAndSingleStockAlertsAreSeparateSubjects() {
        AccountView v = view(holding(stock("600519.SH"), "1", "3100000.00"), holding(stock("000001.SZ"), "1", "3100000.00"),
                cash("3800000.00"));
        Limits limits = new Limits(Map.of(SecurityKind.STOCK, new Bounds(null, d("0.60"))), d("0.30"), null);
        List<Condition> all = AccountRules.evaluate(v, withLimits(limits));
        assertEquals(List.of("HOLDING_RATIO:A001:STOCK", "HOLDING_RATIO:A001:600519.SH", "HOLDING_RATIO:A001:000001.SZ"),
                all.stream().map(Condition::fingerprint).toList());
        assertTrue(all.stream().allMatch(c -> c.severity() == Severity.CRITICAL));
    }

    @Test
    void customWarnFraction() {
        Limits limits = new Limits(Map.of(), d("0.10"), d("0.95"));
        assertEquals(List.of(), AccountRules.evaluate(oneHolding(MOUTAI, "1000", "950.00"), withLimits(limits)));
        Condition c = single(AccountRules.evaluate(oneHolding(MOUTAI, "1000", "950.01"), withLimits(limits)));
        assertEquals(Severity.WARNING, c.severity());
        assertTrue(c.message().endsWith("（预警线 9.5%）"), c.message());
    }

    @Test
    @DisplayName("C10: passive drift 9.8% → 10.3% → 10.5% keeps one fingerprint; active buy 9.5% → 10.6% also breaches")
    void c10PassiveAndActiveBreachBothAlert() {
        Limits limits = singleMax("0.10");
        // A01: 10,000 shares, no trade, price rises.
        Condition day1 = single(AccountRules.evaluate(view(holding(MOUTAI, "10000", "980.00"), cash("90200000.00")),
                withLimits(limits)));
        Condition day2 = single(AccountRules.evaluate(view(holding(MOUTAI, "10000", "1036.00"), cash("90200000.00")),
                withLimits(limits)));
        Condition day3 = single(AccountRules.evaluate(view(holding(MOUTAI, "10000", "1060.00"), cash("90200000.00")),
                withLimits(limits)));
        assertEquals(Severity.WARNING, day1.severity());
        assertEquals("9.80%", Percent.format(day1.value(), day1.limit()));
        assertEquals(Severity.CRITICAL, day2.severity());
        assertEquals(Severity.CRITICAL, day3.severity());
        assertTrue(day3.value().compareTo(day2.value()) > 0);
        // Same fingerprint: the alert layer updates the open alert instead of opening a new one.
        assertEquals(day1.fingerprint(), day2.fingerprint());
        assertEquals(day2.fingerprint(), day3.fingerprint());
        // The rule reports quantity in evidence, which is what tells a trade (active) from drift (passive).
        assertEquals("10000", day1.evidence().get("quantity"));
        assertEquals("10000", day2.evidence().get("quantity"));

        // A03: buys 2,000 more at an unchanged price: 9.5% → 10.6%.
        Condition before = single(AccountRules.evaluate(view(holding(MOUTAI, "10000", "950.00"), cash("90500000.00")),
                withLimits(limits)));
        Condition after = single(AccountRules.evaluate(view(holding(MOUTAI, "12000", "950.00"), cash("96100000.00")),
                withLimits(limits)));
        assertEquals(Severity.WARNING, before.severity());
        assertEquals("0.095", before.value().toPlainString());
        assertEquals(Severity.CRITICAL, after.severity());
        assertEquals("10.60%", Percent.format(after.value(), after.limit()));
        assertEquals("12000", after.evidence().get("quantity"));
    }
}
