package org.d2r.metaworld.tasks;

import org.d2r.metaworld.EnvConfig;

/**
 * plate-slide-v2 (SawyerPlateSlideEnvV2): the plate starts in front of the hand; push it
 * forward (+y) into the goal frame 25 to 30 cm away. The goal body moves to the goal.
 */
public final class PlateSlideV2 extends PlateSlideBase {
    public PlateSlideV2(EnvConfig cfg) {
        super("plate-slide-v2", "sawyer_plate_slide.xml", cfg,
                F32.of(0., 0.6, 0., -0.1, 0.85, 0.), F32.of(0., 0.6, 0., 0.1, 0.9, 0.),
                F32.of(0., 0.6, 0.), new double[] {0., 0.85, 0.02}, true, new double[] {0, 0}, Shape.FORWARD);
    }
}
