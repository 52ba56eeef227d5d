package com.mandatewatch.rules;

import com.mandatewatch.domain.Bounds;
import com.mandatewatch.domain.Condition;
import com.mandatewatch.domain.Contract;
import com.mandatewatch.domain.ContractType;
import com.mandatewatch.domain.Exclusions;
import com.mandatewatch.domain.Limits;
import com.mandatewatch.domain.ReturnBand;
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
import java.util.Set;

import static com.mandatewatch.rules.Fixtures.cash;
import static com.mandatewatch.rules.Fixtures.contract;
import static com.mandatewatch.rules.Fixtures.d;
import static com.mandatewatch.rules.Fixtures.dump;
import static com.mandatewatch.rules.Fixtures.holding;
import static com.mandatewatch.rules.Fixtures.of;
import static com.mandatewatch.rules.Fixtures.security;
import static com.mandatewatch.rules.Fixtures.stock;
import static com.mandatewatch.rules.Fixtures.view;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AccountRulesTest {
    /** A mandate with something to say about everything: any alert that can be computed will be. */
    private static Contract strict(ContractType type, String low, String high) {
        Limits limits = new Limits(Map.of(SecurityKind.STOCK, new Bounds(null, d("0.10")),
                SecurityKind.BOND, new Bounds(d("0.20"), null)), d("0.10"), null);
        return contract(limits, new Exclusions(Set.of("600000.SH"), Set.of(), Set.of("ST")),
                new ReturnBand(d(low), d(high)), type);
    }

    private static Contract strict() {
        return strict(ContractType.NO_GUARANTEE, "-0.05", "0.08");
    }

    // ---- NAV, C09 ----------------------------------------------------------------------------------------------

    @Test
    @DisplayName("C09a: fully redeemed, NAV 0.00 with a leftover zero position: one DATA_QUALITY NAV warning only")
    void c09aZeroNav() {
        AccountView v = view(d("-0.50"), holding(stock("600519.SH"), "0", "1500.00"), cash("0.00"));
        List<Condition> all = AccountRules.evaluate(v, strict());
        assertEquals(1, all.size(), dump(all));
        Condition c = all.get(0);
        assertEquals("DATA_QUALITY:A001:NAV", c.fingerprint());
        assertEquals(Severity.WARNING, c.severity());
        assertEquals(0, c.value().signum());
        assertNoNaN(all);
    }

    @Test
    @DisplayName("C09b: NAV −50,000.00 with a 100,000.00 position (weight −200%): no ratio alert, one NAV warning")
    void c09bNegativeNav() {
        AccountView v = view(d("-0.50"), holding(stock("600519.SH"), "1000", "100.00"), cash("-150000.00"));
        assertEquals(d("-50000.00"), AccountRules.nav(v));
        List<Condition> all = AccountRules.evaluate(v, strict());
        assertEquals(List.of("DATA_QUALITY:A001:NAV"), all.stream().map(Condition::fingerprint).toList(), dump(all));
        assertEquals("账户 A001 净值为 -50000.00（≤ 0），持仓比例与收益率规则暂停", all.get(0).message());
        assertNoNaN(all);
    }

    @DisplayName("C09: NAV ≤ 0 never yields HOLDING_RATIO or RETURN_BAND, whatever the positions")
    @ParameterizedTest(name = "stock {0}, cash {1}")
    @CsvSource({
            "100000.00, -100000.00",   // NAV exactly 0
            "100000.00, -100000.01",   // NAV just below 0
            "100000.00, -1000000.00",
            "-100000.00, 0.00",        // a short position only
    })
    void c09NonPositiveNav(String stockValue, String cashAmount) {
        AccountView v = view(d("-0.90"), holding(stock("600519.SH"), "1", stockValue), cash(cashAmount));
        List<Condition> all = AccountRules.evaluate(v, strict());
        assertEquals(List.of(), of(all, Rule.HOLDING_RATIO));
        assertEquals(List.of(), of(all, Rule.RETURN_BAND));
        assertEquals(1, of(all, Rule.DATA_QUALITY).size());
        assertNoNaN(all);
    }

    @Test
    @DisplayName("C09: NAV just above 0 is a normal account again")
    void c09TinyPositiveNav() {
        AccountView v = view(holding(stock("600519.SH"), "1", "100000.00"), cash("-99999.99"));
        List<Condition> all = AccountRules.evaluate(v, strict());
        assertEquals(List.of(), of(all, Rule.DATA_QUALITY));
        assertEquals(Severity.CRITICAL, of(all, Rule.HOLDING_RATIO).get(0).severity());
        assertNoNaN(all);
    }

    @Test
    @DisplayName("C09: an excluded security is still reported when NAV ≤ 0: holding it is a fact, not a ratio")
    void exclusionSurvivesNonPositiveNav() {
        AccountView v = view(holding(stock("600000.SH"), "1000", "10.00"), cash("-20000.00"));
        List<Condition> all = AccountRules.evaluate(v, strict());
        assertEquals(List.of("DATA_QUALITY:A001:NAV", "EXCLUDED_SECURITY:A001:600000.SH"),
                all.stream().map(Condition::fingerprint).toList());
    }

    @Test
    @DisplayName("empty account (no holdings at all): no alert, not even a kind minimum or a return band")
    void emptyAccount() {
        assertEquals(List.of(), AccountRules.evaluate(view(d("-0.50")), strict()));
        assertEquals(List.of(), AccountRules.evaluate(view(), null));
        assertEquals(BigDecimal.ZERO, AccountRules.nav(view()));
    }

    // ---- valuation and DATA_QUALITY -----------------------------------------------------------------------------

    @Test
    void navIncludesCashAtPriceOneAndLeavesOutUnvalued() {
        Security moneyFund = new Security("CNY-DEP", "存款", SecurityKind.CASH, "", 0, Set.of());
        AccountView v = view(holding(stock("600519.SH"), "100", "1500.00"), cash("2500000.00"),
                new Holding("CNY-DEP", d("1000.00"), null, moneyFund),
                new Holding("000001.SZ", d("500"), null, stock("000001.SZ")),       // no price yet
                new Holding("300750.SZ", d("500"), d("200.00"), null));             // no reference data yet
        assertEquals(0, AccountRules.nav(v).compareTo(d("2651000.00")));
    }

    @Test
    @DisplayName("each unvalued position raises a DATA_QUALITY warning with its code; ratios use the valued NAV")
    void unvaluedPositions() {
        AccountView v = view(holding(stock("600519.SH"), "1000", "1000.00"), cash("9000000.00"),
                new Holding("000001.SZ", d("500"), null, stock("000001.SZ")),
                new Holding("300750.SZ", d("500"), d("200.00"), null),
                new Holding("688981.SH", d("10"), null, null),
                new Holding("601318.SH", d("0"), null, null));                      // closed: ignored
        List<Condition> all = AccountRules.evaluate(v, contract(Fixtures.singleMax("0.10"), null, null,
                ContractType.NO_GUARANTEE));
        List<Condition> dq = of(all, Rule.DATA_QUALITY);
        assertEquals(List.of("000001.SZ", "300750.SZ", "688981.SH"), dq.stream().map(Condition::subject).toList());
        assertTrue(dq.stream().allMatch(c -> c.severity() == Severity.WARNING));
        assertEquals("持仓 000001.SZ 无法估值：无价格，暂不计入净值", dq.get(0).message());
        assertEquals("持仓 300750.SZ 无法估值：无参考数据，暂不计入净值", dq.get(1).message());
        assertEquals(List.of("reference", "price"), dq.get(2).evidence().get("missing"));
        Condition ratio = of(all, Rule.HOLDING_RATIO).get(0);
        assertEquals(Severity.WARNING, ratio.severity(), "exactly 10% of the valued NAV: not a breach");
        assertEquals("10000000.00", ratio.evidence().get("nav"));
    }

    @Test
    void nothingValuedYetSaysSoInsteadOfClaimingNavZero() {
        AccountView v = view(new Holding("000001.SZ", d("500"), null, stock("000001.SZ")));
        List<Condition> all = AccountRules.evaluate(v, strict());
        assertEquals(List.of("DATA_QUALITY:A001:NAV", "DATA_QUALITY:A001:000001.SZ"),
                all.stream().map(Condition::fingerprint).toList());
        assertTrue(all.get(0).message().contains("尚无可估值持仓"), all.get(0).message());
    }

    @Test
    @DisplayName("no contract: only DATA_QUALITY")
    void noContract() {
        AccountView v = view(d("-0.99"), holding(stock("600000.SH"), "1000", "10.00"),
                new Holding("000001.SZ", d("1"), null, null));
        assertEquals(List.of("DATA_QUALITY:A001:000001.SZ"),
                AccountRules.evaluate(v, null).stream().map(Condition::fingerprint).toList());
    }

    // ---- EXCLUDED_SECURITY ------------------------------------------------------------------------------------

    @DisplayName("exclusion by code, issuer or flag; quantity 0 is not a holding")
    @ParameterizedTest(name = "{0} qty {1}: fires {2}")
    @CsvSource({
            "code,     100,  true",
            "code,     -100, true",    // a short position is still an exposure
            "code,     0,    false",
            "issuer,   1,    true",
            "flag,     1,    true",
            "none,     1,    false",
    })
    void exclusions(String by, String quantity, boolean fires) {
        Security s = switch (by) {
            case "code" -> stock("600000.SH");
            case "issuer" -> new Security("601988.SH", "中国银行", SecurityKind.STOCK, "中国银行股份有限公司", 1, Set.of());
            case "flag" -> new Security("600001.SH", "*ST 某某", SecurityKind.STOCK, "某某", 1, Set.of("ST"));
            default -> stock("600519.SH");
        };
        Contract c = contract(Limits.NONE, new Exclusions(Set.of("600000.SH"), Set.of("中国银行股份有限公司"), Set.of("ST")),
                null, ContractType.NO_GUARANTEE);
        List<Condition> all = of(AccountRules.evaluate(view(holding(s, quantity, "10.00"), cash("1000000.00")), c),
                Rule.EXCLUDED_SECURITY);
        assertEquals(fires, !all.isEmpty());
        if (fires) {
            Condition x = all.get(0);
            assertEquals(Severity.CRITICAL, x.severity());
            assertEquals(s.code(), x.subject());
            assertNull(x.value());
            assertNull(x.limit());
            assertTrue(x.message().startsWith("持有禁投证券 " + s.code()), x.message());
        }
    }

    @Test
    void excludedCodeFiresEvenWithoutReferenceDataOrPrice() {
        AccountView v = view(new Holding("600000.SH", d("100"), null, null), cash("1000.00"));
        List<Condition> all = AccountRules.evaluate(v, strict());
        assertEquals(List.of("DATA_QUALITY:A001:600000.SH", "EXCLUDED_SECURITY:A001:600000.SH"),
                all.stream().filter(c -> c.rule() != Rule.HOLDING_RATIO).map(Condition::fingerprint).toList());
        assertEquals(List.of("code:600000.SH"), of(all, Rule.EXCLUDED_SECURITY).get(0).evidence().get("matched"));
    }

    // ---- RETURN_BAND -----------------------------------------------------------------------------------------

    @DisplayName("C06c: return band [low, high] is inclusive; ±0.0001 pp either side")
    @ParameterizedTest(name = "{0} {1}..{2} r={3} → {4} {5}")
    @CsvSource({
            // type,               low,   high, return,    subject, severity
            "NO_GUARANTEE,         -0.05, 0.08, -0.050001, LOW,     WARNING",
            "NO_GUARANTEE,         -0.05, 0.08, -0.05,     ,        ",
            "NO_GUARANTEE,         -0.05, 0.08, -0.049999, ,        ",
            "NO_GUARANTEE,         -0.05, 0.08, 0.079999,  ,        ",
            "NO_GUARANTEE,         -0.05, 0.08, 0.08,      ,        ",   // C06c: equal to the upper band
            "NO_GUARANTEE,         -0.05, 0.08, 0.080001,  HIGH,    WARNING",
            "NO_GUARANTEE,         -0.05, 0.08, -0.06,     LOW,     WARNING",
            "CAPITAL_GUARANTEED,   -0.05, 0.08, -0.06,     LOW,     CRITICAL",
            "CAPITAL_GUARANTEED,   0,     0.08, -0.000001, LOW,     CRITICAL",
            "CAPITAL_GUARANTEED,   0,     0.08, 0,         ,        ",
            "CAPITAL_GUARANTEED,   0.01,  0.08, 0.005,     LOW,     WARNING",   // below band, but no loss
            "CAPITAL_GUARANTEED,   0,     0.08, 0.09,      HIGH,    WARNING",
            "TREASURY_FACE_VALUE,  ,      ,     -0.50,     ,        ",          // open band
            "OTHER,                ,      0.08, -0.50,     ,        ",
    })
    void returnBand(ContractType type, String low, String high, String r, String subject, String severity) {
        AccountView v = view(d(r), cash("1000000.00"));
        List<Condition> all = AccountRules.evaluate(v, contract(Limits.NONE, null, new ReturnBand(d(low), d(high)), type));
        if (subject == null) {
            assertEquals(List.of(), all);
            return;
        }
        assertEquals(1, all.size(), dump(all));
        Condition c = all.get(0);
        assertEquals("RETURN_BAND:A001:" + subject, c.fingerprint());
        assertEquals(Severity.valueOf(severity), c.severity());
        assertEquals(0, c.value().compareTo(d(r)));
        assertEquals(0, c.limit().compareTo(d(subject.equals("LOW") ? low : high)));
    }

    @Test
    void returnBandMessages() {
        Condition low = of(AccountRules.evaluate(view(d("-0.053"), cash("1.00")), strict()), Rule.RETURN_BAND).get(0);
        assertEquals("累计收益率 -5.30%，低于区间下限 -5%", low.message());
        assertEquals("Cumulative return -5.30% is below the band's lower bound of -5%", low.messageEn());
        Condition cg = of(AccountRules.evaluate(view(d("-0.0000001"), cash("1.00")),
                strict(ContractType.CAPITAL_GUARANTEED, "0", "0.08")), Rule.RETURN_BAND).get(0);
        assertEquals("累计收益率 -0.00001%，低于区间下限 0%（保本合同出现亏损）", cg.message());
        Condition high = of(AccountRules.evaluate(view(d("0.080001"), cash("1.00")), strict()), Rule.RETURN_BAND).get(0);
        assertEquals("累计收益率 8.0001%，高于区间上限 8%", high.message());
    }

    @Test
    void noReturnReceivedNoReturnAlert() {
        assertEquals(List.of(), of(AccountRules.evaluate(view(cash("1.00")), strict()), Rule.RETURN_BAND));
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private static void assertNoNaN(List<Condition> all) {
        String text = dump(all);
        assertFalse(text.contains("NaN"), text);
        assertFalse(text.contains("Infinity"), text);
    }
}
