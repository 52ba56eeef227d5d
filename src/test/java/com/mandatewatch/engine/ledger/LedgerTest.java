package com.mandatewatch.engine.ledger;

import com.mandatewatch.domain.Bounds;
import com.mandatewatch.domain.Contract;
import com.mandatewatch.domain.ContractStatus;
import com.mandatewatch.domain.ContractType;
import com.mandatewatch.domain.Limits;
import com.mandatewatch.domain.RecordStatus;
import com.mandatewatch.domain.ReturnBand;
import com.mandatewatch.domain.Security;
import com.mandatewatch.domain.SecurityKind;
import com.mandatewatch.engine.AccountBook;
import com.mandatewatch.rules.AccountRules;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The ledger at every boundary of SPEC §4, each case also checked against the BigDecimal rules. */
class LedgerTest {
    private static final Security MOUTAI = new Security("600519.SH", "贵州茅台", SecurityKind.STOCK, "茅台", 1_256_197_800L, Set.of());
    private static final Security BOND = new Security("019547.SH", "国债", SecurityKind.BOND, "财政部", 0, Set.of());

    private static Contract contract(Limits limits, ReturnBand band, ContractType type) {
        return new Contract("K1", "C1", "A001", new BigDecimal("10000000"), LocalDate.of(2025, 1, 2), LocalDate.of(2027, 1, 2), type,
                ContractStatus.ACTIVE, null, band, limits, null, null, "t", RecordStatus.SEALED);
    }

    /** A book and its ledger with one contract for A001; the book is what the rules read. */
    private record Case(AccountBook book, Contract contract) {
        static Case of(Contract c) {
            AccountBook book = new AccountBook();
            book.ledger().mandates(a -> a.equals("A001") ? c : null, VerdictSink.NONE);
            book.putSecurity(MOUTAI);
            book.putSecurity(BOND);
            return new Case(book, c);
        }

        Map<String, String> ledger() {
            return LedgerChecks.verdicts(book.ledger(), book.ledger().findAccount("A001"));
        }

        Map<String, String> rules() {
            return LedgerChecks.expected(AccountRules.evaluate(book.view("A001"), contract));
        }
    }

    @DisplayName("Single stock max 10%, warning at 90% of it, NAV 10,000,000.00: below, on and just above each line")
    @ParameterizedTest(name = "price {0} → {1}")
    @CsvSource({"899.99, ", "900.00, ", "900.01, WARNING", "1000.00, WARNING", "1000.01, CRITICAL/max"})
    void singleStock(String price, String expected) {
        Case c = Case.of(contract(new Limits(Map.of(), new BigDecimal("0.10"), null), null, ContractType.NO_GUARANTEE));
        c.book().putPrice("600519.SH", new BigDecimal("500"));
        c.book().putPosition("A001", "600519.SH", new BigDecimal("1000"));
        BigDecimal cash = new BigDecimal("10000000.00").subtract(new BigDecimal(price).multiply(new BigDecimal("1000")));
        c.book().putPosition("A001", "CASH", cash);
        // the price arrives as a tick, through the incremental path
        List<String> moves = new ArrayList<>();
        c.book().putPrice("600519.SH", new BigDecimal(price), (a, s, id, from, to) -> moves.add(s + ":" + from + ">" + to));
        assertEquals(c.rules(), c.ledger());
        assertEquals(expected == null ? Map.of() : Map.of("HOLDING_RATIO:A001:600519.SH", expected), c.ledger());
    }

    @DisplayName("Bond minimum 20% and maximum 60% of NAV 1,000,000: below, equal, just above")
    @ParameterizedTest(name = "bond value {0} → {1}")
    @CsvSource({"199999.99, CRITICAL/min", "200000.00, ", "200000.01, ", "540000.00, ", "540000.01, WARNING", "600000.00, WARNING",
            "600000.01, CRITICAL/max"})
    void kindBounds(String bondValue, String expected) {
        Case c = Case.of(contract(new Limits(Map.of(SecurityKind.BOND, new Bounds(new BigDecimal("0.20"), new BigDecimal("0.60"))), null, null),
                null, ContractType.NO_GUARANTEE));
        c.book().putPrice("019547.SH", new BigDecimal("1"));
        c.book().putPosition("A001", "019547.SH", new BigDecimal(bondValue));
        c.book().putPosition("A001", "CASH", new BigDecimal("1000000.00").subtract(new BigDecimal(bondValue)));
        assertEquals(c.rules(), c.ledger());
        assertEquals(expected == null ? Map.of() : Map.of("HOLDING_RATIO:A001:BOND", expected), c.ledger());
    }

