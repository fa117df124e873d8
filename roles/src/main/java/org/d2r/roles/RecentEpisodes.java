package org.d2r.roles;

import java.util.Arrays;

/**
 * Success and return of each task's last {@link #WINDOW} finished exploring episodes: the training
 * success the progress lines show between evaluations, for the producers and for local training
 * alike. Written by the stepping thread, read from others (the terminal's progress).
 */
public final class RecentEpisodes {
    public static final int WINDOW = 10;

    /** 1 for an episode that succeeded, 0 for one that did not: a success rate is then a mean, as a return is. */
    private final double[][] success;
    private final double[][] ret;
    private final long[] finished;

    public RecentEpisodes(int tasks) {
        success = new double[tasks][WINDOW];
        ret = new double[tasks][WINDOW];
        finished = new long[tasks];
    }

    /** One finished episode of {@code task}: whether it succeeded at any step, and its summed reward. */
    public synchronized void add(int task, boolean succeeded, double episodeReturn) {
        // a ring, not a deque of boxed values: this runs at every episode end of every environment
        int slot = (int) (finished[task] % WINDOW);
        success[task][slot] = succeeded ? 1 : 0;
        ret[task][slot] = episodeReturn;
        finished[task]++;
    }

    /** Per task: the success rate over its recent episodes, NaN before its first episode ends. */
    public synchronized double[] successRates() {
        return means(success);
    }

    /** Per task: the mean return over its recent episodes, NaN before its first episode ends. */
    public synchronized double[] meanReturns() {
        return means(ret);
    }

    private double[] means(double[][] values) {
        double[] r = new double[finished.length];
        Arrays.fill(r, Double.NaN);
        for (int t = 0; t < r.length; t++) {
            int n = (int) Math.min(finished[t], WINDOW);
            if (n == 0) continue;
            double s = 0;
            for (int i = 0; i < n; i++) s += values[t][i];
            r[t] = s / n;
        }
        return r;
    }

    /** Episodes of {@code task} finished so far. */
    public synchronized long episodes(int task) {
        return finished[task];
    }
}
