package org.d2r.metaworld.tasks;

import org.d2r.metaworld.EnvConfig;

/**
 * plate-slide-side-v2 (SawyerPlateSlideSideEnvV2): push the plate sideways (-x) into the goal frame
 * 25 to 30 cm to the left. The goal body moves to the goal.
 */
public final class PlateSlideSideV2 extends PlateSlideBase {
    public PlateSlideSideV2(EnvConfig cfg) {
        super("plate-slide-side-v2", "sawyer_plate_slide_sideway.xml", cfg,
                F32.of(0., 0.6, 0., -0.3, 0.54, 0.), F32.of(0., 0.6, 0., -0.25, 0.66, 0.),
                F32.of(0., 0.6, 0.), new double[] {-0.25, 0.6, 0.015}, true, new double[] {0, 0}, Shape.BONUS);
    }
}
