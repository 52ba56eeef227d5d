package com.mandatewatch.rules;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/** What the rules need to know of one account right now: its holdings and the last cumulative return (null: none). */
public record AccountView(String account, List<Holding> holdings, BigDecimal cumulativeReturn) {
    public AccountView {
        Objects.requireNonNull(account, "account");
        holdings = holdings == null ? List.of() : List.copyOf(holdings);
    }
}
