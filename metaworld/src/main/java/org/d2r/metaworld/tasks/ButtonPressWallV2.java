package org.d2r.metaworld.tasks;

import org.d2r.metaworld.EnvConfig;

/**
 * button-press-wall-v2 (SawyerButtonPressWallEnvV2): the wall-mounted button behind a low wall; push
 * it in until it is within 3 cm (in y) of the box's {@code hole} site.
 */
public final class ButtonPressWallV2 extends ButtonBox {

    public ButtonPressWallV2(EnvConfig cfg) {
        super("button-press-wall-v2", "sawyer_button_press_wall.xml", cfg, Style.WALL, 0.9f,
                new double[] {-0.05, 0.85, 0.1149}, new double[] {0.05, 0.9, 0.1151});
    }
}
