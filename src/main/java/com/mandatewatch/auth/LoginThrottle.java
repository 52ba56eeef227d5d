package com.mandatewatch.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Login back-off: after {@code maxFailures} failed logins for one username, or from one remote address, within
 * {@code window}, further attempts are refused until the oldest of those failures leaves the window (a sliding
 * window). A successful login clears the username's count, not the address's: otherwise an attacker holding any
 * valid account could reset the address limit between guesses.
 *
 * <p>Kept in memory, so it is <b>per instance</b>: behind a load balancer with N instances an attacker gets up to
 * N × maxFailures guesses per window, and a restart forgets the counts. The PBKDF2 cost still bounds the rate.
 */
public final class LoginThrottle {
    /** Above this many tracked keys, expired entries are swept before adding more (bounds memory under a spray). */
    private static final int SWEEP_ABOVE = 10_000;

    private final int maxFailures;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Long>> failures = new ConcurrentHashMap<>();

    public LoginThrottle(int maxFailures, Duration window, Clock clock) {
        this.maxFailures = maxFailures;
        this.window = window;
        this.clock = clock;
    }

    public static LoginThrottle standard() { return new LoginThrottle(5, Duration.ofMinutes(15), Clock.systemUTC()); }

    /** Empty when an attempt may proceed; otherwise how long until it may (at least one second). */
    public Optional<Duration> blocked(String username, String address) {
        long now = clock.millis();
        long wait = Math.max(waitMillis(userKey(username), now), waitMillis(addressKey(address), now));
        return wait <= 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(Math.max(1, (wait + 999) / 1000)));
    }

    public void failed(String username, String address) {
        long now = clock.millis();
        if (failures.size() > SWEEP_ABOVE) sweep(now);
        record(userKey(username), now);
        record(addressKey(address), now);
    }

    public void succeeded(String username) {
        failures.remove(userKey(username));
    }

    private void record(String key, long now) {
        failures.compute(key, (k, d) -> {
            Deque<Long> q = d == null ? new ArrayDeque<>() : d;
            prune(q, now);
            q.addLast(now);
            while (q.size() > maxFailures) q.removeFirst();
            return q;
        });
    }

    private long waitMillis(String key, long now) {
        long[] wait = {0};
        failures.computeIfPresent(key, (k, q) -> {
            prune(q, now);
            if (q.size() >= maxFailures) wait[0] = q.peekFirst() + window.toMillis() - now;
            return q.isEmpty() ? null : q;
        });
        return wait[0];
    }

    private void prune(Deque<Long> q, long now) {
        long oldest = now - window.toMillis();
        while (!q.isEmpty() && q.peekFirst() <= oldest) q.removeFirst();
    }

    private void sweep(long now) {
        failures.keySet().forEach(k -> failures.computeIfPresent(k, (key, q) -> {
            prune(q, now);
            return q.isEmpty() ? null : q;
        }));
    }

    private static String userKey(String username) { return "u:" + username.toLowerCase(Locale.ROOT); }

    private static String addressKey(String address) { return "a:" + (address == null ? "?" : address); }
}
