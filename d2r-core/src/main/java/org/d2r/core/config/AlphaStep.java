package org.d2r.core.config;

/**
 * When the per-task temperatures take their Adam step within one SAC update.
 * <ul>
 * <li>{@link #WITH_NETWORKS} (D2R's release, d2r.md section 6): one backward pass over the summed loss;
 *     log alpha's gradient is clipped and stepped beside the networks', and the losses use alpha from
 *     before the step.</li>
 * <li>{@link #FIRST} (the Soft Modularization codebase, where the paper's MT-SAC, MH-SAC and Soft
 *     Modularization numbers come from): log alpha is stepped first, unclipped, and the policy and critic
 *     losses (and the task weights) use the stepped alpha.</li>
 * </ul>
 */
public enum AlphaStep {
    WITH_NETWORKS, FIRST
}
