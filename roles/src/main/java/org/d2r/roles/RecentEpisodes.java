package org.d2r.roles;

import java.util.Arrays;

/**
 * Success of each task's last {@link #WINDOW} finished exploring episodes: the training
 * success the progress lines show between evaluations, for the producers and for local training
 * alike. Written by the stepping thread, read from others (the terminal's progress).
 */
public final class RecentEpisodes {
    public static final int WINDOW = 10;

    /** 1 for an episode that succeeded, 0 for one that did not: a success rate is then a mean. */
    private final double[][] success;
    private final long[] finished;

    public RecentEpisodes(int tasks) {
        success = new double[tasks][WINDOW];
        finished = new long[tasks];
    }

    /** One finished episode of {@code task}: whether it succeeded at any step. */
    public synchronized void add(int task, boolean succeeded) {
        // a ring, not a deque of boxed values: this runs at every episode end of every environment
        success[task][(int) (finished[task]++ % WINDOW)] = succeeded ? 1 : 0;
    }

    /** Per task: the success rate over its recent episodes, NaN before its first episode ends. */
    public synchronized double[] successRates() {
        double[] r = new double[finished.length];
        Arrays.fill(r, Double.NaN);
        for (int t = 0; t < r.length; t++) {
            int n = (int) Math.min(finished[t], WINDOW);
            if (n == 0) continue;
            double s = 0;
            for (int i = 0; i < n; i++) s += success[t][i];
            r[t] = s / n;
        }
        return r;
    }
}
