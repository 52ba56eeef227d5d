package com.mandatewatch.notify;

import java.time.Duration;

/** Capped exponential back-off of transient mail failures: initial, 2×, 4× … never above max. */
public record Backoff(Duration initial, Duration max) {
    public Duration after(int attempts) {
        int doublings = Math.max(0, Math.min(attempts - 1, 20)); // 2^20 × any sane initial is past any sane cap
        Duration d = initial.multipliedBy(1L << doublings);
        return d.compareTo(max) > 0 ? max : d;
    }
}
