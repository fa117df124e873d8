package org.d2r.roles.learner;

import org.d2r.core.io.PolicySnapshot;
import org.d2r.roles.PolicyPublisher;

/**
 * The policy publisher of a run in one process ({@code train --local}, {@code train-offline}): the acting
 * actor is a view of the learner's own parameters ({@code TaskNetwork.withBatchSize}), so it acts with
 * every update at once, as in the paper's single-process training, and no published policy is read back.
 */
public final class InProcessPublisher implements PolicyPublisher {

    @Override
    public void publish(PolicySnapshot policy, long updates, long envStepsPerTask, double[] alpha) {
        // the actors already act with the learner's parameters
    }
}
