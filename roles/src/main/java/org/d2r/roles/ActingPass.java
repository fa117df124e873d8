package org.d2r.roles;

import org.d2r.core.routing.RoutingPaths;

/**
 * One forward pass of the acting policy over every environment's observation (a row per environment),
 * whatever holds the policy: a published snapshot ({@link SnapshotActing}: producers, evaluator) or the
 * learner's own network in one process ({@link NetworkActing}). Exploring routes with SampleK at the
 * task's tau_T (TopK under the no-samplek ablation) and samples the tanh-Gaussian; evaluating routes with
 * TopK and takes tanh(mean), as in d2r.md section 6.
 */
public interface ActingPass {

    /** What transitions acted with this pass carry as their policy version. */
    long version();

    /**
     * Actions for rows 0..rows-1.
     *
     * @param policyActions false when every row takes a uniformly random warm-up action this round: a
     *                      pass whose only use then is the behaviour routing path may be skipped
     * @param actions       receives row b's action in {@code actions[b]}
     */
    void act(double[][] obs, int[] taskIds, int rows, boolean explore, boolean policyActions, double[][] actions);

    /** The routing paths of the last pass (row b = row b of {@link #act}), or null: no routing, or no pass taken. */
    RoutingPaths paths();
}
