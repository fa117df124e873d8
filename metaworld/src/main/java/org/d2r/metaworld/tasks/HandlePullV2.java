package org.d2r.metaworld.tasks;

import org.d2r.metaworld.EnvConfig;

/**
 * handle-pull-v2 (SawyerHandlePullEnvV2): the handle box at the back of the table starts with the
 * handle pressed down; pull it up until the handle's right end is within 5 cm (in z) of
 * {@code goalPull}.
 */
public final class HandlePullV2 extends HandleBox {

    public HandlePullV2(EnvConfig cfg) {
        super("handle-pull-v2", cfg, false, true, "handleRight",
                new double[] {-0.1, 0.8, -0.001}, new double[] {0.1, 0.9, +0.001});
    }
}
