package com.mandatewatch.report;

import com.mandatewatch.domain.Contract;
import com.mandatewatch.domain.ContractStatus;
import com.mandatewatch.domain.LifecycleStage;
import com.mandatewatch.domain.RecordStatus;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.*;

/**
 * A client manager's monthly assessment (绩效考核, SPEC §7) from facts already read: pure, no I/O and no clock
 * (the caller passes {@code asOf}). Months are Asia/Shanghai calendar months. Every number is an exact decimal:
 * nothing is rounded here (the README says how the API shows them).
 *
 * <ul>
 * <li>new contracts: sealed contracts of the manager's clients whose start date is in the month, except PLANNED
 *     ones (not signed yet) and successors of a renewal (the latest earlier contract on the same account is
 *     RENEWED: its money continues, it is not new); points = Σ amount / 10,000,000 × points per 千万, pro rata;</li>
 * <li>renewals: sealed RENEWED contracts whose maturity date is in the month (a renewal takes effect when the renewed
 *     contract matures, whenever its status was recorded);</li>
 * <li>lost clients: clients moved from SIGNED or MAINTAINING to TERMINATED in the month and still TERMINATED after
 *     their last stage change of the month (a prospect given up was never a client; a move undone is no loss);</li>
 * <li>late critical alerts: each alert counts once, from the first time it was CRITICAL; it is late when neither an
 *     acknowledgement nor its resolution came by that time + SLA (exactly at the deadline is in time), and counts in
 *     the month its deadline falls in, once the deadline has passed;</li>
 * <li>bonus items: the supervisor's counts of marketing plans and product-development items.</li>
 * </ul>
 */
public final class AssessmentCalculator {
    public static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Set<LifecycleStage> SIGNED_STAGES = EnumSet.of(LifecycleStage.SIGNED, LifecycleStage.MAINTAINING);

    private AssessmentCalculator() {
    }

    /** A client's lifecycle stage moved from {@code before} to {@code after} at {@code at}. */
    public record StageChange(String clientCode, Instant at, LifecycleStage before, LifecycleStage after) {
    }

    /**
     * An alert on one of the manager's clients that was CRITICAL: since when, and when it was first acknowledged
     * after that and resolved (null: not yet). Times are business time, as on the alerts.
     */
    public record CriticalAlert(long id, String clientCode, Instant criticalAt, Instant acknowledgedAt, Instant resolvedAt) {
    }

    /**
     * What the calculation reads about one manager: all contracts of the manager's clients (the successor rule needs
     * the earlier ones too), stage changes of those clients, their critical alerts, and the business time it is now.
     */
    public record Facts(List<Contract> contracts, List<StageChange> stageChanges, List<CriticalAlert> criticalAlerts, Instant asOf) {
        public Facts {
            contracts = List.copyOf(contracts);
            stageChanges = List.copyOf(stageChanges);
            criticalAlerts = List.copyOf(criticalAlerts);
        }
    }

    /** The supervisor's bonus items of the month. */
    public record Bonus(int marketingPlans, int productItems) {
    }

    /** The first instant of the month in Shanghai (inclusive). */
    public static Instant start(YearMonth month) {
        return month.atDay(1).atStartOfDay(SHANGHAI).toInstant();
    }

    /** The first instant after the month in Shanghai (exclusive). */
    public static Instant end(YearMonth month) {
        return start(month.plusMonths(1));
    }

    public static AssessmentBreakdown compute(AssessmentStandards s, YearMonth month, Facts facts, Bonus bonus) {
        return new AssessmentBreakdown(newContracts(s, month, facts.contracts()), renewals(s, month, facts.contracts()),
                lostClients(s, month, facts.stageChanges()), lateAlerts(s, month, facts.criticalAlerts(), facts.asOf()),
                counted(bonus.marketingPlans(), s.marketingPlan()), counted(bonus.productItems(), s.productItem()));
    }

    /** quantitative × its weight + qualitative × its weight, exactly. */
    public static BigDecimal score(AssessmentStandards s, BigDecimal quantitative, BigDecimal qualitative) {
        return quantitative.multiply(s.quantitativeWeight()).add(qualitative.multiply(s.qualitativeWeight()));
    }

    // ---- components

    static AssessmentBreakdown.NewContracts newContracts(AssessmentStandards s, YearMonth month, List<Contract> contracts) {
        List<String> counted = new ArrayList<>();
        List<String> unsealed = new ArrayList<>();
        BigDecimal amount = BigDecimal.ZERO;
        for (Contract k : byCode(contracts)) {
            if (!in(month, k.startDate()) || k.status() == ContractStatus.PLANNED || successor(k, contracts)) continue;
            if (k.recordStatus() != RecordStatus.SEALED) {
                unsealed.add(k.code());
                continue;
            }
            counted.add(k.code());
            amount = amount.add(k.amount());
        }
        // 10,000,000 is a power of ten: the quotient is always exact, 15,000,000.00 yuan is 1.5 千万
        BigDecimal tenMillions = amount.movePointLeft(7);
        BigDecimal points = tenMillions.multiply(s.newContractPerTenMillion());
        return new AssessmentBreakdown.NewContracts(new AssessmentBreakdown.Component(counted.size(), points, counted, unsealed),
                amount, tenMillions);
    }

