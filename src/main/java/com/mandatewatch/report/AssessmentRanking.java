package com.mandatewatch.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.*;

/**
 * The year-end summary of the assessments (SPEC §7): per manager the months recorded, the sum of the monthly scores,
 * their average and the rank. Pure. Managers are ranked by average score, highest first (a manager who joined in
 * the year is not behind for the months before), compared exactly by cross-multiplication (Σa × n_b against
 * Σb × n_a), never by a rounded quotient; equal averages share a rank and the next rank is skipped (1, 1, 3).
 */
public final class AssessmentRanking {
    /** Decimals shown for an average unless more are needed to tell different ranks apart. */
    static final int DISPLAY_SCALE = 2;
    private static final int MAX_DISPLAY_SCALE = 12;

    private AssessmentRanking() {
    }

    /** One stored monthly score. */
    public record MonthlyScore(String manager, int month, BigDecimal score) {
    }

    /**
     * One manager's year: {@code average} is Σ / months rounded half up to {@code averageText}'s digits for display
     * only (the rank was decided on the exact values); {@code total} is exact.
     */
    public record Row(String manager, List<Integer> months, BigDecimal total, String averageText, int rank) {
    }

    public static List<Row> rank(List<MonthlyScore> scores) {
        Map<String, List<MonthlyScore>> byManager = new TreeMap<>();
        for (MonthlyScore s : scores) byManager.computeIfAbsent(s.manager(), m -> new ArrayList<>()).add(s);
        record Year(String manager, List<Integer> months, BigDecimal total) {
            int n() { return months.size(); }
        }
        List<Year> years = new ArrayList<>();
        byManager.forEach((m, list) -> years.add(new Year(m, list.stream().map(MonthlyScore::month).sorted().toList(),
                list.stream().map(MonthlyScore::score).reduce(BigDecimal.ZERO, BigDecimal::add))));
        Comparator<Year> byAverage = (a, b) -> b.total().multiply(BigDecimal.valueOf(a.n()))
                .compareTo(a.total().multiply(BigDecimal.valueOf(b.n())));
        years.sort(byAverage.thenComparing(Year::manager));
        int[] ranks = new int[years.size()];
        for (int i = 0; i < years.size(); i++) {
            ranks[i] = i > 0 && byAverage.compare(years.get(i - 1), years.get(i)) == 0 ? ranks[i - 1] : i + 1;
        }
        int scale = displayScale(years.stream().map(y -> average(y.total(), y.n(), MAX_DISPLAY_SCALE + 1)).toList(), ranks);
        List<Row> out = new ArrayList<>();
        for (int i = 0; i < years.size(); i++) {
            Year y = years.get(i);
            out.add(new Row(y.manager(), y.months(), y.total(), average(y.total(), y.n(), scale).toPlainString(), ranks[i]));
        }
        return out;
    }

    /**
     * The fewest decimals (at least two) at which no two managers of different rank show the same average: a shown
     * value must never contradict the ranking (two "85.33" ranked 1 and 2).
     */
    static int displayScale(List<BigDecimal> precise, int[] ranks) {
        for (int scale = DISPLAY_SCALE; scale < MAX_DISPLAY_SCALE; scale++) {
            boolean clash = false;
            for (int i = 1; i < precise.size() && !clash; i++) {
                clash = ranks[i] != ranks[i - 1] && precise.get(i).setScale(scale, RoundingMode.HALF_UP)
                        .compareTo(precise.get(i - 1).setScale(scale, RoundingMode.HALF_UP)) == 0;
            }
            if (!clash) return scale;
        }
        return MAX_DISPLAY_SCALE;
    }

    private static BigDecimal average(BigDecimal total, int n, int scale) {
        return total.divide(BigDecimal.valueOf(n), scale, RoundingMode.HALF_UP);
    }
}
