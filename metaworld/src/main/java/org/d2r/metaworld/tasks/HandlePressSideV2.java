package org.d2r.metaworld.tasks;

import java.util.Arrays;
import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.RewardUtils;
import org.d2r.metaworld.RewardUtils.Sigmoid;
import org.d2r.metaworld.SawyerXYZEnv;
import org.d2r.metaworld.StepInfo;

/**
 * handle-press-side-v2 (SawyerHandlePressSideEnvV2): the handle box turned sideways at the left of
 * the table; press the handle down until its tip is within 2 cm (in z) of {@code goalPress}.
 */
public final class HandlePressSideV2 extends SawyerXYZEnv {

    static final double TARGET_RADIUS = 0.02;

    private final int handleSite;
    private double[] handleInitPos = new double[3];

    public HandlePressSideV2(EnvConfig cfg) {
        super("handle-press-side-v2", "sawyer_handle_press_sideways.xml", cfg, new double[] {-0.5, 0.40, 0.05},
                new double[] {0.5, 1, 0.5}, null, null);
        handInitPos = new double[] {0, 0.6, 0.2};
        objInitPos = new double[] {-0.3, 0.7, 0.0};
        targetPos = new double[] {-0.2, 0.7, 0.14};
        setRandomResetSpace(new double[] {-0.35, 0.65, -0.001}, new double[] {-0.25, 0.75, +0.001});
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
        handleInitPos = sitePos(handleSite);
        return getObs();
    }

    @Override
    protected Evaluation evaluateState(double[] obs, double[] action) {
        return evaluate(sitePos(handleSite), tcpCenter(), targetPos, handleInitPos, initTcp);
    }

    /**
     * compute_reward and evaluate_state of handle-press-side and handle-press (the same code).
     *
     * @param handle the handle site of the current state (_get_pos_objects)
     */
    static Evaluation evaluate(double[] handle, double[] tcp, double[] target, double[] handleInit,
                               double[] initTcp) {
        double targetToObj = Math.abs(handle[2] - target[2]);
        double targetToObjInit = Math.abs(handleInit[2] - target[2]);
        double inPlace = RewardUtils.tolerance(targetToObj, 0, TARGET_RADIUS,
                Math.abs(targetToObjInit - TARGET_RADIUS), Sigmoid.LONG_TAIL);

        double handleRadius = 0.02;
        double tcpToObj = RewardUtils.dist(handle, tcp);
        double tcpToObjInit = RewardUtils.dist(handleInit, initTcp);
        double reach = RewardUtils.tolerance(tcpToObj, 0, handleRadius, Math.abs(tcpToObjInit - handleRadius),
                Sigmoid.LONG_TAIL);

        double reward = RewardUtils.hamacherProduct(reach, inPlace);
        reward = targetToObj <= TARGET_RADIUS ? 1 : reward;
        reward *= 10;
        return new Evaluation(reward, new StepInfo(
                targetToObj <= TARGET_RADIUS ? 1.0 : 0.0,
                tcpToObj <= 0.05 ? 1.0 : 0.0,
                1.0,
                reach,
                inPlace,
                targetToObj,
                reward));
    }
}
