package org.d2r.metaworld.tasks;

import org.d2r.metaworld.EnvConfig;

/** reach-v2 (SawyerReachEnvV2): bring the tool centre within 5 cm of a goal in the air. */
public final class ReachV2 extends ReachTask {

    public ReachV2(EnvConfig cfg) {
        super("reach-v2", "sawyer_reach_v2.xml", cfg, false, new double[] {-0.1, 0.8, 0.2},
                new double[] {-0.1, 0.6, 0.02, -0.1, 0.8, 0.05}, new double[] {0.1, 0.7, 0.02, 0.1, 0.9, 0.3});
    }
}
