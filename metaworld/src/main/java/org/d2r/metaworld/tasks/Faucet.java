package org.d2r.metaworld.tasks;

import org.d2r.metaworld.RewardUtils;
import org.d2r.metaworld.RewardUtils.Sigmoid;
import org.d2r.metaworld.SawyerXYZEnv.Evaluation;
import org.d2r.metaworld.StepInfo;

/**
 * What faucet-open and faucet-close share: the goal one handle length to the side of the base,
 * and the reward (reach the handle, then bring it within 7 cm of the goal).
 *
 * @param handleSite the observed site ({@code handleStartOpen} or {@code handleStartClose})
 * @param side +1 (open, to +x) or -1 (close, to -x)
 * @param rewardOffset added to the observed handle in the reward (faucet-open), or null (faucet-close)
 */
record Faucet(int handleSite, String goalSite, String otherGoalSite, int side, double[] rewardOffset) {

    static final double HANDLE_LENGTH = 0.175;
    static final double TARGET_RADIUS = 0.07;
    static final double REACH_RADIUS = 0.01;
    static final double[] FAR_AWAY = {10., 10., 10.};

    double[] target(double[] base) {
        return new double[] {base[0] + side * HANDLE_LENGTH, base[1] + .0, base[2] + .125};
    }

    /** evaluate_state and compute_reward. */
    Evaluation evaluate(double[] obs, double[] tcp, double[] targetPos, double[] objInitPos, double[] initTcp) {
        double[] obj = {obs[4], obs[5], obs[6]};
        if (rewardOffset != null) {
            for (int i = 0; i < 3; i++) {
                obj[i] += rewardOffset[i];
            }
        }
        double targetToObj = RewardUtils.dist(obj, targetPos);
        double targetToObjInit = RewardUtils.dist(objInitPos, targetPos);
        double inPlace = RewardUtils.tolerance(targetToObj, 0, TARGET_RADIUS,
                Math.abs(targetToObjInit - TARGET_RADIUS), Sigmoid.LONG_TAIL);

        double tcpToObj = RewardUtils.dist(obj, tcp);
        double tcpToObjInit = RewardUtils.dist(objInitPos, initTcp);
        double reach = RewardUtils.tolerance(tcpToObj, 0, REACH_RADIUS, Math.abs(tcpToObjInit - REACH_RADIUS),
                Sigmoid.GAUSSIAN);

        double reward = 2 * reach + 3 * inPlace;
        reward *= 2;
        if (targetToObj <= TARGET_RADIUS) {
            reward = 10;
        }
        return new Evaluation(reward, new StepInfo(
                targetToObj <= 0.07 ? 1.0 : 0.0,
                tcpToObj <= 0.01 ? 1.0 : 0.0,
                1.,
                reach,
                inPlace,
                targetToObj,
                reward));
    }
}
