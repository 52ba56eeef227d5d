package com.mandatewatch.api;

import com.mandatewatch.store.StateStore;
import com.mandatewatch.store.UserStore;
import io.vertx.core.Future;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/**
 * Business time as the API reads it, the same as on the alerts: under MW_CLOCK=feed the latest feed time the engine
 * stored (null before any), otherwise the wall clock. Dates are Shanghai business dates.
 */
public record BusinessClock(UserStore settings, boolean feed) {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    /** The business time, or null under the feed clock before the feed said anything. */
    public Future<Instant> known() {
        if (!feed) return Future.succeededFuture(Instant.now());
        return settings.setting(StateStore.BUSINESS_TIME).map(o -> o.map(t -> OffsetDateTime.parse(t).toInstant()).orElse(null));
    }

    /** The business time, the wall clock standing in before the feed said anything. */
    public Future<Instant> now() {
        return known().map(t -> t == null ? Instant.now() : t);
    }

    public Future<LocalDate> today() {
        return now().map(t -> t.atZone(SHANGHAI).toLocalDate());
    }
}
