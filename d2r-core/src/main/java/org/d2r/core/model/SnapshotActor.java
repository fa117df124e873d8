package org.d2r.core.model;

import org.d2r.core.io.PolicySnapshot;
import org.d2r.core.nn.Rng;
import org.d2r.core.routing.RoutingPaths;

/**
 * Acting with a published policy, whatever network it is: what the producers and the evaluator
 * need from a {@link PolicySnapshot}. Exploring samples a tanh-Gaussian action (and, for D2R, routes
 * with SampleK at the task's tau_T); deterministic acting takes tanh(mean) (and TopK routing).
 * Not thread-safe: one instance per acting thread.
 */
public interface SnapshotActor {

    /** A lean float forward for D2R and the MLP baselines (PolicyActor says why), the method's network otherwise. */
    static SnapshotActor of(PolicySnapshot snapshot) {
        return switch (snapshot.method()) {
            case D2R -> new PolicyActor(snapshot);
            case MTSAC, MHSAC -> new MlpActor(snapshot);
            case SOFTMOD, CARE, PACO -> new BaselineActor(snapshot);
        };
    }

    PolicySnapshot snapshot();

    default int obsDims() {
        return snapshot().obsDims();
    }

    default int actionDims() {
        return snapshot().actionDims();
    }

    default int tasks() {
        return snapshot().tasks();
    }

    /** The learner's update count when the snapshot was taken. */
    default long version() {
        return snapshot().version();
    }

    /** Modules whose routing paths {@link #actAll} reports; 0 for a network that does not route (pass null paths). */
    default int routingModules() {
        return 0;
    }

    /**
     * Actions for {@code rows} observations at once: the same results, and the same draws from
     * {@code rng} in the same order, as acting on the rows one at a time in row order.
     *
     * @param obs            observations (obsDims values each, without the task one-hot)
     * @param taskIds        task of each row, 0..tasks-1
     * @param explore        true: sampled actions (and SampleK routing); false: tanh(mean) (and TopK)
     * @param sampleKRouting when exploring, false routes with TopK (the "w/o SampleK" ablation); unused without routing
     * @param rng            randomness for exploring (unused otherwise)
     * @param actions        receives actionDims values in [-1, 1] per row
     * @param paths          receives row b's routing path in row {@code firstPathRow + b}; may be null
     */
    void actAll(float[][] obs, int[] taskIds, int rows, boolean explore, boolean sampleKRouting, Rng rng,
                float[][] actions, RoutingPaths paths, int firstPathRow);

    /** One action for one observation; its routing path (if any) goes to row {@code row} of {@code paths}. */
    default void act(float[] obs, int taskId, boolean explore, boolean sampleKRouting, Rng rng, float[] action,
                     RoutingPaths paths, int row) {
        actAll(new float[][] {obs}, new int[] {taskId}, 1, explore, sampleKRouting, rng, new float[][] {action}, paths, row);
    }

    /** The shape checks every actor makes before acting: one observation, task id and action buffer per row. */
    static void checkRows(SnapshotActor a, float[][] obs, int[] taskIds, int rows, float[][] actions) {
        for (int b = 0; b < rows; b++) {
            if (obs[b].length != a.obsDims()) {
                throw new IllegalArgumentException("observation has " + obs[b].length + " values, the policy expects " + a.obsDims());
            }
            if (taskIds[b] < 0 || taskIds[b] >= a.tasks()) {
                throw new IllegalArgumentException("task id " + taskIds[b] + " outside 0.." + (a.tasks() - 1));
            }
            if (actions[b].length != a.actionDims()) {
                throw new IllegalArgumentException("action buffer must hold " + a.actionDims() + " values");
            }
        }
    }
}
