package org.d2r.metaworld.tasks;

import org.d2r.metaworld.EnvConfig;

/** reach-wall-v2 (SawyerReachWallEnvV2): bring the tool centre within 5 cm of a goal in the air behind a wall. */
public final class ReachWallV2 extends ReachTask {

    public ReachWallV2(EnvConfig cfg) {
        super("reach-wall-v2", "sawyer_reach_wall_v2.xml", cfg, true, new double[] {-0.05, 0.8, 0.2},
                new double[] {-0.05, 0.6, 0.015, -0.05, 0.85, 0.05}, new double[] {0.05, 0.65, 0.015, 0.05, 0.9, 0.3});
    }
}
