package org.d2r.metaworld.tasks;

import org.d2r.metaworld.EnvConfig;

/**
 * button-press-topdown-wall-v2 (SawyerButtonPressTopdownWallEnvV2): the top-down button behind a low
 * wall; the rest is button-press-topdown-v2's.
 */
public final class ButtonPressTopdownWallV2 extends ButtonBox {

    public ButtonPressTopdownWallV2(EnvConfig cfg) {
        super("button-press-topdown-wall-v2", "sawyer_button_press_topdown_wall.xml", cfg, Style.TOPDOWN, 0.8f,
                new double[] {-0.1, 0.8, 0.115}, new double[] {0.1, 0.9, 0.115});
    }
}
