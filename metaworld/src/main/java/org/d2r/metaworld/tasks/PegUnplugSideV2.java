package org.d2r.metaworld.tasks;

import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.RewardUtils;
import org.d2r.metaworld.RewardUtils.Sigmoid;
import org.d2r.metaworld.SawyerXYZEnv;

/**
 * peg-unplug-side-v2 (SawyerPegUnplugSideEnvV2): pull the plug out of the wall sideways (+x).
 * Success when the plug's {@code pegEnd} site is within 7 cm of a point 15 cm out from where
 * the plug was set.
 *
 * <p>Kept from Meta-World: the plug is set with its own _set_obj_xyz (position and identity
 * orientation, linear velocity zeroed, angular velocity kept); the initial object position is
 * the {@code pegEnd} site after that, while the target is measured from the plug body's set
 * position; the caging reward's gripper effort is normalised by 0.8.
 */
public final class PegUnplugSideV2 extends SawyerXYZEnv {

    private static final CagingReward.Params CAGING =
            new CagingReward.Params(0.025, 0.05, 0.01, 0.005, 0.8, true, false);

    private final int pegEndSite;

    public PegUnplugSideV2(EnvConfig cfg) {
        super("peg-unplug-side-v2", "sawyer_peg_unplug_side.xml", cfg);
        handInitPos = new double[] {0, 0.6, 0.2};
        objInitPos = new double[] {-0.225, 0.6, 0.05};
        // box (wall) position
        setRandomResetSpace(new double[] {-0.25, 0.6, -0.001}, new double[] {-0.15, 0.8, 0.001});
        pegEndSite = siteId("pegEnd");
        observeSite("pegEnd");
        observeBodyQuat("plug1");
    }

    @Override
    protected double[] resetModel() {
        resetHand();
        double[] box = stateRandVec();
        setModelBodyPos("box", box);
        double[] plug = {box[0] + .044, box[1] + .0, box[2] + .131};
        double[] q = qpos();
        double[] v = qvel();
        System.arraycopy(plug, 0, q, 9, 3);
        q[12] = 1.;
        q[13] = 0.;
        q[14] = 0.;
        q[15] = 0.;
        v[9] = 0;
        v[10] = 0;
        v[11] = 0;
        setState(q, v);
        objInitPos = sitePos(pegEndSite);
        targetPos = new double[] {plug[0] + .15, plug[1] + .0, plug[2] + .0};
        return getObs();
    }

    @Override
    protected Evaluation evaluateState(double[] obs, double[] action) {
        return evaluate(obs, action, tcpCenter(), initTcp, leftPadY(), rightPadY(), targetPos, objInitPos);
    }

    /** evaluate_state and compute_reward. */
    static Evaluation evaluate(double[] obs, double[] action, double[] tcp, double[] initTcp, double leftPadY,
                               double rightPadY, double[] targetPos, double[] objInitPos) {
        double[] obj = {obs[4], obs[5], obs[6]};
        double tcpOpened = obs[3];
        double tcpToObj = RewardUtils.dist(obj, tcp);
        double objToTarget = RewardUtils.dist(obj, targetPos);

        double objectGrasped = CagingReward.compute(action, obj, objInitPos, tcp, initTcp, leftPadY, rightPadY, CAGING);
        double inPlaceMargin = RewardUtils.dist(objInitPos, targetPos);
        double inPlace = RewardUtils.tolerance(objToTarget, 0, 0.05, inPlaceMargin, Sigmoid.LONG_TAIL);
        // "Grasped": fingers still fairly open and the plug already moved 1.5 cm out.
        boolean graspSuccess = tcpOpened > 0.5 && obj[0] - objInitPos[0] > 0.015;

        double reward = 2 * objectGrasped;
        if (graspSuccess && tcpToObj < 0.035) {
            reward = 1 + 2 * objectGrasped + 5 * inPlace;
        }
        if (objToTarget <= 0.05) {
            reward = 10.;
        }
        return GraspRewards.placeEvaluation(reward, objToTarget, tcpToObj, graspSuccess ? 1.0 : 0.0,
                objectGrasped, inPlace);
    }
}
