package org.d2r.core.model;

import org.d2r.core.nn.Rng;
import org.d2r.core.routing.RoutingPaths;

/**
 * How a forward pass chooses its routing paths (d2r.md section 3-4). Networks without routing
 * (the baselines) ignore it.
 *
 * @param mode     TOP_K (deterministic), SAMPLE_K (SampleK at each row's task temperature) or
 *                 STORED (the behaviour paths given in {@code stored}, as ResRouting trains the actor)
 * @param training training-mode pass: ResRouting's stop-gradient rule applies (section 4)
 * @param stored   the paths for STORED, one row per batch row; null otherwise
 * @param taskTau  per-task SampleK temperatures tau_T for SAMPLE_K; null means 1 for every task
 * @param rng      randomness for SAMPLE_K
 */
public record Routing(Mode mode, boolean training, RoutingPaths stored, double[] taskTau, Rng rng) {

    public enum Mode { TOP_K, SAMPLE_K, STORED }

    public Routing {
        if (mode == null) throw new IllegalArgumentException("routing mode is required");
        if (mode == Mode.STORED && stored == null) throw new IllegalArgumentException("STORED routing needs the stored paths");
        if (mode == Mode.SAMPLE_K && rng == null) throw new IllegalArgumentException("SAMPLE_K routing needs a random source");
    }

    /** TopK, no ResRouting: acting deterministically, evaluation, targets. */
    public static Routing topK() {
        return new Routing(Mode.TOP_K, false, null, null, null);
    }

    /** TopK in a training-mode pass (the critics inside the policy loss). */
    public static Routing topKTraining() {
        return new Routing(Mode.TOP_K, true, null, null, null);
    }

    /** SampleK at tau_T; training selects ResRouting (critic TD passes), false is exploration when acting. */
    public static Routing sampleK(double[] taskTau, Rng rng, boolean training) {
        return new Routing(Mode.SAMPLE_K, training, null, taskTau, rng);
    }

    /** The stored behaviour paths d_old with ResRouting (actor training, Eq. 8). */
    public static Routing stored(RoutingPaths paths) {
        return new Routing(Mode.STORED, true, paths, null, null);
    }
}
