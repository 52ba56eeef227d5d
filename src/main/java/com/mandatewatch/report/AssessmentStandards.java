package com.mandatewatch.report;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * The assessment standards of conf/assessment.yaml (SPEC §7), validated by {@link AssessmentStandardsLoader}: points
 * per 千万 of new contract amount, per renewal, the deductions per lost client and per critical alert not acknowledged
 * within {@code criticalAlertSla}, the bonus per marketing plan and per product-development item, the two weights
 * (summing to exactly 1) and the top of the supervisor's qualitative scale. Deductions are held as positive numbers.
 */
public record AssessmentStandards(BigDecimal newContractPerTenMillion, BigDecimal renewal, BigDecimal lostClient,
                                  BigDecimal lateCriticalAlert, Duration criticalAlertSla, BigDecimal marketingPlan,
                                  BigDecimal productItem, BigDecimal quantitativeWeight, BigDecimal qualitativeWeight,
                                  BigDecimal qualitativeMax) {

    /** The standards packaged in the jar (conf/assessment.yaml); fails naming the first bad key. */
    public static AssessmentStandards load() {
        return AssessmentStandardsLoader.fromClasspath("conf/assessment.yaml");
    }
}
