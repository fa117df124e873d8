package org.d2r.metaworld.tasks;

import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.RewardUtils;
import org.d2r.metaworld.RewardUtils.Sigmoid;
import org.d2r.metaworld.SawyerXYZEnv;
import org.d2r.metaworld.StepInfo;

/**
 * The handle-box family (handle-press, handle-pull and their sideways variants): a box with a
 * handle on a hinge, at the back of the table or turned sideways at its left. Press tasks start
 * with the handle up and press it down to {@code goalPress} (within 2 cm in z); pull tasks start
 * with it pressed down and pull it up to {@code goalPull}.
 *
 * <p>Kept from Meta-World: handle-pull keeps the box's sampled position (z about 0) as the initial
 * object position, so its in-place margin and "lifted" tests measure from the table top, while
 * handle-pull-side takes the handle centre after the reset; handle-pull measures the goal distance
 * in z only and succeeds within 5 cm, handle-pull-side measures it in 3-D and succeeds within
 * 8 cm (its in-place term still uses 5 cm).
 */
final class HandleBox extends SawyerXYZEnv {

    static final double PRESS_RADIUS = 0.02;
    private static final CagingReward.Params SIDE_CAGING = new CagingReward.Params(0.032, 0.06, 0.01, 0.01, 1.0, true, false);
    private static final CagingReward.Params CAGING = new CagingReward.Params(0.022, 0.05, 0.01, 0.01, 1.0, true, false);

    private final boolean side;
    private final boolean pull;
    private final int handleSite;
    private double[] handleInitPos = new double[3];

    /**
     * @param side the sideways box (scene {@code sawyer_handle_press_sideways.xml})
     * @param pull a pull task (handle starts pressed down) rather than a press task
     * @param handle the site observed as the object
     */
    HandleBox(String task, EnvConfig cfg, boolean side, boolean pull, String handle, double[] resetLow,
              double[] resetHigh) {
        super(task, side ? "sawyer_handle_press_sideways.xml" : "sawyer_handle_press.xml", cfg);
        this.side = side;
        this.pull = pull;
        handInitPos = new double[] {0, 0.6, 0.2};
        objInitPos = side ? new double[] {-0.3, 0.7, 0.0} : new double[] {0, 0.9, 0.0};
        targetPos = side ? new double[] {-0.2, 0.7, 0.14} : new double[] {0, 0.8, 0.14};
        setRandomResetSpace(resetLow, resetHigh);
        handleSite = siteId(handle);
        observeSite(handle);
        targetSite(null);
        observeZeroQuat();
    }

    @Override
    protected double[] resetModel() {
        resetHand();
        objInitPos = stateRandVec();
        setModelBodyPos("box", objInitPos);
        setObjJoint(9, pull ? -0.1 : -0.001);
        targetPos = sitePos(pull ? "goalPull" : "goalPress");
        // (Meta-World also computes maxDist and target_reward here; nothing reads them.)
        if (!pull) {
            handleInitPos = sitePos(handleSite);
        } else if (side) {
            objInitPos = sitePos(handleSite);
        }
        return getObs();
    }

    @Override
    protected Evaluation evaluateState(double[] obs, double[] action) {
        if (!pull) {
            return evaluatePress(sitePos(handleSite), tcpCenter(), targetPos, handleInitPos, initTcp);
        }
        double[] obj = {obs[4], obs[5], obs[6]};
        double caging = CagingReward.compute(action, obj, objInitPos, tcpCenter(), initTcp, leftPadY(), rightPadY(), side ? SIDE_CAGING : CAGING);
        return evaluatePull(side, obs, tcpCenter(), targetPos, objInitPos, caging);
    }

    /**
     * compute_reward and evaluate_state of handle-press-side and handle-press (the same code).
     *
     * @param handle the handle site of the current state (_get_pos_objects)
     */
    static Evaluation evaluatePress(double[] handle, double[] tcp, double[] target, double[] handleInit,
                                    double[] initTcp) {
        double targetToObj = Math.abs(handle[2] - target[2]);
        double targetToObjInit = Math.abs(handleInit[2] - target[2]);
        double inPlace = RewardUtils.tolerance(targetToObj, 0, PRESS_RADIUS,
                Math.abs(targetToObjInit - PRESS_RADIUS), Sigmoid.LONG_TAIL);

        double handleRadius = 0.02;
        double tcpToObj = RewardUtils.dist(handle, tcp);
        double tcpToObjInit = RewardUtils.dist(handleInit, initTcp);
        double reach = RewardUtils.tolerance(tcpToObj, 0, handleRadius, Math.abs(tcpToObjInit - handleRadius),
                Sigmoid.LONG_TAIL);

        double reward = RewardUtils.hamacherProduct(reach, inPlace);
        reward = targetToObj <= PRESS_RADIUS ? 1 : reward;
        reward *= 10;
        return GraspRewards.reachEvaluation(reward, targetToObj <= PRESS_RADIUS, tcpToObj <= 0.05, reach, inPlace,
                targetToObj);
    }

    /**
     * compute_reward and evaluate_state of handle-pull ({@code side} false) and handle-pull-side.
     *
     * @param caging the base class's high-density gripper caging reward for this step
     */
    static Evaluation evaluatePull(boolean side, double[] obs, double[] tcp, double[] target, double[] objInitPos,
                                   double caging) {
        double ox = obs[4], oy = obs[5], oz = obs[6];
        double targetToObj = side ? RewardUtils.norm(ox - target[0], oy - target[1], oz - target[2])
                : Math.abs(target[2] - oz);
        double targetToObjInit = side ? RewardUtils.dist(objInitPos, target) : Math.abs(target[2] - objInitPos[2]);
        double inPlace = RewardUtils.tolerance(targetToObj, 0, TARGET_RADIUS, targetToObjInit, Sigmoid.LONG_TAIL);

        double reward = RewardUtils.hamacherProduct(caging, inPlace);
        double tcpOpened = obs[3];
        double tcpToObj = RewardUtils.norm(ox - tcp[0], oy - tcp[1], oz - tcp[2]);
        if (tcpToObj < 0.035 && tcpOpened > 0 && oz - 0.01 > objInitPos[2]) {
            reward += 1. + 5. * inPlace;
        }
        if (targetToObj < TARGET_RADIUS) {
            reward = 10.;
        }
        return new Evaluation(reward, new StepInfo(
                targetToObj <= (side ? 0.08 : TARGET_RADIUS) ? 1.0 : 0.0,
                tcpToObj <= 0.05 ? 1.0 : 0.0,
                tcpOpened > 0 && oz - 0.03 > objInitPos[2] ? 1.0 : 0.0,
                caging,
                inPlace,
                targetToObj,
                reward));
    }
}
