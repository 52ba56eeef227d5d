package com.mandatewatch.auth;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

/** The back-off rules without HTTP: per username, per address, sliding 15-minute window, reset on success. */
class LoginThrottleTest {
    static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-01-05T09:00:00Z");

        @Override public ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
        void advance(Duration d) { now = now.plus(d); }
    }

    final MutableClock clock = new MutableClock();
    final LoginThrottle t = new LoginThrottle(5, Duration.ofMinutes(15), clock);

    @Test
    void fiveFailuresForAUsernameBlockItFromAnyAddressUntilTheWindowPasses() {
        for (int i = 0; i < 4; i++) {
            t.failed("bob", "10.0.0." + i);
            assertTrue(t.blocked("bob", "10.0.9.9").isEmpty(), "not yet after " + (i + 1));
        }
        clock.advance(Duration.ofMinutes(1));
        t.failed("bob", "10.0.0.4");
        Optional<Duration> wait = t.blocked("BOB", "10.0.9.9");
        assertTrue(wait.isPresent(), "username is case-insensitive and blocked from a fresh address");
        assertEquals(Duration.ofMinutes(14), wait.get(), "until the first failure (a minute ago) leaves the window");
        assertTrue(t.blocked("alice", "10.0.9.9").isEmpty(), "other users are not affected");
        clock.advance(Duration.ofMinutes(13).plusSeconds(59));
        assertEquals(Duration.ofSeconds(1), t.blocked("bob", "10.0.9.9").orElseThrow());
        clock.advance(Duration.ofSeconds(1));
        assertTrue(t.blocked("bob", "10.0.9.9").isEmpty(), "the first four failures left the window");
        t.failed("bob", "10.0.9.9");
        assertTrue(t.blocked("bob", "10.0.9.9").isEmpty(), "only 2 failures within the window now");
    }

    @Test
    void fiveFailuresFromOneAddressBlockEveryUsernameFromIt() {
        for (int i = 0; i < 5; i++) t.failed("user" + i, "10.1.1.1");
        assertTrue(t.blocked("someone-else", "10.1.1.1").isPresent());
        assertTrue(t.blocked("someone-else", "10.1.1.2").isEmpty());
        clock.advance(Duration.ofMinutes(15));
        assertTrue(t.blocked("someone-else", "10.1.1.1").isEmpty());
    }

    @Test
    void successResetsTheUsernameButNotTheAddress() {
        for (int i = 0; i < 4; i++) t.failed("bob", "10.2.2." + i);
        t.succeeded("bob");
        for (int i = 0; i < 4; i++) t.failed("bob", "10.3.3." + i);
        assertTrue(t.blocked("bob", "10.9.9.9").isEmpty(), "the count restarted at the success");
        t.failed("bob", "10.3.3.0");
        assertTrue(t.blocked("bob", "10.9.9.9").isPresent());

        LoginThrottle u = new LoginThrottle(5, Duration.ofMinutes(15), clock);
        for (int i = 0; i < 4; i++) u.failed("x" + i, "10.4.4.4");
        u.succeeded("x0");
        u.failed("x9", "10.4.4.4");
        assertTrue(u.blocked("x0", "10.4.4.4").isPresent(), "one valid account cannot reset its address's count");
    }
}
