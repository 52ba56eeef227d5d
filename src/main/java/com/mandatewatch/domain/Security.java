package com.mandatewatch.domain;

import java.util.Set;

/**
 * Reference data of one security; {@code totalShares} is 0 when unknown (disclosure then cannot be measured).
 * The pseudo security {@code CASH} has kind CASH and price 1.
 */
public record Security(String code, String name, SecurityKind kind, String issuer, long totalShares, Set<String> flags) {
    public static final String CASH_CODE = "CASH";
    public static final Security CASH = new Security(CASH_CODE, "现金", SecurityKind.CASH, "", 0, Set.of());

    /**
     * A security code or flag as the market writes it, upper-case (600036.SH, ST): the feed, the exclusions and the
     * disclosures all go through here, so that 600036.sh is held, priced, excluded and filed as the same security.
     */
    public static String canonical(String codeOrFlag) {
        return codeOrFlag.toUpperCase(java.util.Locale.ROOT);
    }

    public Security {
        flags = flags == null ? Set.of() : Set.copyOf(flags);
        issuer = issuer == null ? "" : issuer;
        name = name == null ? code : name;
    }
}
