package org.d2r.producers;

import java.util.ArrayDeque;
import java.util.Arrays;

/** Success of each task's last {@link #WINDOW} finished episodes, read from other threads. */
final class RecentEpisodes {
    static final int WINDOW = 10;

    private final ArrayDeque<Boolean>[] recent;

    @SuppressWarnings("unchecked")
    RecentEpisodes(int tasks) {
        recent = new ArrayDeque[tasks];
        for (int t = 0; t < tasks; t++) recent[t] = new ArrayDeque<>();
    }

    synchronized void add(int task, boolean success) {
        if (recent[task].size() == WINDOW) recent[task].removeFirst();
        recent[task].addLast(success);
    }

    /** Per task: success rate over its recent episodes; NaN before its first episode ends. */
    synchronized double[] successRates() {
        double[] r = new double[recent.length];
        Arrays.fill(r, Double.NaN);
        for (int t = 0; t < r.length; t++) {
            if (recent[t].isEmpty()) continue;
            r[t] = recent[t].stream().filter(b -> b).count() / (double) recent[t].size();
        }
        return r;
    }
}
