package org.d2r.metaworld.tasks;

import org.d2r.metaworld.EnvConfig;

/**
 * plate-slide-back-side-v2 (SawyerPlateSlideBackSideEnvV2): the plate starts in the goal frame to the
 * left (slid 15 cm to -x); push it back (+x) to the goal. The goal body stays at the start.
 */
public final class PlateSlideBackSideV2 extends PlateSlideBase {
    public PlateSlideBackSideV2(EnvConfig cfg) {
        super("plate-slide-back-side-v2", "sawyer_plate_slide_sideway.xml", cfg,
                F32.of(-0.25, 0.6, 0., -0.05, 0.6, 0.015), F32.of(-0.25, 0.6, 0., 0.15, 0.6, 0.015),
                F32.of(-0.25, 0.6, 0.02), new double[] {0., 0.6, 0.015}, false, new double[] {-0.15, 0.}, Shape.BONUS);
    }
}
