package org.d2r.metaworld.tasks;

import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.RewardUtils;
import org.d2r.metaworld.RewardUtils.Sigmoid;
import org.d2r.metaworld.SawyerXYZEnv;
import org.d2r.metaworld.StepInfo;

/**
 * window-close-v2 (SawyerWindowCloseEnvV2): the window starts open 20 cm; slide it back in -x
 * until the handle's x is within 5 cm of the goal's.
 *
 * <p>Kept from Meta-World: the window is moved in the model and its slide joint written without a
 * forward, so the handle's "initial" position (the reward margins) is read where the previous
 * reset placed the window, shifted by the 20 cm opening.
 */
public final class WindowCloseV2 extends SawyerXYZEnv {

    private static final double HANDLE_RADIUS = 0.02;

    private final int handleSite;
    private double[] windowHandlePosInit = new double[3];

    public WindowCloseV2(EnvConfig cfg) {
        super("window-close-v2", "sawyer_window_horizontal.xml", cfg, new double[] {-0.5, 0.40, 0.05},
                new double[] {0.5, 1, 0.5}, null, null);
        // Meta-World declares these as float32 arrays; the hand is driven to the float32 values.
        handInitPos = new double[] {0, (double) 0.4f, (double) 0.2f};
        objInitPos = new double[] {(double) 0.1f, (double) 0.785f, (double) 0.16f};
        setRandomResetSpace(new double[] {0., 0.75, 0.2}, new double[] {0., 0.9, 0.2});
        handleSite = siteId("handleCloseStart");
    }

    @Override
    protected int objectPositions(double[] out) {
        System.arraycopy(sitePos(handleSite), 0, out, 0, 3);
        return 1;
    }

    @Override
    protected void objectQuaternions(double[] out) {
        java.util.Arrays.fill(out, 0, 4, 0.0);
    }

    @Override
    protected double[] resetModel() {
        resetHand();
        objInitPos = stateRandVec();
        targetPos = objInitPos.clone();
        setModelBodyPos("window", objInitPos);
        double[] h = sitePos(handleSite);
        windowHandlePosInit = new double[] {h[0] + 0.2, h[1], h[2]};
        setJointQpos("window_slide", 0.2);
        return getObs();
    }

    @Override
    protected Evaluation evaluateState(double[] obs, double[] action) {
        return evaluate(sitePos(handleSite), tcpCenter(), targetPos, windowHandlePosInit, initTcp);
    }

    /** evaluate_state and compute_reward, given the handle site {@code obj} read after the step. */
    static Evaluation evaluate(double[] obj, double[] tcp, double[] targetPos, double[] windowHandlePosInit,
                               double[] initTcp) {
        double targetToObj = Math.abs(obj[0] - targetPos[0]);
        double targetToObjInit = Math.abs(windowHandlePosInit[0] - targetPos[0]);
        double inPlace = RewardUtils.tolerance(targetToObj, 0, TARGET_RADIUS,
                Math.abs(targetToObjInit - TARGET_RADIUS), Sigmoid.LONG_TAIL);

        double tcpToObj = RewardUtils.dist(obj, tcp);
        double tcpToObjInit = RewardUtils.dist(windowHandlePosInit, initTcp);
        double reach = RewardUtils.tolerance(tcpToObj, 0, HANDLE_RADIUS,
                Math.abs(tcpToObjInit - HANDLE_RADIUS), Sigmoid.GAUSSIAN);
        double objectGrasped = reach;

        double reward = 10 * RewardUtils.hamacherProduct(reach, inPlace);
        return new Evaluation(reward, new StepInfo(
                targetToObj <= TARGET_RADIUS ? 1.0 : 0.0,
                tcpToObj <= 0.05 ? 1.0 : 0.0,
                1.0,
                objectGrasped,
                inPlace,
                targetToObj,
                reward));
    }
}
