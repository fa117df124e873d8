package org.d2r.metaworld.tasks;

import org.d2r.metaworld.EnvConfig;

/**
 * handle-press-v2 (SawyerHandlePressEnvV2): press the handle of the box at the back of the table
 * down until its tip is within 2 cm (in z) of {@code goalPress}.
 */
public final class HandlePressV2 extends HandleBox {

    public HandlePressV2(EnvConfig cfg) {
        super("handle-press-v2", cfg, false, false, "handleStart",
                new double[] {-0.1, 0.8, -0.001}, new double[] {0.1, 0.9, +0.001});
    }
}
