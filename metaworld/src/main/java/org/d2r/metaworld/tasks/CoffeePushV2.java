package org.d2r.metaworld.tasks;

import org.d2r.metaworld.EnvConfig;

/**
 * coffee-push-v2 (SawyerCoffeePushEnvV2): push the mug across the table to a goal under the coffee
 * machine's spout, within 7 cm.
 */
public final class CoffeePushV2 extends CoffeeMug {

    public CoffeePushV2(EnvConfig cfg) {
        super("coffee-push-v2", cfg, new double[] {0., .6, 0.}, new double[] {0., 0.75, 0},
                new double[] {-0.1, 0.55, -.001, -0.05, 0.7, -.001},
                new double[] {0.1, 0.65, +.001, 0.05, 0.75, +.001}, "coffee_goal", true);
    }
}
