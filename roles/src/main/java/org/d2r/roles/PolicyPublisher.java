package org.d2r.roles;

import org.d2r.core.io.PolicySnapshot;

/**
 * The writing side of Acme's variable source: the learner hands out its policy, the actors and the
 * evaluator read the newest one back through their policy source.
 */
public interface PolicyPublisher extends AutoCloseable {

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
