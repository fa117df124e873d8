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

    public static int chunks() {
        return CHUNKS;
    }

    /** Runs body over [0, rows) in chunks when rows x costPerRow is worth it. */
    public static void rows(int rows, long costPerRow, RowRange body) {
        int c = (long) rows * costPerRow < MIN_WORK ? 1 : Math.min(CHUNKS, rows);
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
}
