package org.d2r.metaworld.tasks;

import org.d2r.metaworld.EnvConfig;

/**
 * window-close-v2 (SawyerWindowCloseEnvV2): the window starts open 20 cm; slide it back in -x
 * until the handle's x is within 5 cm of the goal's.
 */
public final class WindowCloseV2 extends SlidingWindow {

    public WindowCloseV2(EnvConfig cfg) {
        super("window-close-v2", cfg, false, 0.1f, new double[] {0., 0.75, 0.2}, new double[] {0., 0.9, 0.2});
    }
}
