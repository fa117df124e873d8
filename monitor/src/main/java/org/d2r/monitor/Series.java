package org.d2r.monitor;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * The monitor's time series are kept in its state stores, so they must stay small whatever the run's length: a series
 * past {@link #MAX_POINTS} is thinned to every second point (the newest always kept), which keeps the whole run's
 * shape at a resolution that halves as the run doubles.
 */
final class Series {

    static final int MAX_POINTS = 200;
    /** Rates are taken over about this much of the newest history: long enough to smooth episode-sized steps. */
    static final long RATE_WINDOW_MS = 30_000;

    private Series() {}

    /** {@code series} with {@code point} appended, thinned when it grew past {@link #MAX_POINTS}; a new list. */
    static <P> List<P> append(List<P> series, P point) {
        List<P> out = new ArrayList<>(series.size() + 1);
        out.addAll(series);
        out.add(point);
        if (out.size() <= MAX_POINTS) return List.copyOf(out);
        List<P> thinned = new ArrayList<>(out.size() / 2 + 1);
        for (int i = 0; i < out.size() - 1; i += 2) thinned.add(out.get(i));
        thinned.add(out.get(out.size() - 1));
        return List.copyOf(thinned);
    }

    /**
     * Units per second of {@code value} over the newest {@link #RATE_WINDOW_MS} of {@code series} ending with
     * {@code last} at {@code now} (not in the series yet): from the oldest point inside the window, or the newest point
     * before it when none is; 0 without an earlier point or time.
     */
    static <P> double rate(List<P> series, long now, double last, ToLongFunction<P> atMs, ToDoubleFunction<P> value) {
        P from = null;
        for (int i = series.size() - 1; i >= 0; i--) {
            P p = series.get(i);
            long t = atMs.applyAsLong(p);
            if (t >= now) continue;
            if (t < now - RATE_WINDOW_MS) {
                if (from == null) from = p;
                break;
            }
            from = p;
        }
        if (from == null) return 0;
        double seconds = (now - atMs.applyAsLong(from)) / 1000.0;
        return Math.max(0, (last - value.applyAsDouble(from)) / seconds);
    }
}
