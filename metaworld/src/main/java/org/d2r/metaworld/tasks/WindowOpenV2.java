package org.d2r.metaworld.tasks;

import org.d2r.metaworld.EnvConfig;

/**
 * window-open-v2 (SawyerWindowOpenEnvV2): slide the window 20 cm in +x, until the handle's x is
 * within 5 cm of the goal's.
 */
public final class WindowOpenV2 extends SlidingWindow {

    public WindowOpenV2(EnvConfig cfg) {
        super("window-open-v2", cfg, true, -0.1f, new double[] {-0.1, 0.7, 0.16}, new double[] {0.1, 0.9, 0.16});
    }
}
