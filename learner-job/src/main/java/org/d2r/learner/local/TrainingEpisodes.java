package org.d2r.learner.local;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * Success and return of the exploring policy's episodes per task, over each task's last
 * {@link #WINDOW} finished episodes (what the progress line shows between evaluations).
 */
final class TrainingEpisodes {
    static final int WINDOW = 10;

    private final boolean[] success;
    private final double[] ret;
    private final ArrayDeque<double[]>[] recent;

    @SuppressWarnings("unchecked")
    TrainingEpisodes(int tasks) {
        success = new boolean[tasks];
        ret = new double[tasks];
        recent = new ArrayDeque[tasks];
        for (int t = 0; t < tasks; t++) recent[t] = new ArrayDeque<>();
    }

    void step(int task, double reward, boolean succeeded) {
        ret[task] += reward;
        success[task] |= succeeded;
    }

    void endEpisode(int task) {
        if (recent[task].size() == WINDOW) recent[task].removeFirst();
        recent[task].addLast(new double[] {success[task] ? 1 : 0, ret[task]});
        success[task] = false;
        ret[task] = 0;
    }

    /** Per task: the success rate over its recent episodes, NaN before its first episode ends. */
    double[] recentSuccess() {
        return column(0);
    }

    /** Per task: the mean return over its recent episodes, NaN before its first episode ends. */
    double[] recentReturn() {
        return column(1);
    }

    private double[] column(int c) {
        double[] r = new double[recent.length];
        Arrays.fill(r, Double.NaN);
        for (int t = 0; t < recent.length; t++) {
            if (recent[t].isEmpty()) continue;
            double s = 0;
            for (double[] e : recent[t]) s += e[c];
            r[t] = s / recent[t].size();
        }
        return r;
    }
}
