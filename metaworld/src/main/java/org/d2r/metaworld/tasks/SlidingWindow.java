package org.d2r.metaworld.tasks;

import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.RewardUtils;
import org.d2r.metaworld.RewardUtils.Sigmoid;
import org.d2r.metaworld.SawyerXYZEnv;

/**
 * The sliding-window tasks (window-open, window-close): slide the window 20 cm along x until the
 * handle's x is within 5 cm of the goal's.
 *
 * <p>Kept from Meta-World: the window is moved in the model and its slide joint written without a
 * forward, so the handle's "initial" position (the reach reward's margin) is read where the
 * previous reset placed the window (shifted by the 20 cm opening for window-close), and the first
 * observation still shows the window there. window-open measures its in-place margin from the
 * window's position, window-close from that handle position, and window-close's reach term is
 * Gaussian where window-open's has a long tail.
 */
final class SlidingWindow extends SawyerXYZEnv {

    private static final double HANDLE_RADIUS = 0.02;

    private final boolean open;
    private final int handleSite;
    private double[] windowHandlePosInit = new double[3];

    SlidingWindow(String task, EnvConfig cfg, boolean open, double objInitX, double[] resetLow,
                  double[] resetHigh) {
        super(task, "sawyer_window_horizontal.xml", cfg);
        this.open = open;
        handInitPos = F32.of(0, 0.4, 0.2);
        objInitPos = F32.of(objInitX, 0.785, 0.16);
        setRandomResetSpace(resetLow, resetHigh);
        handleSite = siteId(open ? "handleOpenStart" : "handleCloseStart");
        observeSite(open ? "handleOpenStart" : "handleCloseStart");
        observeZeroQuat();
    }

    @Override
    protected double[] resetModel() {
        resetHand();
        objInitPos = stateRandVec();
        targetPos = open ? new double[] {objInitPos[0] + .2, objInitPos[1], objInitPos[2]} : objInitPos.clone();
        setModelBodyPos("window", objInitPos);
        double[] h = sitePos(handleSite);
        windowHandlePosInit = open ? h : new double[] {h[0] + 0.2, h[1], h[2]};
        setJointQpos("window_slide", open ? 0.0 : 0.2);
        return getObs();
    }

    @Override
    protected Evaluation evaluateState(double[] obs, double[] action) {
        return evaluate(open, sitePos(handleSite), tcpCenter(), targetPos, open ? objInitPos : windowHandlePosInit,
                windowHandlePosInit, initTcp);
    }

    /**
     * evaluate_state and compute_reward, given the handle site {@code obj} read after the step.
     *
     * @param inPlaceFrom where the in-place margin is measured from (see the class comment)
     */
    static Evaluation evaluate(boolean open, double[] obj, double[] tcp, double[] targetPos, double[] inPlaceFrom,
                               double[] windowHandlePosInit, double[] initTcp) {
        double targetToObj = Math.abs(obj[0] - targetPos[0]);
        double targetToObjInit = Math.abs(inPlaceFrom[0] - targetPos[0]);
        double inPlace = RewardUtils.tolerance(targetToObj, 0, TARGET_RADIUS,
                Math.abs(targetToObjInit - TARGET_RADIUS), Sigmoid.LONG_TAIL);

        double tcpToObj = RewardUtils.dist(obj, tcp);
        double tcpToObjInit = RewardUtils.dist(windowHandlePosInit, initTcp);
        double reach = RewardUtils.tolerance(tcpToObj, 0, HANDLE_RADIUS,
                Math.abs(tcpToObjInit - HANDLE_RADIUS), open ? Sigmoid.LONG_TAIL : Sigmoid.GAUSSIAN);
        double objectGrasped = reach;

        double reward = 10 * RewardUtils.hamacherProduct(reach, inPlace);
        return GraspRewards.reachEvaluation(reward, targetToObj <= TARGET_RADIUS, tcpToObj <= 0.05, objectGrasped,
                inPlace, targetToObj);
    }
}
