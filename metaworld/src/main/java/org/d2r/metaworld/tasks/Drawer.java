package org.d2r.metaworld.tasks;

import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.SawyerXYZEnv;

/**
 * The drawer tasks (drawer-open, drawer-close) on one scene: the cabinet is placed from the rand
 * vector and the observed object is the handle, 16 cm in front of the drawer link (drawer-close
 * observes it 5 cm higher).
 */
abstract class Drawer extends SawyerXYZEnv {

    private final boolean close;
    private final int drawerLink;

    Drawer(String task, EnvConfig cfg, boolean close) {
        super(task, "sawyer_drawer.xml", cfg);
        this.close = close;
        handInitPos = F32.of(0, 0.6, 0.2);
        objInitPos = F32.of(0., 0.9, 0.0);
        setRandomResetSpace(new double[] {-0.1, 0.9, 0.0}, new double[] {0.1, 0.9, 0.0});
        drawerLink = bodyId("drawer_link");
    }

    @Override
    protected int objectPositions(double[] out) {
        bodyComInto(drawerLink, out, 0);
        out[1] -= 0.16;
        if (close) {
            out[2] += 0.05;
        }
        return 1;
    }
}
