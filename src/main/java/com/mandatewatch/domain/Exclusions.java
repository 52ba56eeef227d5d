package com.mandatewatch.domain;

import java.util.Set;

/** Securities a client forbids: by code, by issuer, or by flag such as {@code ST}. */
public record Exclusions(Set<String> codes, Set<String> issuers, Set<String> flags) {
    public static final Exclusions NONE = new Exclusions(Set.of(), Set.of(), Set.of());

    public Exclusions {
        codes = codes == null ? Set.of() : Set.copyOf(codes);
        issuers = issuers == null ? Set.of() : Set.copyOf(issuers);
        flags = flags == null ? Set.of() : Set.copyOf(flags);
    }
}
