package org.d2r.metaworld.tasks;

import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.RewardUtils;
import org.d2r.metaworld.RewardUtils.Sigmoid;

/**
 * drawer-open-v2 (SawyerDrawerOpenEnvV2): pull the drawer out until its handle is within 3 cm
 * of the goal, 20 cm in front of the closed position.
 *
 * <p>Kept from Meta-World: the cabinet is moved in the model without a forward, so the first
 * observation of an episode still shows the handle where the previous episode's cabinet stood
 * (the first physics step corrects it).
 */
public final class DrawerOpenV2 extends Drawer {

    static final double MAX_DIST = 0.2;

    public DrawerOpenV2(EnvConfig cfg) {
        super("drawer-open-v2", cfg, false);
        observeBodyQuat("drawer_link");
    }

    @Override
    protected double[] resetModel() {
        resetHand();
        objInitPos = stateRandVec();
        setModelBodyPos("drawer", objInitPos);
        targetPos = new double[] {objInitPos[0], objInitPos[1] + (-0.16 - MAX_DIST), objInitPos[2] + 0.09};
        return getObs();
    }

    @Override
    protected Evaluation evaluateState(double[] obs, double[] action) {
        return evaluate(obs, targetPos, initTcp);
    }

    /** evaluate_state and compute_reward; the reward reads the hand from the observation. */
    static Evaluation evaluate(double[] obs, double[] targetPos, double[] initTcp) {
        double hx = obs[0], hy = obs[1], hz = obs[2];
        double ox = obs[4], oy = obs[5], oz = obs[6];

        double handleError = RewardUtils.norm(ox - targetPos[0], oy - targetPos[1], oz - targetPos[2]);
        double rewardForOpening = RewardUtils.tolerance(handleError, 0, 0.02, MAX_DIST, Sigmoid.LONG_TAIL);

        // The handle's closed position. x-y errors weigh 3x so that the hand first aligns above
        // the handle and only then drops onto it.
        double[] handleInit = {targetPos[0], targetPos[1] + MAX_DIST, targetPos[2]};
        double gripperError = RewardUtils.norm((ox - hx) * 3., (oy - hy) * 3., (oz - hz) * 1.);
        double gripperErrorInit = RewardUtils.norm((handleInit[0] - initTcp[0]) * 3.,
                (handleInit[1] - initTcp[1]) * 3., (handleInit[2] - initTcp[2]) * 1.);
        double rewardForCaging = RewardUtils.tolerance(gripperError, 0, 0.01, gripperErrorInit, Sigmoid.LONG_TAIL);

        double reward = (rewardForCaging + rewardForOpening) * 5.0;
        double handToHandle = RewardUtils.norm(ox - hx, oy - hy, oz - hz);
        return GraspRewards.pressEvaluation(reward, handleError <= 0.03, handToHandle <= 0.03, obs, rewardForCaging,
                rewardForOpening, handleError);
    }
}
