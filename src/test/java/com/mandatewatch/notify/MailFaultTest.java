package com.mandatewatch.notify;

import com.mandatewatch.support.SmtpStub;
import com.mandatewatch.support.TestApp;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static com.mandatewatch.support.Scenario.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The whole service against a small real SMTP server that injects faults: 451, 550, a server that never
 * greets, a reply lost after DATA, idle connections cut by the server. Each test uses its own client and
 * manager, so their mails never mix.
 */
class MailFaultTest {
    static SmtpStub stub;
    static TestApp app;

    @BeforeAll
    static void start() throws Exception {
        stub = new SmtpStub();
        app = TestApp.start(Map.of("MW_SMTP_HOST", "127.0.0.1", "MW_SMTP_PORT", String.valueOf(stub.port()),
                "MW_MAIL_FROM", "mw@example.test", "MW_SMTP_TIMEOUT", "2s",
                "MW_NOTIFY_RETRY_INITIAL", "1s", "MW_NOTIFY_RETRY_MAX", "2s"));
    }

    @AfterEach
    void normal() {
        stub.mode(SmtpStub.Mode.OK);
        stub.idleCloseMs(0);
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
        stub.close();
    }

    @Test
    @DisplayName("C24 a 451 reply is transient: the mail is retried with back-off and delivered exactly once when the server recovers")
    void tempFailureIsRetried() {
        stub.mode(SmtpStub.Mode.TEMPFAIL_451);
        double before = metric(app, "mw_emails_failed_total{reason=\"transient\"}");
        String to = breach(app, "451", "600451.SH", "10:00");
        await("two 451 answers", 20, () -> rows(outbox(app, "PENDING"), to).stream()
                .anyMatch(r -> r.getInteger("attempts") >= 2 && r.getString("lastError") != null));
        JsonObject pending = rows(outbox(app, "PENDING"), to).get(0);
        assertTrue(pending.getString("lastError").contains("451"), pending.encode());
        assertTrue(pending.getInteger("attempts") >= 2, pending.encode());
        assertEquals(0, stub.countTo(to), "nothing delivered while the server says 451");
        assertTrue(metric(app, "mw_emails_failed_total{reason=\"transient\"}") >= before + 2);

        stub.mode(SmtpStub.Mode.OK);
        await("delivered after recovery", 20, () -> stub.countTo(to) == 1);
        sleep(3_000);
        assertEquals(1, stub.countTo(to), "delivered once, not once per attempt");
        assertEquals(1, rows(outbox(app, "SENT"), to).size());
    }

    @Test
    @DisplayName("A 550 reply is permanent: no retry, the row is FAILED with its error on GET /api/outbox?status=FAILED and counted as reason=permanent")
    void permanentFailureIsNotRetried() {
        stub.mode(SmtpStub.Mode.PERMFAIL_550);
        double before = metric(app, "mw_emails_failed_total{reason=\"permanent\"}");
        int attemptsBefore = stub.dataAttempts.get();
        String to = breach(app, "550", "600550.SH", "10:05");
        await("row failed", 20, () -> rows(outbox(app, "FAILED"), to).size() == 1);
        JsonObject failed = rows(outbox(app, "FAILED"), to).get(0);
        assertEquals(1, failed.getInteger("attempts"), failed.encode());
        assertTrue(failed.getString("lastError").contains("550"), failed.encode());
        assertEquals("OPENED", failed.getString("kind"));
        assertEquals("HOLDING_RATIO:A550:600550.SH", failed.getString("fingerprint"));
        assertEquals(before + 1, metric(app, "mw_emails_failed_total{reason=\"permanent\"}"));
        sleep(3_000);
        assertEquals(attemptsBefore + 1, stub.dataAttempts.get(), "a permanent failure is never tried again");
        String cm = app.login("cm550", "Cm-Pass-2026!x");
        assertEquals(403, app.call("GET", "/api/outbox?status=FAILED", null, cm).status(), "the outbox is for OPS and ADMIN");
        assertEquals(400, app.get("/api/outbox?status=LOST").status());
    }

    @Test
    @DisplayName("C32 a server that accepts TCP and never greets fails each send within the 2 s timeout, counted reason=timeout; the WebSocket and the API carry on")
    void neverGreetingTimesOut() throws Exception {
        stub.mode(SmtpStub.Mode.NO_GREETING);
        double before = metric(app, "mw_emails_failed_total{reason=\"timeout\"}");
        long start = System.currentTimeMillis();
        String to = breach(app, "T32", "600032.SH", "10:10");
        await("a timeout is counted", 10, () -> metric(app, "mw_emails_failed_total{reason=\"timeout\"}") > before);
        assertTrue(System.currentTimeMillis() - start < 8_000, "failed within the configured timeout, not hung");
        TestApp.Response health = app.call("GET", "/health/ready", null, null);
        assertEquals(200, health.status(), "mail trouble does not make the service unready");
        assertEquals("DEGRADED", health.json().getString("mail"), "health shows mail degraded");
        JsonObject pending = rows(outbox(app, "PENDING"), to).get(0);
        assertTrue(pending.getString("lastError").startsWith("timeout"), pending.encode());

        // the rest of the service is unaffected while mail hangs
        try (TestApp.Socket ws = app.socket("token=" + app.token)) {
            assertEquals("snapshot", ws.next(5).getString("type"));
            long t0 = System.currentTimeMillis();
            breach(app, "T33", "600033.SH", "10:11");
            JsonObject opened = ws.nextEvent("OPENED", 5).getJsonObject("alert");
            assertEquals("HOLDING_RATIO:AT33:600033.SH", opened.getString("fingerprint"));
            assertTrue(System.currentTimeMillis() - t0 < 5_000);
        }
        stub.mode(SmtpStub.Mode.OK);
        await("both delivered once the server speaks", 20, () -> stub.countTo(to) == 1 && stub.countTo("cmT33@example.test") == 1);
    }

    @Test
    @DisplayName("C33 the second mail goes out although the server closed the pooled connection the first one used")
    void pooledConnectionClosedByServer() {
        stub.idleCloseMs(500);
        String first = breach(app, "P1", "600101.SH", "10:20");
        await("first delivered", 10, () -> stub.countTo(first) == 1);
        sleep(2_000); // the server has cut the kept-alive connection by now
        String second = breach(app, "P2", "600102.SH", "10:21");
        await("second delivered", 15, () -> stub.countTo(second) == 1);
        assertEquals(1, stub.countTo(first));
        assertTrue(rows(outbox(app, "FAILED"), second).isEmpty());
    }

    @Test
    @DisplayName("C24 variant: a connection dropped after DATA before the reply makes the mail go again with the same Message-ID (at-least-once, documented)")
    void droppedAfterDataIsResentWithSameMessageId() {
        stub.mode(SmtpStub.Mode.DROP_AFTER_DATA_ONCE);
        String to = breach(app, "D24", "600024.SH", "10:30");
        await("two copies", 20, () -> stub.countTo(to) == 2);
        List<SmtpStub.Received> copies = stub.received.stream().filter(r -> r.to().contains(to)).toList();
        assertNotNull(copies.get(0).messageId());
        assertEquals(copies.get(0).messageId(), copies.get(1).messageId());
        sleep(3_000);
        assertEquals(2, stub.countTo(to), "no third copy");
        assertEquals(1, rows(outbox(app, "SENT"), to).size());
    }
}
