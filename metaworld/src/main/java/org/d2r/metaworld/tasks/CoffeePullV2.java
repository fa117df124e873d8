package org.d2r.metaworld.tasks;

import org.d2r.metaworld.EnvConfig;

/**
 * coffee-pull-v2 (SawyerCoffeePullEnvV2): pull the mug out from under the coffee machine to a goal
 * on the table, within 7 cm.
 */
public final class CoffeePullV2 extends CoffeeMug {

    public CoffeePullV2(EnvConfig cfg) {
        super("coffee-pull-v2", cfg, new double[] {0, 0.75, 0.}, new double[] {0., 0.6, 0},
                new double[] {-0.05, 0.7, -.001, -0.1, 0.55, -.001},
                new double[] {0.05, 0.75, +.001, 0.1, 0.65, +.001}, "mug_goal", false);
    }
}
