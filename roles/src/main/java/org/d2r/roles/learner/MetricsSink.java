package org.d2r.roles.learner;

import java.io.Closeable;
import java.io.IOException;

/**
 * Where the learner loop hands each update's figures besides metrics.csv: the learner-metrics topic in the pipeline
 * (kafka-io's adapter), nothing in the modes without a broker. The loop does not know which.
 */
public interface MetricsSink extends Closeable {

    /** Takes nothing: {@code train --local}, {@code train-offline} and tests. */
    MetricsSink NONE = m -> { };

    /**
     * One update's figures. A sink that publishes must not stop training when it cannot: the file keeps the
     * row, and a gap in a live chart is the lesser loss.
     */
    void write(UpdateMetrics metrics) throws IOException;

    /**
     * The transport behind this port is gone (its broker died): stop waiting for it. A call blocked in another thread
     * returns or fails now, later calls fail at once, and {@link #close} releases without waiting. Safe from any
     * thread; ports without a transport need nothing.
     */
    default void abandon() {}

    @Override
    default void close() throws IOException {
    }
}
