package com.mandatewatch.engine;

import com.mandatewatch.alerts.Transition;
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
import com.mandatewatch.feed.FeedEvent;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine judging on a price only the holders whose verdicts the ledger saw move (or whose alerts follow prices)
 * gives the same transitions — kind, alert, message, evidence, cause, recipients — as judging every holder.
 */
class PricePathTest {
    private static final OffsetDateTime START = OffsetDateTime.parse("2025-03-03T09:31:00+08:00");

    @DisplayName("Randomized: MOVED_VERDICTS and EVERY_HOLDER engines give identical transitions batch by batch")
    @ParameterizedTest(name = "seed {0}, keep-firing-for {1} min, {2} accounts over {3} securities, loose limits {4}")
    @CsvSource({"1, 0, 6, 8, false", "2, 0, 6, 8, false", "3, 0, 6, 8, false", "4, 30, 6, 8, false", "5, 30, 6, 8, false",
            "6, 0, 12, 20, true", "7, 10, 12, 20, true", "8, 0, 20, 30, true", "9, 30, 20, 30, true"})
    void identicalTransitions(long seed, int keepMinutes, int accounts, int codes, boolean loose) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Contract> contracts = new ArrayList<>();
        for (int a = 0; a < accounts; a++) {
            if (a != accounts - 1) contracts.add(contract(a, r, loose)); // the last account has no contract: data quality only
        }
        Engine fast = engine(keepMinutes);
        Engine every = engine(keepMinutes);
        every.pricePath(Engine.PricePath.EVERY_HOLDER);
        Directory dir = EngineFixture.directory(contracts.toArray(Contract[]::new));
        assertSame(fast.reevaluateAll(dir, Instant.EPOCH), every.reevaluateAll(dir, Instant.EPOCH), "reference");
        OffsetDateTime ts = START;
        int transitions = 0;
        for (int batch = 0; batch < 400; batch++) {
            List<FeedEvent> events = new ArrayList<>();
            int n = 1 + r.nextInt(r.nextInt(4) == 0 ? 40 : 4);
            for (int i = 0; i < n; i++) {
                ts = ts.plusSeconds(r.nextInt(90));
                events.add(event(r, ts, accounts, codes));
            }
            List<Transition> a = fast.apply(events, Set.of(), Instant.EPOCH).transitions();
            List<Transition> b = every.apply(events, Set.of(), Instant.EPOCH).transitions();
            assertSame(a, b, "seed " + seed + " batch " + batch);
            transitions += a.size();
            if (r.nextInt(50) == 0) {
                contracts.set(r.nextInt(contracts.size()), contract(r.nextInt(accounts - 1), r, loose));
                Directory d = EngineFixture.directory(contracts.toArray(Contract[]::new));
                assertSame(fast.reevaluateAll(d, Instant.EPOCH), every.reevaluateAll(d, Instant.EPOCH), "reference at " + batch);
            }
        }
        assertTrue(transitions > 100, "the streams must make alerts move: " + transitions);
    }

    private static Engine engine(int keepMinutes) {
        return new Engine(EngineFixture.CAL, Engine.Clock.FEED, Duration.ofMinutes(10), 10, Duration.ofMinutes(keepMinutes),
                (what, e) -> { throw new AssertionError(what, e); });
    }

    /** Same transitions; within a batch the order of accounts may differ (the dirty set's order), not the content. */
    private static void assertSame(List<Transition> a, List<Transition> b, String where) {
        Comparator<Transition> order = Comparator.comparing((Transition t) -> t.alert().fingerprint()).thenComparing(t -> t.kind().name());
        List<Transition> x = new ArrayList<>(a);
        List<Transition> y = new ArrayList<>(b);
        x.sort(order);
        y.sort(order);
        assertEquals(y, x, where);
    }

    private static FeedEvent event(SplittableRandom r, OffsetDateTime ts, int accounts, int codes) {
        String code = "S" + r.nextInt(codes);
        String account = "A" + r.nextInt(accounts);
        int op = r.nextInt(100);
        if (op < 5) {
            SecurityKind kind = r.nextInt(4) == 0 ? SecurityKind.BOND : SecurityKind.STOCK;
            return new FeedEvent.SecurityUpdate(null, ts, new Security(code, code, kind, "ISS" + r.nextInt(3),
                    1_000_000 + r.nextInt(1_000_000), r.nextInt(5) == 0 ? Set.of("ST") : Set.of()));
        }
        if (op < 70) {
            // prices drift around 10 with 2 decimals, so weights wander across the lines; rarely 6 decimals (inexact)
            int scale = r.nextInt(40) == 0 ? 6 : 2;
            return new FeedEvent.Price(null, ts, code, new BigDecimal(r.nextInt(500, 1500)).movePointLeft(2)
                    .add(new BigDecimal(r.nextInt(100)).movePointLeft(scale)));
        }
        if (op < 90) {
            String c = r.nextInt(6) == 0 ? Security.CASH_CODE : code;
            BigDecimal q = r.nextInt(8) == 0 ? BigDecimal.ZERO : BigDecimal.valueOf(100L * r.nextInt(1, 100));
            // an overdrawn cash line (the feed takes negative CASH): NAV can fall to 0 and below on a price
            if (c.equals(Security.CASH_CODE) && r.nextInt(3) == 0) q = BigDecimal.valueOf(-100L * r.nextInt(1, 300));
            return new FeedEvent.Position(null, ts, account, c, q);
        }
        if (op < 96) {
            return new FeedEvent.Return(null, ts, account, new BigDecimal(r.nextInt(-1500, 2500)).movePointLeft(4));
        }
        return new FeedEvent.Clock(null, ts);
    }

    /** Tight limits keep most accounts alerting (judged on every price); loose ones leave most to the ledger. */
    private static Contract contract(int a, SplittableRandom r, boolean loose) {
        Map<SecurityKind, Bounds> kinds = loose ? Map.of(SecurityKind.STOCK, new Bounds(null, new BigDecimal("0.95")))
                : r.nextBoolean()
                ? Map.of(SecurityKind.STOCK, new Bounds(null, new BigDecimal("0.7")), SecurityKind.CASH, new Bounds(new BigDecimal("0.1"), null))
                : Map.of(SecurityKind.BOND, new Bounds(new BigDecimal("0.2"), new BigDecimal("0.5")));
        BigDecimal single = new BigDecimal(loose ? new String[]{"0.3", "0.4", "0.5"}[r.nextInt(3)]
                : new String[]{"0.2", "0.25", "0.3", "0.15"}[r.nextInt(4)]);
        ContractType type = r.nextBoolean() ? ContractType.CAPITAL_GUARANTEED : ContractType.NO_GUARANTEE;
        return new Contract("K-" + a, "C00" + (1 + a % 3), "A" + a, new BigDecimal("10000000"), LocalDate.of(2025, 1, 2),
                LocalDate.of(2027, 12, 31), type, ContractStatus.ACTIVE, null, new ReturnBand(new BigDecimal("-0.05"), new BigDecimal("0.15")),
                new Limits(kinds, single, null), new Exclusions(Set.of("S" + r.nextInt(8)), Set.of(), loose ? Set.of() : Set.of("ST")), null, "trader1",
                RecordStatus.SEALED);
    }
}
