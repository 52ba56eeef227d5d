package com.mandatewatch.engine.ledger;

import com.mandatewatch.domain.Bounds;
import com.mandatewatch.domain.Contract;
import com.mandatewatch.domain.ContractStatus;
import com.mandatewatch.domain.ContractType;
import com.mandatewatch.domain.Exclusions;
import com.mandatewatch.domain.Limits;
import com.mandatewatch.domain.RecordStatus;
import com.mandatewatch.domain.ReturnBand;
import com.mandatewatch.domain.Security;
import com.mandatewatch.domain.SecurityKind;
import com.mandatewatch.engine.AccountBook;
import com.mandatewatch.rules.AccountRules;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random books, changed one event at a time: after every event the ledger's verdicts equal the BigDecimal rules' for
 * every account it can represent, the changes it reported add up to what it holds, and every account it cannot
 * represent was handed to the exact rules.
 */
class LedgerDifferentialTest {
    /** subject/code pairs the random books reached: the test is only as good as the conditions it makes happen. */
    private static final Set<String> SEEN = java.util.Collections.synchronizedSet(new java.util.TreeSet<>());

    @org.junit.jupiter.api.AfterAll
    static void everyConditionOccurred() {
        assertTrue(SEEN.containsAll(Set.of("0/1", "1/1", "1/2", "1/3", "2/1", "2/2", "3/2", "4/1", "5/1", "5/2", "6/1", "7/1", "7/2")),
                "conditions reached: " + SEEN);
    }

    private static final String[] FRACTIONS = {"0.10", "0.05", "0.6", "0.2", "0.3", "0.02", "0.015", "0.5", "0.01"};

    @DisplayName("Randomized: the ledger's verdicts equal AccountRules over many random books and event sequences")
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void sameVerdictsAsTheRules(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        AccountBook book = new AccountBook(); // the BigDecimal record the rules read
        Ledger ledger = new Ledger(); // fed the same events on its own, so that every change it reports is seen
        int accounts = 3 + r.nextInt(6);
        int codes = 4 + r.nextInt(10);
        Map<String, Contract> contracts = new HashMap<>();
        for (int a = 0; a < accounts; a++) {
            if (r.nextInt(6) != 0) contracts.put("A" + a, contract("A" + a, r, codes));
        }
        ledger.mandates(contracts::get, VerdictSink.NONE);
        Map<String, String> reported = new TreeMap<>();
        Set<String> handedOver = new HashSet<>();
        VerdictSink sink = new VerdictSink() {
            @Override
            public void changed(int a, int subject, int id, int from, int to) {
                String fp = LedgerChecks.fingerprint(ledger, a, subject, id);
                assertEquals(reported.get(fp), LedgerChecks.label(subject, from), () -> "reported 'from' of " + fp);
                SEEN.add(subject + "/" + to);
                if (to == 0) reported.remove(fp);
                else reported.put(fp, LedgerChecks.label(subject, to));
            }

            @Override
            public void mustJudge(int a) {
                handedOver.add(ledger.accountCode(a));
            }
        };
        for (int step = 0; step < 1500; step++) {
            handedOver.clear();
            String code = "S" + r.nextInt(codes);
            String account = "A" + r.nextInt(accounts);
            int op = r.nextInt(100);
            if (op < 8) {
                SecurityKind kind = r.nextInt(5) == 0 ? SecurityKind.values()[r.nextInt(6)] : SecurityKind.STOCK;
                Set<String> flags = r.nextInt(4) == 0 ? Set.of("ST") : Set.of();
                Security s = new Security(code, code, kind, "ISS" + r.nextInt(3), r.nextInt(10) == 0 ? 0 : 1_000_000 + r.nextInt(1_000_000), flags);
                book.putSecurity(s);
                // reference data is not a price move: the engine judges every holder itself
                ledger.reference(s, sink);
            } else if (op < 60) {
                BigDecimal price = price(r);
                book.putPrice(code, price);
                ledger.price(code, price, sink);
            } else if (op < 85) {
                BigDecimal q = r.nextInt(6) == 0 ? BigDecimal.ZERO : quantity(r);
                String c = r.nextInt(8) == 0 ? "CASH" : code;
                book.putPosition(account, c, q);
                ledger.position(account, c, q, sink);
            } else if (op < 92) {
                BigDecimal ret = new BigDecimal(r.nextInt(-3000, 3000)).movePointLeft(4);
                book.putReturn(account, ret);
                ledger.cumulativeReturn(account, ret, sink);
            } else if (op < 94) {
                contracts.put(account, contract(account, r, codes));
                ledger.mandates(contracts::get, sink);
            } else {
                continue;
            }
            for (int a = 0; a < ledger.accounts(); a++) {
                String name = ledger.accountCode(a);
                if (!ledger.exact(a)) {
                    continue;
                }
                Map<String, String> want = LedgerChecks.expected(AccountRules.evaluate(book.view(name), contracts.get(name)));
                assertEquals(want, LedgerChecks.verdicts(ledger, a), "seed " + seed + " step " + step + " op " + op + " account " + name);
            }
            Map<String, String> held = new TreeMap<>();
            for (int a = 0; a < ledger.accounts(); a++) held.putAll(LedgerChecks.verdicts(ledger, a));
            ledger.disclosures((a, subject, id, from, to) -> held.put(LedgerChecks.fingerprint(ledger, a, subject, id), LedgerChecks.label(subject, to)));
            // the changes reported add up to what is held, for every account judged by the ledger alone
            Map<String, String> exactReported = new TreeMap<>(reported);
            for (int a = 0; a < ledger.accounts(); a++) {
                if (!ledger.exact(a)) {
                    String prefix = ":" + ledger.accountCode(a) + ":";
                    exactReported.keySet().removeIf(k -> k.contains(prefix));
                    held.keySet().removeIf(k -> k.contains(prefix));
                }
            }
            assertEquals(held, exactReported, "seed " + seed + " step " + step);
        }
    }

