package org.d2r.metaworld.tasks;

import java.util.Arrays;
import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.SawyerXYZEnv;

/**
 * handle-press-v2 (SawyerHandlePressEnvV2): press the handle of the box at the back of the table
 * down until its tip is within 2 cm (in z) of {@code goalPress}. The reward is
 * handle-press-side-v2's, line for line.
 */
public final class HandlePressV2 extends SawyerXYZEnv {

    private final int handleSite;
    private double[] handleInitPos = new double[3];

    public HandlePressV2(EnvConfig cfg) {
        super("handle-press-v2", "sawyer_handle_press.xml", cfg, new double[] {-0.5, 0.40, 0.05},
                new double[] {0.5, 1, 0.5}, null, null);
        handInitPos = new double[] {0, 0.6, 0.2};
        objInitPos = new double[] {0, 0.9, 0.0};
        targetPos = new double[] {0, 0.8, 0.14};
        setRandomResetSpace(new double[] {-0.1, 0.8, -0.001}, new double[] {0.1, 0.9, +0.001});
        handleSite = siteId("handleStart");
    }

    @Override
    protected int objectPositions(double[] out) {
        System.arraycopy(sitePos(handleSite), 0, out, 0, 3);
        return 1;
    }

    @Override
    protected void objectQuaternions(double[] out) {
        Arrays.fill(out, 0, 4, 0.0);
    }

    /** Meta-World's _target_site_config is empty for this task. */
    @Override
    protected void setTargetSites() {
    }

    @Override
    protected double[] resetModel() {
        resetHand();
        objInitPos = stateRandVec();
        setModelBodyPos("box", objInitPos);
        double[] q = qpos();
        double[] v = qvel();
        q[9] = -0.001;  // _set_obj_xyz: the handle's joint, its velocity zeroed, then forward
        v[9] = 0;
        setState(q, v);
        targetPos = sitePos("goalPress");
        // (Meta-World also computes maxDist and target_reward here; nothing reads them.)
        handleInitPos = sitePos(handleSite);
        return getObs();
    }

    @Override
    protected Evaluation evaluateState(double[] obs, double[] action) {
        return HandlePressSideV2.evaluate(sitePos(handleSite), tcpCenter(), targetPos, handleInitPos, initTcp);
    }
}
