package com.mandatewatch.domain;

import java.util.Set;

/**
 * Reference data of one security; {@code totalShares} is 0 when unknown (disclosure then cannot be measured).
 * The pseudo security {@code CASH} has kind CASH and price 1.
 */
public record Security(String code, String name, SecurityKind kind, String issuer, long totalShares, Set<String> flags) {
    public static final String CASH_CODE = "CASH";
    public static final Security CASH = new Security(CASH_CODE, "现金", SecurityKind.CASH, "", 0, Set.of());

    public Security {
        flags = flags == null ? Set.of() : Set.copyOf(flags);
        issuer = issuer == null ? "" : issuer;
        name = name == null ? code : name;
    }
}
