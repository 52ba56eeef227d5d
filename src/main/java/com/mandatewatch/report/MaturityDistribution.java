package com.mandatewatch.report;

import com.mandatewatch.domain.Contract;
import com.mandatewatch.domain.ContractStatus;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * The maturity distribution of SPEC §7 (到期分布), month by month over a window of whole calendar months. Pure and
 * exact: BigDecimal sums only, nothing divided or rounded.
 *
 * <ul>
 * <li>{@code maturing} (到期兑付金额): ACTIVE contracts whose maturity date falls in the month;</li>
 * <li>{@code newFunds} (新输入资金额): PLANNED and ACTIVE contracts whose start date falls in the month (SETTLED,
 * RENEWED, TERMINATED and MATURED ones are not money still to come or still here, and counting their start would add
 * money that no month ever takes away);</li>
 * <li>{@code existing} (存量资金) at month end = previous − maturing + newFunds, starting from the <em>opening</em>
 * existing funds: ACTIVE contracts started before the first day of {@code from} and maturing on or after it;</li>
 * <li>{@code adjustedMaturing} = maturing − the expected renewals of those same maturing contracts (none = 0);</li>
 * <li>{@code adjustedExisting} = previous adjustedExisting − adjustedMaturing + newFunds, from the same opening.</li>
 * </ul>
 * A PLANNED contract is counted only in newFunds, as the SPEC says: it is not entrusted yet, so it cannot mature;
 * once signed (ACTIVE) it is counted in both.
 */
public final class MaturityDistribution {
    public static final int MAX_MONTHS = 60;

    public record Row(YearMonth month, BigDecimal maturing, BigDecimal newFunds, BigDecimal existing,
                      BigDecimal adjustedMaturing, BigDecimal adjustedExisting) {
    }

    /** The rows and the opening existing funds they start from. */
    public record Result(YearMonth from, BigDecimal opening, List<Row> rows) {
    }

    private MaturityDistribution() {
    }

    public static Result compute(List<Contract> contracts, YearMonth from, int months) {
        if (months < 1 || months > MAX_MONTHS) throw new IllegalArgumentException("months must be 1.." + MAX_MONTHS);
        LocalDate start = from.atDay(1);
        BigDecimal opening = BigDecimal.ZERO;
        for (Contract k : contracts) {
            if (k.status() == ContractStatus.ACTIVE && k.startDate().isBefore(start) && !k.maturityDate().isBefore(start)) {
                opening = opening.add(k.amount());
            }
        }
        List<Row> rows = new ArrayList<>(months);
        BigDecimal existing = opening;
        BigDecimal adjustedExisting = opening;
        for (int i = 0; i < months; i++) {
            YearMonth m = from.plusMonths(i);
            BigDecimal maturing = BigDecimal.ZERO;
            BigDecimal renewals = BigDecimal.ZERO;
            BigDecimal newFunds = BigDecimal.ZERO;
            for (Contract k : contracts) {
                if (k.status() == ContractStatus.ACTIVE && YearMonth.from(k.maturityDate()).equals(m)) {
                    maturing = maturing.add(k.amount());
                    if (k.expectedRenewal() != null) renewals = renewals.add(k.expectedRenewal());
                }
                if ((k.status() == ContractStatus.ACTIVE || k.status() == ContractStatus.PLANNED)
                        && YearMonth.from(k.startDate()).equals(m)) {
                    newFunds = newFunds.add(k.amount());
                }
            }
            BigDecimal adjustedMaturing = maturing.subtract(renewals);
            existing = existing.subtract(maturing).add(newFunds);
            adjustedExisting = adjustedExisting.subtract(adjustedMaturing).add(newFunds);
            rows.add(new Row(m, maturing, newFunds, existing, adjustedMaturing, adjustedExisting));
        }
        return new Result(from, opening, rows);
    }
}