    private static BigDecimal price(SplittableRandom r) {
        // mostly 2 decimals, some 4, rarely 6 (cannot be held exactly: the account must be handed to the rules)
        int scale = r.nextInt(20) == 0 ? 6 : r.nextInt(4) == 0 ? 4 : 2;
        return new BigDecimal(1 + r.nextInt(2_000_000)).movePointLeft(scale);
    }

    private static BigDecimal quantity(SplittableRandom r) {
        return r.nextInt(10) == 0 ? new BigDecimal(r.nextInt(1, 100_000_000)).movePointLeft(2) : BigDecimal.valueOf(100L * r.nextInt(1, 500));
    }

    private static Contract contract(String account, SplittableRandom r, int codes) {
        Map<SecurityKind, Bounds> kinds = new HashMap<>();
        for (SecurityKind k : SecurityKind.values()) {
            if (r.nextInt(3) == 0) {
                kinds.put(k, new Bounds(r.nextBoolean() ? d(r) : null, r.nextBoolean() ? d(r) : null));
            }
        }
        BigDecimal single = r.nextInt(4) == 0 ? null : d(r);
        BigDecimal wf = r.nextInt(3) == 0 ? new BigDecimal("0.75") : null;
        Set<String> excludedCodes = r.nextInt(3) == 0 ? Set.of("S" + r.nextInt(codes)) : Set.of();
        Set<String> issuers = r.nextInt(5) == 0 ? Set.of("ISS1") : Set.of();
        Set<String> flags = r.nextBoolean() ? Set.of("ST") : Set.of();
        ContractType type = r.nextBoolean() ? ContractType.CAPITAL_GUARANTEED : ContractType.NO_GUARANTEE;
        ReturnBand band = new ReturnBand(r.nextBoolean() ? new BigDecimal("-0.05") : null, r.nextBoolean() ? new BigDecimal("0.15") : null);
        return new Contract("K-" + account, "C1", account, new BigDecimal("1000000"), LocalDate.of(2025, 1, 1),
                LocalDate.of(2027, 1, 1), type, ContractStatus.ACTIVE, null, band, new Limits(kinds, single, wf),
                new Exclusions(excludedCodes, issuers, flags), null, "t", RecordStatus.SEALED);
    }

    private static BigDecimal d(SplittableRandom r) {
        return new BigDecimal(FRACTIONS[r.nextInt(FRACTIONS.length)]);
    }

    @org.junit.jupiter.api.Test
    @DisplayName("An account holding a price finer than 4 decimals is handed to the exact rules on every touch")
    void inexactIsHandedOver() {
        AccountBook book = new AccountBook();
        Ledger ledger = book.ledger();
        book.putSecurity(new Security("S", "S", SecurityKind.STOCK, "I", 1000, Set.of()));
        book.putPrice("S", new BigDecimal("10.123456"));
        book.putPosition("A", "S", new BigDecimal("100"));
        int a = ledger.findAccount("A");
        assertTrue(!ledger.exact(a));
        Set<Integer> handed = new HashSet<>();
        book.putPrice("S", new BigDecimal("10.1234567"), new VerdictSink() {
            public void changed(int x, int s, int i, int f, int t) { }

            public void mustJudge(int x) { handed.add(x); }
        });
        assertEquals(Set.of(a), handed);
        book.putPrice("S", new BigDecimal("10.12"), VerdictSink.NONE);
        assertTrue(ledger.exact(a), "exact again once every value fits");
    }
}
