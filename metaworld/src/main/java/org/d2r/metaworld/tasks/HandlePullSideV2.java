package org.d2r.metaworld.tasks;

import org.d2r.metaworld.EnvConfig;

/**
 * handle-pull-side-v2 (SawyerHandlePullSideEnvV2): the sideways handle box starts with the handle
 * pressed down; pull it up until the handle's centre is within 8 cm of {@code goalPull}.
 */
public final class HandlePullSideV2 extends HandleBox {

    public HandlePullSideV2(EnvConfig cfg) {
        super("handle-pull-side-v2", cfg, true, true, "handleCenter",
                new double[] {-0.35, 0.65, 0.0}, new double[] {-0.25, 0.75, 0.0});
    }
}
