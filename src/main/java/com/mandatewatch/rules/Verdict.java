package com.mandatewatch.rules;

import java.math.BigDecimal;

/** Owns the comparison operators of SPEC §4 for a weight against {min, max, warn line}, decided by cross-multiplication. */
enum Verdict {
    NONE, WARNING, MAX_BREACH, MIN_BREACH;

    /**
     * Judges part/whole against the bounds without dividing: weight > max ⇔ part > max × whole (whole > 0).
     * Equal to max is not a breach (C06a); equal to min is not a breach; the warning line is warnFraction × max.
     */
    static Verdict judge(BigDecimal part, BigDecimal whole, BigDecimal min, BigDecimal max, BigDecimal warnFraction) {
        if (whole.signum() <= 0) {
            throw new IllegalArgumentException("whole must be positive");
        }
        if (max != null && part.compareTo(max.multiply(whole)) > 0) {
            return MAX_BREACH;
        }
        // A minimum breach outranks a warning: it is CRITICAL.
        if (min != null && part.compareTo(min.multiply(whole)) < 0) {
            return MIN_BREACH;
        }
        if (max != null && warnFraction != null && part.compareTo(warnFraction.multiply(max).multiply(whole)) > 0) {
            return WARNING;
        }
        return NONE;
    }
}
