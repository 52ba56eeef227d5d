package com.mandatewatch.engine;

import com.mandatewatch.alerts.EventKind;
import com.mandatewatch.alerts.Transition;
import com.mandatewatch.domain.Contract;
import com.mandatewatch.domain.ContractType;
import com.mandatewatch.domain.Rule;
import com.mandatewatch.domain.Severity;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import static com.mandatewatch.engine.EngineFixture.*;
import static org.junit.jupiter.api.Assertions.*;

/** Issue 4 item 2: while the feed is stale, ratio alerts are recorded and shown but not e-mailed; staleness goes to OPS. */
class StaleFeedMailTest {
    static final String FEED = "DATA_QUALITY:FEED:FEED";
    static final String HOLDING = "HOLDING_RATIO:A01:600519.SH";
    static final OffsetDateTime T = at("2026-03-02", "10:00");

    static Contract limits(String singleMax, String low, String high) {
        return contract("K1", "C001", "A01", singleMax, null, ContractType.NO_GUARANTEE, low, high, LocalDate.of(2027, 12, 31));
    }

    @Test
    @DisplayName("C04/issue 4 while DATA_QUALITY:FEED:FEED is open, ratio alerts open, change and resolve with no e-mail recipients; the batch that ends the staleness resolves it first and its ratio change is mailed again")
    void staleFeedMutesRatioMail() {
        EngineFixture f = new EngineFixture(limits("0.10", "-0.10", "0.30"));
        f.feed(security("600519.SH", 1_000_000_000L, T), price("600519.SH", "100", T),
                position("A01", "600519.SH", "8000", T), cash("A01", "9200000", T), returnOf("A01", "0.05", T)); // 8%
        assertTrue(f.engine.alerts().open().isEmpty());
        Transition stale = only(f.feed(clock(T.plusMinutes(11))), FEED).get(0);
        assertEquals(List.of("ops1@example.test"), stale.recipients());

        // a limit change while stale: the ratios are judged on data that is not arriving
        List<Transition> tighter = f.reference(limits("0.085", "0.06", "0.30"));
        Transition holding = only(tighter, HOLDING).get(0);
        assertEquals(EventKind.OPENED, holding.kind());
        assertEquals(Severity.WARNING, holding.alert().severity());
        assertTrue(holding.recipients().isEmpty(), "shown, not mailed");
        Transition band = only(tighter, Rule.RETURN_BAND, EventKind.OPENED).get(0);
        assertTrue(band.recipients().isEmpty(), "a return band alert is a ratio alert too");
        assertNotNull(f.engine.alerts().get(HOLDING), "the muted alert is open and shown");

        List<Transition> relaxed = f.reference(limits("0.10", "-0.10", "0.30"));
        assertEquals(EventKind.RESOLVED, only(relaxed, HOLDING).get(0).kind());
        assertTrue(relaxed.stream().allMatch(t -> t.recipients().isEmpty()), relaxed.toString());
        f.reference(limits("0.085", "-0.10", "0.30"));

        List<Transition> resumed = f.feed(price("600519.SH", "110", T.plusMinutes(20))); // 8,800 / 10,080: 8.73%
        assertEquals(FEED, resumed.get(0).alert().fingerprint(), "staleness ends before the ratios of this batch are judged");
        assertEquals(EventKind.RESOLVED, resumed.get(0).kind());
        Transition breach = only(resumed, HOLDING).get(0);
        assertEquals(Severity.CRITICAL, breach.alert().severity());
        assertEquals(List.of("cm1@example.test"), breach.recipients(), "fresh data: mailed again");
    }

    @Test
    @DisplayName("issue 4 staleness mutes ratio alerts only: an excluded holding found while the feed is stale is still mailed to the client manager and SALES_LEAD")
    void staleFeedKeepsOtherMail() {
        EngineFixture f = new EngineFixture(limits("0.10", "-0.10", "0.30"));
        f.feed(security("600519.SH", 1_000_000_000L, T), price("600519.SH", "100", T),
                position("A01", "600519.SH", "8000", T), cash("A01", "9200000", T));
        f.feed(clock(T.plusMinutes(11)));
        Contract excluding = new Contract("K1", "C001", "A01", new java.math.BigDecimal("10000000.00"), LocalDate.of(2025, 1, 2),
                LocalDate.of(2027, 12, 31), ContractType.NO_GUARANTEE, com.mandatewatch.domain.ContractStatus.ACTIVE, null, null,
                new com.mandatewatch.domain.Limits(java.util.Map.of(), d("0.10"), null),
                new com.mandatewatch.domain.Exclusions(java.util.Set.of("600519.SH"), java.util.Set.of(), java.util.Set.of()),
                null, null, com.mandatewatch.domain.RecordStatus.SEALED);
        Transition excluded = only(f.reference(excluding), Rule.EXCLUDED_SECURITY, EventKind.OPENED).get(0);
        assertEquals(List.of("cm1@example.test", "lead1@example.test"), excluded.recipients());
    }
}
