package com.mandatewatch.feed;

import com.mandatewatch.domain.Security;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/**
 * One validated feed message (SPEC §3). {@code id} is the optional idempotency key (null when absent);
 * {@code ts} is the event time with its offset.
 */
public sealed interface FeedEvent {
    String id();

    OffsetDateTime ts();

    /** The message type as the feed spells it ("security", "price", ...): a bounded metric label. */
    default String type() {
        if (this instanceof SecurityUpdate) return "security";
        if (this instanceof Price) return "price";
        if (this instanceof Position) return "position";
        if (this instanceof Return) return "return";
        return "clock";
    }

    /** The key under which late events are ignored (SPEC §3), or null for clock messages. */
    String orderingKey();

    record SecurityUpdate(String id, OffsetDateTime ts, Security security) implements FeedEvent {
        public String orderingKey() { return "S|" + security.code(); }
    }

    record Price(String id, OffsetDateTime ts, String code, BigDecimal price) implements FeedEvent {
        public String orderingKey() { return "P|" + code; }
    }

    /** An absolute holding: quantity 0 closes the position. */
    record Position(String id, OffsetDateTime ts, String account, String code, BigDecimal quantity) implements FeedEvent {
        public String orderingKey() { return "Q|" + account + "|" + code; }
    }

    record Return(String id, OffsetDateTime ts, String account, BigDecimal cumulativeReturn) implements FeedEvent {
        public String orderingKey() { return "R|" + account; }
    }

    /** Carries no data: under a feed clock it only moves business time forward. */
    record Clock(String id, OffsetDateTime ts) implements FeedEvent {
        public String orderingKey() { return null; }
    }
}