    @Test
    @DisplayName("An account never fed holds nothing; all positions closed: NAV 0 raises DATA_QUALITY and no ratio")
    void emptyAndZeroNav() {
        Case c = Case.of(contract(new Limits(Map.of(SecurityKind.BOND, new Bounds(new BigDecimal("0.20"), null)), new BigDecimal("0.1"), null),
                new ReturnBand(new BigDecimal("-0.05"), null), ContractType.CAPITAL_GUARANTEED));
        c.book().ledger().account("A001");
        assertEquals(Map.of(), c.ledger());
        c.book().putPrice("600519.SH", new BigDecimal("1500"));
        c.book().putPosition("A001", "600519.SH", new BigDecimal("100"));
        c.book().putReturn("A001", new BigDecimal("-0.06"));
        assertEquals(c.rules(), c.ledger());
        assertEquals("CRITICAL", c.ledger().get("RETURN_BAND:A001:LOW"));
        c.book().putPosition("A001", "600519.SH", BigDecimal.ZERO);
        assertEquals(Map.of("DATA_QUALITY:A001:NAV", "WARNING"), c.ledger());
        assertEquals(c.rules(), c.ledger());
    }

    @Test
    @DisplayName("Negative NAV (a short line): no ratio or return condition, DATA_QUALITY on the NAV, as the rules say")
    void negativeNav() {
        Case c = Case.of(contract(new Limits(Map.of(), new BigDecimal("0.1"), null), new ReturnBand(null, new BigDecimal("0.1")),
                ContractType.NO_GUARANTEE));
        c.book().putPrice("600519.SH", new BigDecimal("1500"));
        c.book().putPosition("A001", "600519.SH", new BigDecimal("100"));
        c.book().putPosition("A001", "CASH", new BigDecimal("-200000"));
        c.book().putReturn("A001", new BigDecimal("0.2"));
        assertEquals(Map.of("DATA_QUALITY:A001:NAV", "WARNING"), c.ledger());
        assertEquals(c.rules(), c.ledger());
        c.book().putPrice("600519.SH", new BigDecimal("2000.01"), VerdictSink.NONE);
        assertEquals(c.rules(), c.ledger());
        assertEquals(Set.of("HOLDING_RATIO:A001:600519.SH", "RETURN_BAND:A001:HIGH"), c.ledger().keySet());
    }

    @Test
    @DisplayName("A position with no price yet is unvalued (DATA_QUALITY) and out of NAV until its first price")
    void unvaluedUntilFirstPrice() {
        Case c = Case.of(contract(new Limits(Map.of(), new BigDecimal("0.1"), null), null, ContractType.NO_GUARANTEE));
        c.book().putPosition("A001", "600519.SH", new BigDecimal("100"));
        c.book().putPosition("A001", "CASH", new BigDecimal("1000"));
        assertEquals(Map.of("DATA_QUALITY:A001:600519.SH", "WARNING"), c.ledger());
        c.book().putPrice("600519.SH", new BigDecimal("1"));
        assertEquals(Map.of("HOLDING_RATIO:A001:600519.SH", "WARNING"), c.ledger());
        assertEquals(c.rules(), c.ledger());
    }

    @Test
    @DisplayName("A price tick reports exactly the verdicts that moved, and nothing when none did")
    void reportsOnlyMoves() {
        Case c = Case.of(contract(new Limits(Map.of(), new BigDecimal("0.10"), null), null, ContractType.NO_GUARANTEE));
        c.book().putPrice("600519.SH", new BigDecimal("500"));
        c.book().putPosition("A001", "600519.SH", new BigDecimal("1000"));
        c.book().putPosition("A001", "CASH", new BigDecimal("9000000"));
        List<String> moves = new ArrayList<>();
        VerdictSink sink = (a, s, id, from, to) -> moves.add(s + ":" + from + ">" + to);
        c.book().putPrice("600519.SH", new BigDecimal("600"), sink);
        assertEquals(List.of(), moves);
        c.book().putPrice("600519.SH", new BigDecimal("1000.00"), sink); // exactly 10% of 10,000,000: WARNING, not a breach
        assertEquals(List.of("2:0>1"), moves);
        c.book().putPrice("600519.SH", new BigDecimal("1200"), sink);
        assertEquals(List.of("2:0>1", "2:1>2"), moves);
    }
}
