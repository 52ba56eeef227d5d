package com.mandatewatch.engine;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The firm's holdings per security over every instance's accounts, as the database last said, for the leading
 * engine of several (SPEC §4 disclosure is firm-wide; this engine's own book holds only its accounts).
 */
final class FirmHoldings {
    private final Map<String, Map<String, BigDecimal>> byCode = new HashMap<>();

    /** Replaces what is known of one security: quantity per account, zero lines left out. */
    void put(String code, Map<String, BigDecimal> byAccount) {
        Map<String, BigDecimal> kept = new TreeMap<>();
        byAccount.forEach((account, q) -> { if (q.signum() != 0) kept.put(account, AccountBook.canonical(q)); });
        if (kept.isEmpty()) byCode.remove(code);
        else byCode.put(code, kept);
    }

    java.util.Set<String> codes() {
        return byCode.keySet();
    }

    BigDecimal total(String code) {
        return byCode.getOrDefault(code, Map.of()).values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    Map<String, BigDecimal> byAccount(String code) {
        return new TreeMap<>(byCode.getOrDefault(code, Map.of()));
    }
}
