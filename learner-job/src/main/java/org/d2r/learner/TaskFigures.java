package org.d2r.learner;

import java.util.List;
import java.util.Locale;

/**
 * Per-task figures for a progress line: every task by name up to MT10's ten, beyond that (MT50) a summary a
 * person can read on one line. One format for {@code train} and {@code train --local}.
 */
public final class TaskFigures {
    static final int LISTED = 10;

    private TaskFigures() {}

    /** Success rates: "reach=0.10 push=-" or, for many tasks, "mean 0.04, 3/50 above 0, best drawer-close 0.33". */
    public static String success(List<String> tasks, double[] r) {
        if (r == null) return "-";
        int n = Math.min(r.length, tasks.size());
        if (n <= LISTED) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < n; i++) {
                b.append(i == 0 ? "" : " ").append(shortName(tasks.get(i))).append('=')
                        .append(Double.isNaN(r[i]) ? "-" : String.format(Locale.ROOT, "%.2f", r[i]));
            }
            return b.toString();
        }
        double sum = 0;
        int seen = 0, above = 0, best = -1;
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(r[i])) continue;
            sum += r[i];
            seen++;
            if (r[i] > 0) above++;
            if (best < 0 || r[i] > r[best]) best = i;
        }
        if (seen == 0) return "-";
        return String.format(Locale.ROOT, "mean %.2f, %d/%d above 0, best %s %.2f", sum / seen, above, n, shortName(tasks.get(best)), r[best]);
    }

    /** Temperatures: each task's alpha up to ten tasks, else the mean and range. */
    public static String alpha(double[] logAlpha) {
        StringBuilder b = new StringBuilder();
        if (logAlpha.length <= LISTED) {
            for (double la : logAlpha) b.append(b.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.3g", Math.exp(la)));
            return b.toString();
        }
        double sum = 0, lo = Double.POSITIVE_INFINITY, hi = 0;
        for (double la : logAlpha) {
            double a = Math.exp(la);
            sum += a;
            lo = Math.min(lo, a);
            hi = Math.max(hi, a);
        }
        return String.format(Locale.ROOT, "mean %.3g (%.3g-%.3g)", sum / logAlpha.length, lo, hi);
    }

    static String shortName(String task) {
        return task.endsWith("-v2") ? task.substring(0, task.length() - 3) : task;
    }
}
