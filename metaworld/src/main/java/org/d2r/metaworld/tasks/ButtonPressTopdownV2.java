package org.d2r.metaworld.tasks;

import org.d2r.metaworld.EnvConfig;

/**
 * button-press-topdown-v2 (SawyerButtonPressTopdownEnvV2): press the button down until its top is
 * within 2 cm (in z) of the box's {@code hole} site.
 */
public final class ButtonPressTopdownV2 extends ButtonBox {

    public ButtonPressTopdownV2(EnvConfig cfg) {
        super("button-press-topdown-v2", "sawyer_button_press_topdown.xml", cfg, Style.TOPDOWN, 0.8f,
                new double[] {-0.1, 0.8, 0.115}, new double[] {0.1, 0.9, 0.115});
    }
}
