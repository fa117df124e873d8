package org.d2r.metaworld.tasks;

import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.RewardUtils;
import org.d2r.metaworld.RewardUtils.Sigmoid;
import org.d2r.metaworld.SawyerXYZEnv;
import org.d2r.metaworld.StepInfo;

/**
 * window-open-v2 (SawyerWindowOpenEnvV2): slide the window 20 cm in +x, until the handle's x is
 * within 5 cm of the goal's.
 *
 * <p>Kept from Meta-World: the window is moved in the model and its slide joint written without a
 * forward, so the handle's "initial" position (the reach reward's margin) and the first
 * observation still show the window where the previous reset placed it.
 */
public final class WindowOpenV2 extends SawyerXYZEnv {

    private static final double HANDLE_RADIUS = 0.02;

    private final int handleSite;
    private double[] windowHandlePosInit = new double[3];

    public WindowOpenV2(EnvConfig cfg) {
        super("window-open-v2", "sawyer_window_horizontal.xml", cfg, new double[] {-0.5, 0.40, 0.05},
                new double[] {0.5, 1, 0.5}, null, null);
        // Meta-World declares these as float32 arrays; the hand is driven to the float32 values.
        handInitPos = new double[] {0, (double) 0.4f, (double) 0.2f};
        objInitPos = new double[] {(double) -0.1f, (double) 0.785f, (double) 0.16f};
        setRandomResetSpace(new double[] {-0.1, 0.7, 0.16}, new double[] {0.1, 0.9, 0.16});
        handleSite = siteId("handleOpenStart");
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
        targetPos = new double[] {objInitPos[0] + .2, objInitPos[1], objInitPos[2]};
        setModelBodyPos("window", objInitPos);
        windowHandlePosInit = sitePos(handleSite);
        setJointQpos("window_slide", 0.0);
        return getObs();
    }

    @Override
    protected Evaluation evaluateState(double[] obs, double[] action) {
        return evaluate(sitePos(handleSite), tcpCenter(), targetPos, objInitPos, windowHandlePosInit, initTcp);
    }

    /** evaluate_state and compute_reward, given the handle site {@code obj} read after the step. */
    static Evaluation evaluate(double[] obj, double[] tcp, double[] targetPos, double[] objInitPos,
                               double[] windowHandlePosInit, double[] initTcp) {
        double targetToObj = Math.abs(obj[0] - targetPos[0]);
        double targetToObjInit = Math.abs(objInitPos[0] - targetPos[0]);
        double inPlace = RewardUtils.tolerance(targetToObj, 0, TARGET_RADIUS,
                Math.abs(targetToObjInit - TARGET_RADIUS), Sigmoid.LONG_TAIL);

        double tcpToObj = RewardUtils.dist(obj, tcp);
        double tcpToObjInit = RewardUtils.dist(windowHandlePosInit, initTcp);
        double reach = RewardUtils.tolerance(tcpToObj, 0, HANDLE_RADIUS,
                Math.abs(tcpToObjInit - HANDLE_RADIUS), Sigmoid.LONG_TAIL);
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
