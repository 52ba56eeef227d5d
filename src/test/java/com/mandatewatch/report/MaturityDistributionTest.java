package com.mandatewatch.report;

import com.mandatewatch.domain.Contract;
import com.mandatewatch.domain.ContractStatus;
import com.mandatewatch.domain.ContractType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;

import static com.mandatewatch.domain.ContractStatus.*;
import static com.mandatewatch.report.ReportFixtures.d;
import static org.junit.jupiter.api.Assertions.*;

/** SPEC §7 maturity distribution, computed by hand. Amounts in 万元 in the comments. */
class MaturityDistributionTest {
    static Contract k(String code, String amount, String start, String maturity, ContractStatus status, String renewal) {
        return ReportFixtures.contract(code, "A-" + code, amount, start, maturity, ContractType.NO_GUARANTEE, status, renewal);
    }

    static void assertRow(MaturityDistribution.Row r, String month, String maturing, String newFunds, String existing,
                          String adjustedMaturing, String adjustedExisting) {
        assertEquals(YearMonth.parse(month), r.month());
        assertAll(month,
                () -> assertEquals(0, d(maturing).compareTo(r.maturing()), "maturing " + r.maturing()),
                () -> assertEquals(0, d(newFunds).compareTo(r.newFunds()), "newFunds " + r.newFunds()),
                () -> assertEquals(0, d(existing).compareTo(r.existing()), "existing " + r.existing()),
                () -> assertEquals(0, d(adjustedMaturing).compareTo(r.adjustedMaturing()), "adjustedMaturing " + r.adjustedMaturing()),
                () -> assertEquals(0, d(adjustedExisting).compareTo(r.adjustedExisting()), "adjustedExisting " + r.adjustedExisting()));
    }

    @Test
    @DisplayName("hand-computed: 7 contracts over 2025-01..03, month boundaries on the first and last day, PLANNED only in newFunds")
    void handComputedExample() {
        List<Contract> ks = List.of(
                // opening (started before 2025-01-01, maturing on/after it); matures on the last day of January; 4000 renews
                k("K1", "100000000.00", "2024-06-01", "2025-01-31", ACTIVE, "40000000.00"),
                // opening: started on the last day before the window; matures on the first day of March; no renewal expected
                k("K2", "50000000.00", "2024-12-31", "2025-03-01", ACTIVE, null),
                // starts on the first day of the window: new funds in January, not opening; matures in February, renews fully
                k("K3", "30000000.00", "2025-01-01", "2025-02-28", ACTIVE, "30000000.00"),
                // PLANNED: new funds in February, never maturing (not entrusted yet)
                k("K4", "20000000.00", "2025-02-01", "2025-03-31", PLANNED, "20000000.00"),
                // SETTLED: gone, counted nowhere
                k("K5", "70000000.00", "2025-01-15", "2025-02-15", SETTLED, null),
                // overdue but still ACTIVE: matured before the window, so neither opening nor maturing in it
                k("K6", "10000000.00", "2024-01-01", "2024-12-31", ACTIVE, null),
                // starts on the last day of March, matures after the window
                k("K7", "5000000.00", "2025-03-31", "2025-04-01", ACTIVE, null));
        MaturityDistribution.Result r = MaturityDistribution.compute(ks, YearMonth.of(2025, 1), 3);
        assertEquals(0, d("150000000").compareTo(r.opening()), "opening = K1 + K2 = 15000万");
        assertEquals(3, r.rows().size());
        // Jan: 15000 − 10000 + 3000 = 8000; adjusted: 15000 − (10000 − 4000) + 3000 = 12000
        assertRow(r.rows().get(0), "2025-01", "100000000", "30000000", "80000000", "60000000", "120000000");
        // Feb: 8000 − 3000 + 2000 = 7000; adjusted: 12000 − (3000 − 3000) + 2000 = 14000
        assertRow(r.rows().get(1), "2025-02", "30000000", "20000000", "70000000", "0", "140000000");
        // Mar: 7000 − 5000 + 500 = 2500; adjusted: 14000 − 5000 + 500 = 9500 (K4 is PLANNED: not maturing)
        assertRow(r.rows().get(2), "2025-03", "50000000", "5000000", "25000000", "50000000", "95000000");
    }

    @Test
    @DisplayName("leap February: 2024-02-29 is in February, 2024-03-01 in March; a window across a year end")
    void leapFebruaryAndYearEnd() {
        List<Contract> ks = List.of(
                k("K1", "1.00", "2023-01-01", "2024-02-29", ACTIVE, null),
                k("K2", "2.00", "2024-02-29", "2024-03-01", ACTIVE, null),
                k("K3", "4.00", "2023-12-31", "2024-12-31", ACTIVE, null),
                k("K4", "8.00", "2025-01-01", "2026-01-01", PLANNED, null));
        MaturityDistribution.Result r = MaturityDistribution.compute(ks, YearMonth.of(2024, 2), 12);
        assertEquals(0, d("5").compareTo(r.opening()), "K1 + K3");
        assertRow(r.rows().get(0), "2024-02", "1", "2", "6", "1", "6");
        assertRow(r.rows().get(1), "2024-03", "2", "0", "4", "2", "4");
        assertRow(r.rows().get(10), "2024-12", "4", "0", "0", "4", "0");
        assertRow(r.rows().get(11), "2025-01", "0", "8", "8", "0", "8");
    }

    @Test
    @DisplayName("expected renewal above the maturing amount makes adjustedMaturing negative, as the formula says; sums stay exact")
    void exactSums() {
        List<Contract> ks = List.of(
                k("K1", "0.10", "2025-01-01", "2025-01-20", ACTIVE, "0.30"),
                k("K2", "0.20", "2025-01-05", "2025-02-25", ACTIVE, null));
        MaturityDistribution.Row jan = MaturityDistribution.compute(ks, YearMonth.of(2025, 1), 1).rows().get(0);
        assertEquals(new BigDecimal("0.10"), jan.maturing());
        assertEquals(new BigDecimal("0.30"), jan.newFunds());
        assertEquals(new BigDecimal("0.20"), jan.existing());
        assertEquals(new BigDecimal("-0.20"), jan.adjustedMaturing());
        assertEquals(new BigDecimal("0.50"), jan.adjustedExisting());
    }

    @Test
    void monthsOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> MaturityDistribution.compute(List.of(), YearMonth.of(2025, 1), 0));
        assertThrows(IllegalArgumentException.class, () -> MaturityDistribution.compute(List.of(), YearMonth.of(2025, 1), 61));
        assertEquals(60, MaturityDistribution.compute(List.of(), YearMonth.of(2025, 1), 60).rows().size());
    }
}
