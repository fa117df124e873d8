package org.d2r.core.sac;

import org.d2r.core.model.Routing;
import org.d2r.core.nn.Rng;

/**
 * Every random draw one SAC update consumes (d2r.md section 6), in the order the update asks for them:
 * the actor's routing when it trains on fresh paths (the target-routing ablation), the reparameterisation
 * noise of a' on s' and of a~ on s, then the SampleK routing of each critic's TD pass. The learner draws
 * them from its generator ({@link #from(Rng)}); a test can hand in the release's own draws instead, so
 * both compute the same update number for number.
 */
public interface UpdateDraws {

    /** Routing of the actor's pass on s when it does not train on the stored paths: SampleK at tau_T. */
    Routing freshActorRouting(double[] tau);

    /** Standard normal noise for the actions on s' (the TD target's a'), row-major [rows, A]. */
    void nextActionNoise(double[] eps);

    /** Standard normal noise for the reparameterised actions a~ on s, row-major [rows, A]. */
    void actionNoise(double[] eps);

    /** Routing of critic {@code critic} (1 or 2) on the stored actions: SampleK at tau_T, training mode. */
    Routing criticRouting(int critic, double[] tau);

    /** The learner's draws: each SampleK pass from its own stream split off the generator, noise from the generator. */
    static UpdateDraws from(Rng rng) {
        return new UpdateDraws() {
            @Override
            public Routing freshActorRouting(double[] tau) {
                return Routing.sampleK(tau, rng.split(), true);
            }

            @Override
            public void nextActionNoise(double[] eps) {
                for (int i = 0; i < eps.length; i++) eps[i] = rng.nextGaussian();
            }

            @Override
            public void actionNoise(double[] eps) {
                for (int i = 0; i < eps.length; i++) eps[i] = rng.nextGaussian();
            }

            @Override
            public Routing criticRouting(int critic, double[] tau) {
                return Routing.sampleK(tau, rng.split(), true);
            }
        };
    }
}
