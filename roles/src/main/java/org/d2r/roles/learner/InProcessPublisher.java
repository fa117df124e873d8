package org.d2r.roles.learner;

import org.d2r.core.io.PolicySnapshot;
import org.d2r.roles.PolicyPublisher;

/**
 * The policy publisher of a run in one process ({@code train --local}, {@code train-offline}): the acting
 * actor is a view of the learner's own parameters ({@code TaskNetwork.withBatchSize}), so it acts with
 * every update at once, as in the paper's single-process training; what is published here is the
 * snapshot others in the process read (an evaluation, a policy source), newest only.
 */
public final class InProcessPublisher implements PolicyPublisher {

    /** The newest policy with what the learner said of it. */
    public record Published(PolicySnapshot policy, long updates, long envStepsPerTask, double[] alpha) {}

    private volatile Published newest;

    @Override
    public void publish(PolicySnapshot policy, long updates, long envStepsPerTask, double[] alpha) {
        newest = new Published(policy, updates, envStepsPerTask, alpha.clone());
    }

    public Published newest() {
        return newest;
    }
}
