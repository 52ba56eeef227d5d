package com.mandatewatch.ops;

import com.mandatewatch.support.TestApp;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static com.mandatewatch.support.Scenario.await;
import static org.junit.jupiter.api.Assertions.*;

/**
 * A run killed outright (kill -9, a power cut of the JVM) leaves its embedded PostgreSQL running: the next start on
 * the same data directory stops it and comes up, instead of waiting a minute on its lock and failing; and a second
 * instance is refused a directory a running one holds.
 */
class CrashRestartTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    @DisplayName("After kill -9 of a running instance its PostgreSQL is left running; the next start on the data directory stops it and starts; a second instance on a held directory is refused with a clear message")
    void restartAfterKill() throws Exception {
        Path dir = Files.createTempDirectory("mw-crash-");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"), "com.mandatewatch.Main");
        pb.environment().putAll(Map.of("MW_DATA_DIR", dir.toString(), "MW_HTTP_PORT", String.valueOf(port), "MW_DEMO", "false",
                "MW_CLOCK", "feed", "MW_ADMIN_PASSWORD", TestApp.ADMIN_PASSWORD));
        File log = new File(System.getProperty("java.io.tmpdir"), "mw-crash-instance.log");
        pb.redirectErrorStream(true).redirectOutput(log);
        Process first = pb.start();
        try {
            await("the first instance ready (log " + log + ")", 120, () -> ready(port));
            long postmaster = Long.parseLong(Files.readAllLines(dir.resolve("pg/postmaster.pid")).get(0).trim());

            RuntimeException refused = assertThrows(RuntimeException.class, () -> TestApp.start(dir, Map.of()).close(),
                    "a second instance on a held data directory");
            StringBuilder causes = new StringBuilder();
            for (Throwable t = refused; t != null; t = t.getCause()) causes.append(t.getMessage()).append(" | ");
            assertTrue(causes.toString().contains("正由另一个运行中的 Mandate Watch 使用"), causes.toString());

            first.destroyForcibly().waitFor();
            Optional<ProcessHandle> left = ProcessHandle.of(postmaster).filter(ProcessHandle::isAlive);
            assertTrue(left.isPresent(), "the killed run's PostgreSQL outlives it: the case this test is about");

            try (TestApp again = TestApp.start(dir, Map.of())) {
                assertEquals(200, again.get("/api/status").status(), "up on the same data directory");
            }
            assertFalse(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive).orElse(false), "the left-over PostgreSQL was stopped");
        } finally {
            first.destroyForcibly();
            TestApp.deleteTree(dir);
        }
    }

    private static boolean ready(int port) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }
}
