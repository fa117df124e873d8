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

    /** The transport is gone: as {@link org.d2r.roles.BatchSource#abandon}. */
    default void abandon() {}

    @Override
    default void close() throws IOException {
    }
}
