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

    /** The actor the snapshot's method needs: D2R's lean float forward, or the baseline's own network. */
    static SnapshotActor of(PolicySnapshot snapshot) {
        return snapshot.method().routed() ? new PolicyActor(snapshot) : new BaselineActor(snapshot);
    }

    int obsDims();

    int actionDims();

    int tasks();

    /** The learner's update count when the snapshot was taken. */
    long version();

    /** Modules whose routing paths {@link #actAll} reports; 0 for a network that does not route (pass null paths). */
    int routingModules();

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
    void act(float[] obs, int taskId, boolean explore, boolean sampleKRouting, Rng rng, float[] action,
             RoutingPaths paths, int row);
}
