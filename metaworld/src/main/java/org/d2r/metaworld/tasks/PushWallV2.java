package org.d2r.metaworld.tasks;

import org.d2r.metaworld.EnvConfig;

/** push-wall-v2 (SawyerPushWallEnvV2): push a puck around a wall to a goal behind it (success within 7 cm). */
public final class PushWallV2 extends WallPuck {

    public PushWallV2(EnvConfig cfg) {
        super("push-wall-v2", "sawyer_push_wall_v2.xml", cfg, false, new double[] {0.05, 0.8, 0.015},
                new double[] {-0.05, 0.6, 0.015, -0.05, 0.85, 0.01}, new double[] {0.05, 0.65, 0.015, 0.05, 0.9, 0.02});
    }
}
