package dev.rnnlab.runner.store;

import java.io.Closeable;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code <sweep>/lock}: held while a process writes the sweep directory. Created with
 * {@code CREATE_NEW} (O_EXCL), so of two processes exactly one gets it; it names its holder
 * ({@code pid@host since <time>}) and a daemon thread refreshes its modification time every
 * {@link #HEARTBEAT} as a heartbeat. A lock whose heartbeat is older than the grace period was left by a
 * killed process and is taken over.
 */
public final class SweepLock implements Closeable {

    public static final String FILE = "lock";
    public static final Duration HEARTBEAT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(30);

    /** Another live process holds the lock. */
    public static final class HeldException extends Exception {
        public HeldException(String message) {
            super(message);
        }
    }

    private final Path file;
    private final Thread heartbeat;

    private SweepLock(Path file) {
        this.file = file;
        this.heartbeat = new Thread(this::beat, "sweep-lock-heartbeat");
        heartbeat.setDaemon(true);
        heartbeat.start();
    }

    /**
     * Takes the lock of {@code sweepDir}, taking over a stale one.
     *
     * @return the lock, and whether a stale lock was taken over
     * @throws HeldException when a live process holds it
     */
    public static SweepLock acquire(Path sweepDir, Duration grace) throws IOException, HeldException {
        return acquire(sweepDir, FILE, grace);
    }

    /**
     * The same lock in file {@code name} of {@code dir}: {@link dev.rnnlab.runner.exec.RunTask} holds one per
     * run while it writes the run's directory, so two attempts of one run (a retried Spark task and a lost
     * executor that is still running) never write it at once.
     */
    public static SweepLock acquire(Path dir, String name, Duration grace) throws IOException, HeldException {
        Files.createDirectories(dir);
        Path file = dir.resolve(name);
        String holder = holder();
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                Files.writeString(file, holder + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE);
                return new SweepLock(file);
            } catch (FileAlreadyExistsException e) {
                String other;
                Instant beat;
                try {
                    other = Files.readString(file, StandardCharsets.UTF_8).strip();
                    beat = Files.getLastModifiedTime(file).toInstant();
                } catch (NoSuchFileException gone) {
                    continue; // released meanwhile: try again
                }
                Duration age = Duration.between(beat, Instant.now());
                if (age.compareTo(grace) < 0) {
                    throw new HeldException(dir + " is being written by " + (other.isEmpty() ? "another process"
                            : other) + " (heartbeat " + age.toSeconds() + " s ago); wait for it, or use another --out");
                }
                // Stale: its holder stopped beating. Remove it and race for a new one; CREATE_NEW picks one winner.
                Files.deleteIfExists(file);
            }
        }
        throw new HeldException(dir + ": another process took the lock at the same moment");
    }

    private static String holder() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown-host";
        }
        return "pid " + ManagementFactory.getRuntimeMXBean().getPid() + "@" + host + " since " + Instant.now();
    }

    private void beat() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(HEARTBEAT.toMillis());
                Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
            } catch (InterruptedException e) {
                return;
            } catch (IOException e) {
                return; // the lock file is gone; nothing left to keep alive
            }
        }
    }

    @Override
    public void close() throws IOException {
        heartbeat.interrupt();
        Files.deleteIfExists(file);
    }
}
