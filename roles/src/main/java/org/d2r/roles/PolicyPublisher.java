package org.d2r.roles;

import org.d2r.core.io.PolicySnapshot;

/**
 * The writing side of Acme's variable source: the learner hands out its policy, the actors and the
 * evaluator read the newest one back through their policy source.
 */
public interface PolicyPublisher extends AutoCloseable {

    /**
     * Publishes nothing: in one process ({@code train --local}, {@code train-offline}) the acting actor is a view
     * of the learner's own parameters ({@code TaskNetwork.withBatchSize}), so it acts with every update at once,
     * as in the paper's single-process training, and no published policy is read back.
     */
    PolicyPublisher NONE = (policy, updates, envStepsPerTask, alpha) -> { };

    /**
     * @param policy          the actor's weights, routing temperatures and version (the update count)
     * @param envStepsPerTask environment steps per task behind the last batch trained on, -1 where unknown
     * @param alpha           the entropy temperature per task
     */
    void publish(PolicySnapshot policy, long updates, long envStepsPerTask, double[] alpha);

    /** The transport is gone: as {@link BatchSource#abandon}. */
    default void abandon() {}

    @Override
    default void close() {}
}
