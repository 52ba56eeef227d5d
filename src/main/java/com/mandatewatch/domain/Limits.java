package com.mandatewatch.domain;

import java.math.BigDecimal;
import java.util.Map;

/**
 * Mandate limits of a contract: bounds per security kind, a maximum weight for any single security of
 * kind STOCK (null: none), and the fraction of a maximum at which a warning starts (default 0.9).
 */
public record Limits(Map<SecurityKind, Bounds> kinds, BigDecimal singleSecurityMax, BigDecimal warnFraction) {
    public static final BigDecimal DEFAULT_WARN_FRACTION = new BigDecimal("0.9");
    public static final Limits NONE = new Limits(Map.of(), null, DEFAULT_WARN_FRACTION);

    public Limits {
        kinds = kinds == null ? Map.of() : Map.copyOf(kinds);
        warnFraction = warnFraction == null ? DEFAULT_WARN_FRACTION : warnFraction;
    }
}
