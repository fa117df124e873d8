package org.d2r.metaworld.tasks;

import org.d2r.metaworld.EnvConfig;

/**
 * pick-place-wall-v2 (SawyerPickPlaceWallEnvV2): lift a puck over a wall and place it at a goal
 * in the air behind it (success within 7 cm).
 */
public final class PickPlaceWallV2 extends WallPuck {

    public PickPlaceWallV2(EnvConfig cfg) {
        // reset space: obj_low + goal_low, obj_high + goal_high
        super("pick-place-wall-v2", "sawyer_pick_place_wall_v2.xml", cfg, true, new double[] {0.05, 0.8, 0.2},
                new double[] {-0.05, 0.6, 0.015, -0.05, 0.85, 0.05}, new double[] {0.05, 0.65, 0.015, 0.05, 0.9, 0.3});
    }
}
