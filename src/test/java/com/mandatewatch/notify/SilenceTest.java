package com.mandatewatch.notify;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.mandatewatch.support.TestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static com.mandatewatch.support.Scenario.*;
import static org.junit.jupiter.api.Assertions.*;

/** Silences (SPEC §5) end to end with a real SMTP server: muted mail, prompt re-announcement, no ghost after restart. */
class SilenceTest {
    static GreenMail smtp;
    static Map<String, String> env;
    static TestApp app;

    @BeforeAll
    static void start() {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        env = Map.of("MW_SMTP_HOST", "127.0.0.1", "MW_SMTP_PORT", String.valueOf(smtp.getSmtp().getPort()),
                "MW_MAIL_FROM", "mw@example.test");
        app = TestApp.start(env);
    }

    @AfterAll
    static void stop() {
        app.close();
        smtp.stop();
    }

    static List<MimeMessage> mailsTo(String recipient) {
        List<MimeMessage> out = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            try {
                for (Address a : m.getAllRecipients()) if (a.toString().equals(recipient)) out.add(m);
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    static String in(long seconds) {
        return OffsetDateTime.now(ZoneOffset.ofHours(8)).plusSeconds(seconds).withNano(0).toString();
    }

    static JsonObject silence(TestApp app, JsonObject matchers, String until) {
        TestApp.Response r = app.post("/api/silences", new JsonObject().put("matchers", matchers).put("until", until)
                .put("reason", "客户已知悉，调仓中 / client informed, rebalancing"));
        assertEquals(201, r.status(), r.body());
        return r.json();
    }

    @Test
    @DisplayName("Silences are made by supervisors, compliance and OPS only, with a matcher, a future ISO time with offset and a reason; the maker is recorded")
    void silenceValidationAndRoles() {
        app.call("POST", "/api/users", new JsonObject().put("username", "ops9").put("password", "Ops-Pass-2026!x")
                .put("role", "OPS").put("email", "ops9@example.test").put("name", "运维").encode(), app.token);
        app.setupClient("CV1", "AV1", "K-V1", "cmV1", "cmV1@example.test");
        String cm = app.login("cmV1", "Cm-Pass-2026!x");
        JsonObject ok = new JsonObject().put("matchers", new JsonObject().put("account", "AV1")).put("until", in(3600)).put("reason", "r");
        assertEquals(403, app.call("POST", "/api/silences", ok.encode(), cm).status());

        TestApp.Response bad = app.post("/api/silences", new JsonObject().put("matchers", new JsonObject())
                .put("until", "2020-01-01T00:00:00+08:00"));
        assertEquals(400, bad.status(), bad.body());
        Set<String> fields = bad.json().getJsonArray("details").stream().map(d -> ((JsonObject) d).getString("field")).collect(Collectors.toSet());
        assertEquals(Set.of("matchers", "until", "reason"), fields, bad.body());
        assertEquals(400, app.post("/api/silences", ok.copy().put("until", "2030-01-01T00:00:00")).status(), "a time without offset is ambiguous");
        assertEquals(400, app.post("/api/silences", ok.copy().put("matchers", new JsonObject().put("rule", "NOPE"))).status());

        String ops = app.login("ops9", "Ops-Pass-2026!x");
        // operations mute the data-quality alerts they read, naming the rule (README "Roles")
        assertEquals(403, app.call("POST", "/api/silences", ok.encode(), ops).status());
        ok.getJsonObject("matchers").put("rule", "DATA_QUALITY");
        TestApp.Response made = app.call("POST", "/api/silences", ok.encode(), ops);
        assertEquals(201, made.status(), made.body());
        JsonObject s = made.json();
        assertEquals("ops9", s.getString("createdBy"));
        assertTrue(s.getBoolean("active"));
        assertEquals(new JsonObject().put("rule", "DATA_QUALITY").put("account", "AV1"), s.getJsonObject("matchers"));
        assertEquals(403, app.call("DELETE", "/api/silences/" + s.getLong("id"), null, cm).status());
        TestApp.Response ended = app.call("DELETE", "/api/silences/" + s.getLong("id"), null, ops);
        assertEquals(200, ended.status(), ended.body());
        assertEquals("ops9", ended.json().getString("expiredBy"));
        assertFalse(ended.json().getBoolean("active"));
        assertEquals(409, app.call("DELETE", "/api/silences/" + s.getLong("id"), null, ops).status(), "ended once");
        assertEquals(404, app.call("DELETE", "/api/silences/999999", null, ops).status());
    }

    @Test
    @DisplayName("A silenced breach is recorded and shown but not e-mailed (row SUPPRESSED); deleting the silence announces it at once, in exactly one mail")
    void silencedThenDeleted() throws Exception {
        JsonObject s = silence(app, new JsonObject().put("rule", "HOLDING_RATIO").put("account", "AS1"), in(3600));
        String to = breach(app, "S1", "600701.SH", "10:00");
        String other = breach(app, "S2", "600702.SH", "10:00"); // same rule, other account: not matched
        assertEquals(1, app.alerts("state=open&account=AS1").size(), "recorded and shown");
        await("the silenced row is suppressed", 10, () -> rows(outbox(app, "SUPPRESSED"), to).size() == 1);
        await("the unmatched breach is mailed", 10, () -> mailsTo(other).size() == 1);
        sleep(2_000);
        assertEquals(0, mailsTo(to).size(), "no mail while silenced");

        assertEquals(200, app.call("DELETE", "/api/silences/" + s.getLong("id"), null, app.token).status());
        long deleted = System.currentTimeMillis();
        await("announced again after the silence ends", 10, () -> mailsTo(to).size() == 1);
        assertTrue(System.currentTimeMillis() - deleted < 5_000, "promptly");
        MimeMessage m = mailsTo(to).get(0);
        assertTrue(m.getSubject().contains("静默结束"), m.getSubject());
        sleep(3_000);
        assertEquals(1, mailsTo(to).size(), "one mail, not one per pass");
        assertEquals(1, mailsTo(other).size());
    }

    @Test
    @DisplayName("Alertmanager #2896: a silence that runs out while its breach still holds is followed by one announcement within seconds")
    void silenceRunsOut() {
        silence(app, new JsonObject().put("subject", "600703.SH"), in(5));
        String to = breach(app, "S3", "600703.SH", "10:05");
        await("suppressed", 10, () -> rows(outbox(app, "SUPPRESSED"), to).size() == 1);
        assertEquals(0, mailsTo(to).size());
        await("announced once the silence has run out", 15, () -> mailsTo(to).size() == 1);
        sleep(3_000);
        assertEquals(1, mailsTo(to).size());
    }

    @Test
    @DisplayName("Alertmanager #3457: a deleted silence and one that ran out while the service was down stay expired after a restart, and mail flows again")
    void expiredSilenceNeverComesBack() throws Exception {
        Path dir = Files.createTempDirectory("mw-silence-");
        long deletedId;
        String held;
        try (TestApp first = TestApp.start(dir, env)) {
            deletedId = silence(first, new JsonObject().put("account", "AR1"), in(3600)).getLong("id");
            assertEquals(200, first.call("DELETE", "/api/silences/" + deletedId, null, first.token).status());
            silence(first, new JsonObject().put("account", "AR2"), in(4));
            held = breach(first, "R2", "600712.SH", "10:00");
            await("suppressed", 10, () -> rows(outbox(first, "SUPPRESSED"), held).size() == 1);
        }
        assertEquals(0, mailsTo(held).size());
        sleep(4_000); // the second silence runs out while nothing runs
        try (TestApp second = TestApp.start(dir, env)) {
            JsonArray all = second.get("/api/silences").items();
            assertEquals(2, all.size());
            all.forEach(o -> assertFalse(((JsonObject) o).getBoolean("active"), o.toString()));
            assertEquals(0, second.get("/api/silences?state=active").items().size());
            assertEquals(1, all.stream().map(o -> (JsonObject) o).filter(o -> o.getLong("id") == deletedId
                    && "admin".equals(o.getString("expiredBy")) && o.getString("expiredAt") != null).count());
            String to = breach(second, "R1", "600711.SH", "10:10");
            await("a breach matching the deleted silence is mailed", 10, () -> mailsTo(to).size() == 1);
            await("the breach held by the silence that ran out is announced once", 10, () -> mailsTo(held).size() == 1);
            sleep(2_000);
            assertEquals(1, mailsTo(held).size());
        }
    }
}
