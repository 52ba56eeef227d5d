package com.mandatewatch.store;

import com.mandatewatch.domain.Security;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The live state one feed batch changed, written behind the engine in the batch's transaction. */
public final class StateDelta {
    public record Price(String code, BigDecimal price, OffsetDateTime ts) {
    }

    public record Position(String account, String code, BigDecimal quantity, OffsetDateTime ts) {
    }

    public record Return(String account, BigDecimal value, OffsetDateTime ts) {
    }

    // keyed so that several events for one key in a batch write only the last
    public final Map<String, Price> prices = new LinkedHashMap<>();
    public final Map<String, Position> positions = new LinkedHashMap<>();
    public final Map<String, Return> returns = new LinkedHashMap<>();
    public final Map<String, Security> securities = new LinkedHashMap<>();
    public final List<String> seenIds = new ArrayList<>();
    public OffsetDateTime securityTs;
    public OffsetDateTime businessTime;

    public boolean isEmpty() {
        return prices.isEmpty() && positions.isEmpty() && returns.isEmpty() && securities.isEmpty() && seenIds.isEmpty()
                && businessTime == null;
    }
}
