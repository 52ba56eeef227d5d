package com.mandatewatch.report;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.mandatewatch.report.ReportFixtures.d;
import static org.junit.jupiter.api.Assertions.*;

/** The year-end summary: exact ranking by average, shared ranks, and averages shown so they never contradict the rank. */
class AssessmentRankingTest {
    static AssessmentRanking.MonthlyScore s(String manager, int month, String score) {
        return new AssessmentRanking.MonthlyScore(manager, month, d(score));
    }

    @Test
    @DisplayName("ranked by average, not by sum: 2 months of 90 beat 3 months of 80; months listed in order; sums exact")
    void byAverage() {
        List<AssessmentRanking.Row> rows = AssessmentRanking.rank(List.of(s("cm2", 3, "80"), s("cm1", 5, "90"), s("cm2", 1, "80"),
                s("cm1", 4, "90"), s("cm2", 2, "80")));
        assertEquals("cm1", rows.get(0).manager());
        assertEquals(1, rows.get(0).rank());
        assertEquals(List.of(4, 5), rows.get(0).months());
        assertEquals("90.00", rows.get(0).averageText());
        assertEquals(0, rows.get(1).total().compareTo(d("240")));
        assertEquals(2, rows.get(1).rank());
    }

    @Test
    @DisplayName("equal averages share a rank and the next is skipped (1, 1, 3); a negative average ranks last")
    void ties() {
        List<AssessmentRanking.Row> rows = AssessmentRanking.rank(List.of(s("cmB", 1, "70"), s("cmA", 1, "60"), s("cmA", 2, "80"),
                s("cmC", 1, "-3.1")));
        assertEquals(List.of("cmA", "cmB", "cmC"), rows.stream().map(AssessmentRanking.Row::manager).toList());
        assertEquals(List.of(1, 1, 3), rows.stream().map(AssessmentRanking.Row::rank).toList());
        assertEquals("-3.10", rows.get(2).averageText());
    }

    @Test
    @DisplayName("averages 85.333… and 85.33 differ: shown with as many digits as tell them apart (85.333 / 85.330), exact rank")
    void displayNeverContradictsRank() {
        // cm1: (85 + 85 + 86) / 3 = 85.333…; cm2: 85.33 in one month
        List<AssessmentRanking.Row> rows = AssessmentRanking.rank(List.of(s("cm1", 1, "85"), s("cm1", 2, "85"), s("cm1", 3, "86"),
                s("cm2", 1, "85.33")));
        assertEquals("cm1", rows.get(0).manager());
        assertEquals(List.of(1, 2), rows.stream().map(AssessmentRanking.Row::rank).toList());
        assertNotEquals(rows.get(0).averageText(), rows.get(1).averageText());
        assertEquals("85.333", rows.get(0).averageText());
        assertEquals("85.330", rows.get(1).averageText());
    }

    @Test
    @DisplayName("no records: an empty summary")
    void empty() {
        assertTrue(AssessmentRanking.rank(List.of()).isEmpty());
    }
}
