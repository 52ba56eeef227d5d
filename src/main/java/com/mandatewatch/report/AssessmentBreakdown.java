package com.mandatewatch.report;

import java.math.BigDecimal;
import java.util.List;

/**
 * The quantitative part of one manager's month (SPEC §7), component by component, as {@link AssessmentCalculator}
 * found it: what counted ({@code items}: contract codes, client codes or alert ids), how many, and the points it gave
 * (negative for deductions). {@code unsealed} lists contracts that would count but are still drafts.
 */
public record AssessmentBreakdown(NewContracts newContracts, Component renewals, Component lostClients,
                                  Component lateCriticalAlerts, Component marketingPlans, Component productItems) {

    /** One counted standard: {@code count} × the standard's points = {@code points}. */
    public record Component(int count, BigDecimal points, List<String> items, List<String> unsealed) {
        public Component {
            items = List.copyOf(items);
            unsealed = List.copyOf(unsealed);
        }
    }

    /** New contracts score by amount: {@code amount} yuan is {@code tenMillions} 千万, exactly (amount / 10,000,000). */
    public record NewContracts(Component counted, BigDecimal amount, BigDecimal tenMillions) {
    }

    /** The quantitative points: every component's points added, deductions included; may be negative. */
    public BigDecimal total() {
        return newContracts.counted().points().add(renewals.points()).add(lostClients.points())
                .add(lateCriticalAlerts.points()).add(marketingPlans.points()).add(productItems.points());
    }
}
