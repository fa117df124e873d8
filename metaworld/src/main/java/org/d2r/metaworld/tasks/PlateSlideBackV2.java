package org.d2r.metaworld.tasks;

import org.d2r.metaworld.EnvConfig;

/**
 * plate-slide-back-v2 (SawyerPlateSlideBackEnvV2): the plate starts inside the goal frame (slid
 * 15 cm forward); pull it back (-y) to the goal in front of the hand. The goal body stays at the
 * start.
 */
public final class PlateSlideBackV2 extends PlateSlideBase {
    public PlateSlideBackV2(EnvConfig cfg) {
        super("plate-slide-back-v2", "sawyer_plate_slide.xml", cfg,
                F32.of(0., 0.85, 0., -0.1, 0.6, 0.015), F32.of(0., 0.85, 0., 0.1, 0.6, 0.015),
                F32.of(0., 0.85, 0.), new double[] {0., 0.6, 0.015}, false, new double[] {0, 0.15}, Shape.BONUS);
    }
}
