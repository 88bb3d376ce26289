package dev.rnnlab.engine.bptt.math;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed team of threads that splits one kernel call into contiguous parts, one per member: the
 * calling thread takes part 0 and {@code size - 1} daemon workers the rest. Kernels split only by
 * output rows or output columns, never over a summed dimension, so every element is computed by the
 * same arithmetic whatever the team size and the results are bit-identical.
 *
 * <p>A call costs a few microseconds, against tens for a pool's park and unpark: the workers spin for
 * a short while after each part (the next part of a training step usually follows within
 * microseconds), then park. Not reentrant; one caller thread at a time.
 */
final class Team implements AutoCloseable {

    /** A part of a call: member {@code member} covers indices {@code from..to-1}. */
    @FunctionalInterface
    interface Part {
        void run(int member, int from, int to);
    }

    /** Spins before a worker parks: about 50 us here (20,000 took 460-560 us; a PAUSE is slow on this CPU). */
    private static final int SPINS = 2_000;

    private final int size;
    private final Thread[] workers;
    /** Worker w's thread while it is parked or about to park, else null. */
    private final AtomicReferenceArray<Thread> parkedWorkers;
    private final AtomicInteger remaining = new AtomicInteger();
    private volatile long generation;
    private volatile boolean closed;
    private volatile Thread waitingCaller;
    private Part part;
    private int total;
    private volatile Throwable failure;

    Team(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("team size " + size);
        }
        this.size = size;
        this.workers = new Thread[size - 1];
        this.parkedWorkers = new AtomicReferenceArray<>(Math.max(0, size - 1));
        for (int w = 0; w < workers.length; w++) {
            int member = w + 1;
            workers[w] = new Thread(() -> work(member), "rnnlab-kernel-" + member);
            workers[w].setDaemon(true);
            workers[w].start();
        }
    }

    int size() {
        return size;
    }

    /**
     * Runs {@code part} over {@code 0..total-1} split into {@link #size()} contiguous ranges (fewer when
     * {@code total} is smaller), and returns when all are done. A failure in any part is rethrown here.
     */
    void run(int total, Part part) {
        int members = Math.min(size, total);
        if (members <= 1) {
            part.run(0, 0, total);
            return;
        }
        this.part = part;
        this.total = total;
        this.failure = null;
        remaining.set(size - 1);
        generation++; // publishes part and total to the workers
        for (int w = 0; w < workers.length; w++) {
            Thread t = parkedWorkers.get(w);
            if (t != null) {
                LockSupport.unpark(t);
            }
        }
        try {
            runPart(0);
        } finally {
            awaitWorkers();
        }
        Throwable f = failure;
        if (f instanceof RuntimeException e) {
            throw e;
        }
        if (f instanceof Error e) {
            throw e;
        }
    }

    private void runPart(int member) {
        int members = Math.min(size, total);
        if (member >= members) {
            return;
        }
        int from = (int) ((long) total * member / members);
        int to = (int) ((long) total * (member + 1) / members);
        part.run(member, from, to);
    }

    private void awaitWorkers() {
        int spins = 0;
        while (remaining.get() > 0) {
            if (++spins < SPINS) {
                Thread.onSpinWait();
            } else {
                waitingCaller = Thread.currentThread();
                if (remaining.get() > 0) {
                    LockSupport.parkNanos(this, 100_000);
                }
                waitingCaller = null;
            }
        }
    }

    private void work(int member) {
        long seen = 0;
        while (true) {
            int spins = 0;
            long g;
            while ((g = generation) == seen) {
                if (closed) {
                    return;
                }
                if (++spins < SPINS) {
                    Thread.onSpinWait();
                } else {
                    // Announce, then re-check: run() bumps the generation before it reads the announcement.
                    parkedWorkers.set(member - 1, Thread.currentThread());
                    if (generation == seen && !closed) {
                        LockSupport.park(this);
                    }
                    parkedWorkers.set(member - 1, null);
                }
            }
            seen = g;
            try {
                runPart(member);
            } catch (Throwable t) {
                failure = t;
            } finally {
                if (remaining.decrementAndGet() == 0) {
                    Thread caller = waitingCaller;
                    if (caller != null) {
                        LockSupport.unpark(caller);
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Thread t : workers) {
            LockSupport.unpark(t);
        }
    }
}
