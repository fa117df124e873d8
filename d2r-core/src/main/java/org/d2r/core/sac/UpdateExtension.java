package org.d2r.core.sac;

import java.util.List;
import org.d2r.core.model.TaskNetwork;
import org.d2r.core.nn.ParamSet;
import org.d2r.core.nn.Rng;

/**
 * What a method whose networks share parts adds to the one SAC update, without a copy of it: the shared
 * parameter sets with their own optimiser and, where they have targets, their own target rate (CARE's
 * encoders at 0.05 beside the critics' 0.005; PaCo's task vectors, which actor, critics and target critics
 * read in common), tensors a checkpoint must hold that nothing steps (CARE's frozen embeddings and its
 * never-optimised actor attention), the target critics, and a step after the update (PaCo's reset of a
 * masked task's vector). D2R and the other baselines own all they read: {@link #NONE}.
 *
 * <p>Sharing networks accumulate into gradient views of their own ({@link ParamSet#withOwnGradients()}), so the
 * twin critics still run side by side; {@link #gatherGradients} sums the views into the part before clipping.
 */
public interface UpdateExtension {

    /**
     * A shared, trained parameter set.
     *
     * @param target     its target copy, Polyak-averaged at {@code targetRate} after each step; null without one
     */
    record Part(String name, ParamSet params, double learningRate, ParamSet target, double targetRate) {
        public Part {
            if (!(learningRate > 0)) throw new IllegalArgumentException(name + ": learning rate must be positive, got " + learningRate);
            if (target != null && !(targetRate > 0 && targetRate <= 1)) {
                throw new IllegalArgumentException(name + ": target rate must be in (0, 1], got " + targetRate);
            }
        }
    }

    /** The shared trained sets, in checkpoint order. */
    List<Part> parts();

    /** Sets a checkpoint holds that no optimiser steps, in checkpoint order. */
    default List<ParamSet> fixed() {
        return List.of();
    }

    /** The target network of an online critic. */
    default TaskNetwork target(TaskNetwork critic) {
        return critic.copy();
    }

    /** Zeroes the parts' gradients and every view's (with the networks', before the backward passes). */
    default void zeroGradients() {}

    /** Adds the networks' view gradients into the parts' (after all backward passes, before clipping). */
    default void gatherGradients() {}

    /**
     * After the optimiser steps and the targets' averaging.
     *
     * @param masked tasks of the batch whose losses mask-out zeroed
     * @param normal tasks of the batch that were kept
     * @param rng    the update's generator (checkpointed with it)
     */
    default void afterStep(boolean[] masked, boolean[] normal, Rng rng) {}

    UpdateExtension NONE = List::of;
}
