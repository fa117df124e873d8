package org.d2r.metaworld.tasks;

import org.d2r.metaworld.EnvConfig;

/**
 * button-press-v2 (SawyerButtonPressEnvV2): push the wall-mounted button in along +y until it is
 * within 2 cm (in y) of the box's {@code hole} site.
 */
public final class ButtonPressV2 extends ButtonBox {

    public ButtonPressV2(EnvConfig cfg) {
        super("button-press-v2", "sawyer_button_press.xml", cfg, Style.PRESS, 0.9f,
                new double[] {-0.1, 0.85, 0.115}, new double[] {0.1, 0.9, 0.115});
    }
}
