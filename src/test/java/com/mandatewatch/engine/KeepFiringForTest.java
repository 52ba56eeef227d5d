package com.mandatewatch.engine;

import com.mandatewatch.alerts.EventKind;
import com.mandatewatch.alerts.Transition;
import com.mandatewatch.domain.ContractType;
import com.mandatewatch.domain.Rule;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import static com.mandatewatch.engine.EngineFixture.*;
import static org.junit.jupiter.api.Assertions.*;

/** alerts.keep-firing-for (SPEC §5): a ratio alert resolves only once its condition has stayed false that long. */
class KeepFiringForTest {
    static final String FP = "HOLDING_RATIO:A01:600519.SH";
    static final OffsetDateTime T = at("2026-03-02", "10:00");

    /** 10,000 shares beside 9,000,000 cash against a 10% limit with no warning line, keep-firing-for 30 minutes. */
    static EngineFixture flapping() {
        EngineFixture f = new EngineFixture(Duration.ofHours(24), Duration.ofMinutes(30), contract("K1", "C001", "A01", "0.10", "1",
                ContractType.NO_GUARANTEE, "-0.1", "0.3", LocalDate.of(2027, 12, 31)));
        f.feed(security("600519.SH", 1_000_000_000L, T), cash("A01", "9000000", T), position("A01", "600519.SH", "10000", T));
        return f;
    }

    @Test
    @DisplayName("C20 with keep-firing-for 30 min the ticks 9.99, 10.01, 9.98, 10.02, 9.99, 10.03, 9.98% give one OPENED and no RESOLVED; the clock alone resolves it 30 minutes after the last fall below the limit, not a minute earlier")
    void flappingIsOneEpisode() {
        EngineFixture f = flapping();
        String[] prices = {"99.88", "100.12", "99.78", "100.23", "99.88", "100.34", "99.80"};
        List<Transition> ts = new ArrayList<>();
        for (int i = 0; i < prices.length; i++) ts.addAll(f.feed(price("600519.SH", prices[i], T.plusMinutes(i + 1))));
        List<Transition> mine = only(ts, FP);
        assertEquals(EventKind.OPENED, mine.get(0).kind());
        assertTrue(mine.stream().skip(1).allMatch(t -> t.kind() == EventKind.UPDATED), mine.toString());
        assertTrue(mine.stream().skip(1).allMatch(t -> t.recipients().isEmpty()), "no severity change, no mail");
        assertTrue(f.engine.alerts().pendingResolution(FP));

        OffsetDateTime lastFalse = T.plusMinutes(7);
        assertTrue(only(f.feed(clock(lastFalse.plusMinutes(29))), FP).isEmpty());
        List<Transition> resolved = only(f.feed(clock(lastFalse.plusMinutes(30))), FP);
        assertEquals(1, resolved.size());
        assertEquals(EventKind.RESOLVED, resolved.get(0).kind());
        assertEquals(lastFalse.plusMinutes(30).toInstant(), resolved.get(0).alert().resolvedAt());
        assertEquals(List.of("cm1@example.test"), resolved.get(0).recipients());
        assertNull(f.engine.alerts().get(FP));
        assertEquals(1, only(f.all, Rule.HOLDING_RATIO, EventKind.OPENED).size());
        assertEquals(1, only(f.all, Rule.HOLDING_RATIO, EventKind.RESOLVED).size());
    }

    @Test
    @DisplayName("C20 the window counts from when the condition first went false: staying below the limit with new prices does not restart it")
    void windowStartsAtFirstFalse() {
        EngineFixture f = flapping();
        f.feed(price("600519.SH", "100.12", T.plusMinutes(1)));       // 10.01%: opens
        f.feed(price("600519.SH", "99.78", T.plusMinutes(2)));        // 9.98%: false from here
        f.feed(price("600519.SH", "99.70", T.plusMinutes(20)));       // still false
        List<Transition> ts = f.feed(price("600519.SH", "99.60", T.plusMinutes(32)));
        assertEquals(EventKind.RESOLVED, only(ts, FP).get(0).kind(), ts.toString());
    }

    @Test
    @DisplayName("C21 with keep-firing-for, a breach after the resolution opens a new alert instance")
    void refireAfterResolution() {
        EngineFixture f = flapping();
        f.feed(price("600519.SH", "105.59", T.plusMinutes(1)));
        f.feed(price("600519.SH", "94.48", T.plusMinutes(2)));
        assertEquals(EventKind.RESOLVED, only(f.feed(clock(T.plusMinutes(40))), FP).get(0).kind());
        List<Transition> again = only(f.feed(price("600519.SH", "104.47", at("2026-03-03", "10:00"))), FP);
        assertEquals(EventKind.OPENED, again.get(0).kind());
        assertEquals(2, only(f.all, Rule.HOLDING_RATIO, EventKind.OPENED).size());
    }

    @Test
    @DisplayName("§5 keep-firing-for damps ratios only: a sale of an excluded security resolves its alert at once")
    void exclusionResolvesAtOnce() {
        var excluding = new com.mandatewatch.domain.Contract("K1", "C001", "A01", new java.math.BigDecimal("10000000.00"),
                LocalDate.of(2025, 1, 2), LocalDate.of(2027, 12, 31), ContractType.NO_GUARANTEE,
                com.mandatewatch.domain.ContractStatus.ACTIVE, null, null, null,
                new com.mandatewatch.domain.Exclusions(java.util.Set.of("600000.SH"), java.util.Set.of(), java.util.Set.of()),
                null, null, com.mandatewatch.domain.RecordStatus.SEALED);
        EngineFixture f = new EngineFixture(Duration.ofHours(24), Duration.ofMinutes(30), excluding);
        f.feed(security("600000.SH", 1_000_000_000L, T), price("600000.SH", "10", T), cash("A01", "9000000", T),
                position("A01", "600000.SH", "100", T));
        String fp = "EXCLUDED_SECURITY:A01:600000.SH";
        assertNotNull(f.engine.alerts().get(fp));
        assertEquals(EventKind.RESOLVED, only(f.feed(position("A01", "600000.SH", "0", T.plusMinutes(1))), fp).get(0).kind());
    }
}
