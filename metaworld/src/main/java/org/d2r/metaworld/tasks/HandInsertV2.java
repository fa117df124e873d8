package org.d2r.metaworld.tasks;

import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.RewardUtils;
import org.d2r.metaworld.RewardUtils.Sigmoid;
import org.d2r.metaworld.SawyerXYZEnv;

/**
 * hand-insert-v2 (SawyerHandInsertEnvV2): push the block into the hole in the table, to within
 * 5 cm of the goal 2 cm below the table top. Block and goal come from one rand vector, redrawn
 * until they are 15 cm apart in the table plane.
 *
 * <p>The reward is pick-place's shape with the shared gripper caging reward (high density) and a
 * larger bonus (1 + 7 in-place) while the hand is at the block with the fingers open at all.
 */
public final class HandInsertV2 extends SawyerXYZEnv {

    private static final CagingReward.Params CAGING = new CagingReward.Params(0.015, 0.05, 0.01, 0.005, 1.0, true, false);

    public HandInsertV2(EnvConfig cfg) {
        super("hand-insert-v2", "sawyer_table_with_hole.xml", cfg, new double[] {-0.5, 0.40, -0.15});
        handInitPos = F32.of(0, 0.6, 0.2);
        objInitPos = new double[] {0, 0.6, 0.05};
        targetPos = F32.of(0., 0.84, -0.08);
        setRandomResetSpace(F32.of(-0.1, 0.6, 0.05, -0.04, 0.8, -0.0201),
                F32.of(0.1, 0.7, 0.05, 0.04, 0.88, -0.0199));
        observeBodyQuat("obj");
    }

    @Override
    protected double[] resetModel() {
        resetHand();
        double[] v = stateRandVecApart(0.15);
        // the block keeps the z of the previous obj_init_pos, which is always the initial 0.05
        objInitPos = new double[] {v[0], v[1], objInitPos[2]};
        targetPos = new double[] {v[3], v[4], v[5]};
        setObjXyz(objInitPos);
        return getObs();
    }

    @Override
    protected Evaluation evaluateState(double[] obs, double[] action) {
        double[] obj = {obs[4], obs[5], obs[6]};
        double caging = CagingReward.compute(action, obj, objInitPos, tcpCenter(), initTcp, leftPadY(), rightPadY(),
                CAGING);
        return evaluate(obs, tcpCenter(), targetPos, objInitPos, caging, touchingMainObject());
    }

    /**
     * evaluate_state and compute_reward.
     *
     * @param caging the gripper caging reward of this step
     * @param touching whether both pads touch the block (touching_main_object)
     */
    static Evaluation evaluate(double[] obs, double[] tcp, double[] targetPos, double[] objInitPos, double caging,
                               boolean touching) {
        double[] obj = {obs[4], obs[5], obs[6]};
        double targetToObj = RewardUtils.dist(obj, targetPos);
        double targetToObjInit = RewardUtils.dist(objInitPos, targetPos);
        double inPlace = RewardUtils.tolerance(targetToObj, 0, TARGET_RADIUS, targetToObjInit, Sigmoid.LONG_TAIL);
        double objectGrasped = caging;
        double reward = RewardUtils.hamacherProduct(objectGrasped, inPlace);

        double tcpOpened = obs[3];
        double tcpToObj = RewardUtils.dist(obj, tcp);
        if (tcpToObj < 0.02 && tcpOpened > 0) {
            reward += 1. + 7. * inPlace;
        }
        if (targetToObj < TARGET_RADIUS) {
            reward = 10.;
        }
        boolean graspSuccess = touching && tcpOpened > 0 && obj[2] - 0.02 > objInitPos[2];
        return GraspRewards.placeEvaluation(reward, targetToObj <= 0.05, targetToObj, tcpToObj,
                graspSuccess ? 1.0 : 0.0, objectGrasped, inPlace);
    }
}