    static AssessmentBreakdown.Component renewals(AssessmentStandards s, YearMonth month, List<Contract> contracts) {
        List<String> counted = new ArrayList<>();
        List<String> unsealed = new ArrayList<>();
        for (Contract k : byCode(contracts)) {
            if (k.status() != ContractStatus.RENEWED || !in(month, k.maturityDate())) continue;
            (k.recordStatus() == RecordStatus.SEALED ? counted : unsealed).add(k.code());
        }
        return new AssessmentBreakdown.Component(counted.size(), s.renewal().multiply(BigDecimal.valueOf(counted.size())),
                counted, unsealed);
    }

    static AssessmentBreakdown.Component lostClients(AssessmentStandards s, YearMonth month, List<StageChange> changes) {
        Instant from = start(month);
        Instant to = end(month);
        Map<String, List<StageChange>> byClient = new TreeMap<>();
        for (StageChange c : changes) {
            if (!c.at().isBefore(from) && c.at().isBefore(to)) byClient.computeIfAbsent(c.clientCode(), x -> new ArrayList<>()).add(c);
        }
        List<String> lost = new ArrayList<>();
        byClient.forEach((client, list) -> {
            list.sort(Comparator.comparing(StageChange::at));
            boolean left = list.stream().anyMatch(c -> c.after() == LifecycleStage.TERMINATED && SIGNED_STAGES.contains(c.before()));
            if (left && list.get(list.size() - 1).after() == LifecycleStage.TERMINATED) lost.add(client);
        });
        return new AssessmentBreakdown.Component(lost.size(), s.lostClient().negate().multiply(BigDecimal.valueOf(lost.size())),
                lost, List.of());
    }

    static AssessmentBreakdown.Component lateAlerts(AssessmentStandards s, YearMonth month, List<CriticalAlert> alerts, Instant asOf) {
        Instant from = start(month);
        Instant to = end(month);
        List<CriticalAlert> sorted = new ArrayList<>(alerts);
        sorted.sort(Comparator.comparingLong(CriticalAlert::id));
        List<String> late = new ArrayList<>();
        for (CriticalAlert a : sorted) {
            Instant deadline = a.criticalAt().plus(s.criticalAlertSla());
            if (deadline.isBefore(from) || !deadline.isBefore(to)) continue;
            boolean inTime = a.acknowledgedAt() != null && !a.acknowledgedAt().isAfter(deadline)
                    || a.resolvedAt() != null && !a.resolvedAt().isAfter(deadline);
            if (inTime) continue;
            // not handled by the deadline: late once the deadline is past (an acknowledgement later is late too);
            // at the deadline itself an acknowledgement would still be in time
            boolean decided = a.acknowledgedAt() != null || a.resolvedAt() != null || asOf.isAfter(deadline);
            if (decided) late.add(String.valueOf(a.id()));
        }
        return new AssessmentBreakdown.Component(late.size(),
                s.lateCriticalAlert().negate().multiply(BigDecimal.valueOf(late.size())), late, List.of());
    }

    private static AssessmentBreakdown.Component counted(int count, BigDecimal each) {
        return new AssessmentBreakdown.Component(count, each.multiply(BigDecimal.valueOf(count)), List.of(), List.of());
    }

    /**
     * A contract continues a renewed one when the latest contract before it on the same account (by start date,
     * then code) is RENEWED: the renewal is credited once, as a renewal, not again as new money.
     */
    static boolean successor(Contract k, List<Contract> all) {
        Contract previous = null;
        for (Contract o : all) {
            if (o == k || !o.account().equals(k.account()) || !o.clientCode().equals(k.clientCode())) continue;
            if (!o.startDate().isBefore(k.startDate())) continue;
            if (previous == null || o.startDate().isAfter(previous.startDate())
                    || o.startDate().equals(previous.startDate()) && o.code().compareTo(previous.code()) > 0) previous = o;
        }
        return previous != null && previous.status() == ContractStatus.RENEWED;
    }

    private static boolean in(YearMonth month, LocalDate day) {
        return day != null && YearMonth.from(day).equals(month);
    }

    private static List<Contract> byCode(List<Contract> contracts) {
        List<Contract> out = new ArrayList<>(contracts);
        out.sort(Comparator.comparing(Contract::code));
        return out;
    }
}
