package org.d2r.metaworld.tasks;

import org.d2r.metaworld.EnvConfig;

/**
 * handle-press-side-v2 (SawyerHandlePressSideEnvV2): the handle box turned sideways at the left of
 * the table; press the handle down until its tip is within 2 cm (in z) of {@code goalPress}.
 */
public final class HandlePressSideV2 extends HandleBox {

    public HandlePressSideV2(EnvConfig cfg) {
        super("handle-press-side-v2", cfg, true, false, "handleStart",
                new double[] {-0.35, 0.65, -0.001}, new double[] {-0.25, 0.75, +0.001});
    }
}
