package com.mandatewatch.api;

import com.mandatewatch.support.TestApp;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Login back-off over HTTP (issue 5 item 1). Every request here comes from 127.0.0.1, so the per-address limit is
 * shared by all attempts in this class: the steps run in one method, in order. The per-username rule alone and the
 * window are covered by {@link com.mandatewatch.auth.LoginThrottleTest}.
 */
class LoginBackoffTest {
    static TestApp app;

    @BeforeAll
    static void start() {
        app = TestApp.start(Map.of());
        app.user("bob", "OPS", null);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static TestApp.Response login(String user, String password) {
        return app.call("POST", "/api/auth/login", new JsonObject().put("username", user).put("password", password).encode(), null);
    }

    static long millis(String user, String password, int expected) {
        long t0 = System.nanoTime();
        assertEquals(expected, login(user, password).status());
        return (System.nanoTime() - t0) / 1_000_000;
    }

    @Test
    void unknownUserCostsAPasswordCheckThenFiveFailuresAnswer429UntilTheWindowPasses() {
        // warm up the dummy hash and the JIT with successful logins (they do not count as failures)
        for (int i = 0; i < 3; i++) assertEquals(200, login("bob", TestApp.USER_PASSWORD).status());
        long known = Math.min(millis("bob", "wrong-password-1", 401), millis("bob", "wrong-password-2", 401));
        long unknown = Math.min(millis("nobody-here", "wrong-password-1", 401), millis("nobody-here", "wrong-password-2", 401));
        // PBKDF2 with 210,000 rounds takes tens of milliseconds at least; a skipped hash answers in a few
        assertTrue(unknown * 3 >= known, "unknown user answered in " + unknown + " ms, known in " + known + " ms");

        // success resets bob's count (2), but the address has 4 failures now
        assertEquals(200, login("bob", TestApp.USER_PASSWORD).status());
        // the fifth failure from this address: still a plain 401
        assertEquals(401, login("carol", "wrong-password").status());
        // now even the right password is refused, with Retry-After and a bilingual message
        TestApp.Response r = login("bob", TestApp.USER_PASSWORD);
        assertEquals(429, r.status(), r.body());
        long retry = Long.parseLong(r.raw().headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retry > 0 && retry <= 15 * 60, "Retry-After " + retry);
        String error = r.json().getString("error");
        assertTrue(error.contains("登录失败次数过多") && error.contains("too many failed logins"), error);
        // a token issued before keeps working: the back-off is about logging in only
        assertEquals(200, app.get("/api/users/admin").status());
    }
}
