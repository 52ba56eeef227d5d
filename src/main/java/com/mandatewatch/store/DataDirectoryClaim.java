package com.mandatewatch.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * One instance per data directory, and no PostgreSQL left behind by a crash in its way. The instance holds a lock
 * on {@code MW_DATA_DIR/mw.lock} while it runs; the operating system lets it go when the process ends, also on
 * {@code kill -9}. Holding the lock, a PostgreSQL still running on the embedded data directory can only be the one a
 * crashed run started (it outlives the JVM that spawned it): it is stopped, instead of the start waiting a minute on
 * its lock and failing. Without the lock, another running instance owns the directory and the start is refused.
 */
final class DataDirectoryClaim implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(DataDirectoryClaim.class.getName());
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryClaim(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static DataDirectoryClaim of(Path dataDir, Path pgDir) throws IOException {
        Files.createDirectories(dataDir);
        FileChannel channel = FileChannel.open(dataDir.resolve("mw.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by this very process: another instance in this JVM (tests)
        }
        if (lock == null) {
            channel.close();
            throw new IllegalStateException("数据目录 " + dataDir.toAbsolutePath() + " 正由另一个运行中的 Mandate Watch 使用 / "
                    + "the data directory is in use by another running instance (MW_DATA_DIR)");
        }
        DataDirectoryClaim claim = new DataDirectoryClaim(channel, lock);
        try {
            stopLeftOver(pgDir);
        } catch (RuntimeException e) {
            claim.close();
            throw e;
        }
        return claim;
    }

    /** Stops a postmaster a crashed run left on this data directory: it holds the directory's lock and port. */
    private static void stopLeftOver(Path pgDir) {
        Optional<ProcessHandle> postmaster = postmaster(pgDir);
        if (postmaster.isEmpty()) return;
        ProcessHandle pg = postmaster.get();
        LOG.warning("PostgreSQL (pid " + pg.pid() + ") left running on " + pgDir + " by a run that ended abruptly: stopping it");
        pg.destroy(); // SIGTERM: the sessions of the dead run are gone, so it shuts down at once
        try {
            pg.onExit().get(STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warning("PostgreSQL (pid " + pg.pid() + ") did not stop within " + STOP_WAIT + ": killing it");
            pg.destroyForcibly();
        }
    }

    private static Optional<ProcessHandle> postmaster(Path pgDir) {
        Path pidFile = pgDir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) return Optional.empty();
        try {
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
            // a reused pid is never taken for it: a postgres process serving this very directory (-D dir)
            String served = pgDir.toAbsolutePath().toString();
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false))
                    .filter(p -> p.info().commandLine().map(c -> c.contains(served)).orElse(true));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // unreadable: PostgreSQL itself judges a stale pid file
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            LOG.warning("could not release " + e.getMessage());
        }
    }
}
