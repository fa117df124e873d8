package org.d2r.metaworld.tasks;

import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.RewardUtils;
import org.d2r.metaworld.SawyerXYZEnv;

/** push-v2 (SawyerPushEnvV2): push a puck along the table to within 5 cm of the goal. */
public final class PushV2 extends SawyerXYZEnv {

    private static final CagingReward.Params CAGING = new CagingReward.Params(0.015, 0.05, 0.01, 0.005, 1.0, true, false);

    private final int objBody;

    public PushV2(EnvConfig cfg) {
        super("push-v2", "sawyer_push_v2.xml", cfg);
        handInitPos = new double[] {0.0, 0.6, 0.2};
        objInitPos = new double[] {0.0, 0.6, 0.02};
        targetPos = new double[] {0.1, 0.8, 0.02};
        setRandomResetSpace(new double[] {-0.1, 0.6, 0.02, -0.1, 0.8, 0.01},
                new double[] {0.1, 0.7, 0.02, 0.1, 0.9, 0.02});
        objBody = bodyId("obj");
    }

    @Override
    protected double[] resetModel() {
        resetHand();
        // fix_extreme_obj_pos: x, y from the default, z where the puck rests after the hand reset
        double restZ = bodyCom(objBody)[2];
        double[] v = stateRandVecApart(0.15);
        // Both puck and goal keep the puck's resting height; the sampled z values are unused.
        targetPos = new double[] {v[3], v[4], restZ};
        objInitPos = new double[] {v[0], v[1], restZ};
        setObjXyz(objInitPos);
        return getObs();
    }

    @Override
    protected Evaluation evaluateState(double[] obs, double[] action) {
        double[] obj = {obs[4], obs[5], obs[6]};
        double tcpOpened = obs[3];
        double[] tcp = tcpCenter();
        double tcpToObj = RewardUtils.dist(obj, tcp);
        double targetToObj = RewardUtils.dist(obj, targetPos);
        double targetToObjInit = RewardUtils.dist(objInitPos, targetPos);

        double inPlace = RewardUtils.tolerance(targetToObj, 0, TARGET_RADIUS, targetToObjInit,
                RewardUtils.Sigmoid.LONG_TAIL);
        double objectGrasped = CagingReward.compute(action, obj, objInitPos, tcp, initTcp, leftPadY(), rightPadY(), CAGING);
        double reward = 2 * objectGrasped;
        if (tcpToObj < 0.02 && tcpOpened > 0) {
            reward += 1. + reward + 5. * inPlace;
        }
        if (targetToObj < TARGET_RADIUS) {
            reward = 10.;
        }
        double graspSuccess = touchingMainObject() && tcpOpened > 0 && obj[2] - 0.02 > objInitPos[2] ? 1.0 : 0.0;
        return GraspRewards.placeEvaluation(reward, targetToObj <= TARGET_RADIUS, targetToObj, tcpToObj, graspSuccess,
                objectGrasped, inPlace);
    }
}
