package org.d2r.core.nn;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * Splits row-wise loops into a fixed number of contiguous chunks run on the common fork-join pool.
 * Chunk boundaries depend only on the sizes, never on timing, so results are bit-identical from run
 * to run (reductions combine chunk results in chunk order).
 */
public final class Par {
    private Par() {}

    /** Work below this many element operations stays on the calling thread. */
    public static final long MIN_WORK = 1 << 16;

    /** A body over rows [from, to). */
    @FunctionalInterface
    public interface RowRange {
        void run(int from, int to);
    }

    private static final int CHUNKS = Math.max(1, Math.min(8, Runtime.getRuntime().availableProcessors()));

    /** Set on both threads of {@link #both}: their loops stay on their own thread (the cores are taken). */
    private static final ThreadLocal<Boolean> INSIDE_BOTH = ThreadLocal.withInitial(() -> false);

    /** Runs body over [0, rows) in chunks when rows x costPerRow is worth it. */
    public static void rows(int rows, long costPerRow, RowRange body) {
        int c = (long) rows * costPerRow < MIN_WORK || INSIDE_BOTH.get() ? 1 : Math.min(CHUNKS, rows);
        if (c <= 1) {
            body.run(0, rows);
            return;
        }
        ForkJoinTask<?>[] tasks = new ForkJoinTask<?>[c - 1];
        for (int i = 1; i < c; i++) {
            int from = (int) ((long) rows * i / c), to = (int) ((long) rows * (i + 1) / c);
            tasks[i - 1] = ForkJoinPool.commonPool().submit(() -> body.run(from, to));
        }
        body.run(0, (int) ((long) rows / c));
        for (ForkJoinTask<?> t : tasks) t.join();
    }

    /**
     * Runs two independent computations at once, one per core, each with single-threaded BLAS; the
     * twin critics' passes are the use. Their matrices (1280 x 128 by 128 x 128) are too small for
     * two BLAS threads to split well (about 1.4x over one thread here), so two products side by side
     * use the cores better than one product on both. With one core, or when already inside a pair, runs
     * a then b on the calling thread. Results do not depend on which thread ran which part.
     */
    public static void both(Runnable a, Runnable b) {
        if (CHUNKS < 2 || INSIDE_BOTH.get()) {
            a.run();
            b.run();
            return;
        }
        org.nd4j.linalg.api.blas.Blas blas = org.nd4j.linalg.factory.Nd4j.factory().blas();
        int blasThreads = blas.getMaxThreads();
        blas.setMaxThreads(1);
        Throwable failure = null;
        try {
            java.util.concurrent.Future<?> other = PAIR_THREADS.submit(() -> inside(a));
            try {
                inside(b);
            } catch (Throwable t) {
                failure = t;
            }
            // a's pass is waited for even when b's failed: nothing may still write the buffers afterwards
            boolean interrupted = false;
            while (true) {
                try {
                    other.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (java.util.concurrent.ExecutionException e) {
                    if (failure == null) failure = e.getCause();
                    else failure.addSuppressed(e.getCause());
                    break;
                }
            }
            if (interrupted) Thread.currentThread().interrupt();
        } finally {
            blas.setMaxThreads(blasThreads);
        }
        if (failure instanceof RuntimeException r) throw r;
        if (failure instanceof Error e) throw e;
        if (failure != null) throw new IllegalStateException(failure);
    }

    /**
     * Threads of their own for the second pass of a pair: on the common pool (one worker on two
     * cores) a pass could wait behind unrelated work that another library put there.
     */
    private static final java.util.concurrent.ExecutorService PAIR_THREADS = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "d2r-paired-pass");
        t.setDaemon(true);
        return t;
    });

    private static void inside(Runnable r) {
        INSIDE_BOTH.set(true);
        try {
            r.run();
        } finally {
            INSIDE_BOTH.set(false);
        }
    }
}
