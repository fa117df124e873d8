package org.d2r.metaworld.tasks;

import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.RewardUtils;
import org.d2r.metaworld.SawyerXYZEnv;

/**
 * pick-place-v2 (SawyerPickPlaceEnvV2): grasp a puck and carry it to a goal in the air (success
 * within 7 cm).
 *
 * <p>Meta-World stores {@code init_left_pad / init_right_pad} as mujoco_py views into
 * {@code data.xpos}, so the "initial" pad positions in its caging reward are in fact the current
 * ones. This class reproduces that: the caging margins use the pads' current y.
 */
public final class PickPlaceV2 extends SawyerXYZEnv {

    public PickPlaceV2(EnvConfig cfg) {
        super("pick-place-v2", "sawyer_pick_place_v2.xml", cfg);
        handInitPos = new double[] {0.0, 0.6, 0.2};
        objInitPos = new double[] {0.0, 0.6, 0.02};
        targetPos = new double[] {0.1, 0.8, 0.2};
        setRandomResetSpace(new double[] {-0.1, 0.6, 0.02, -0.1, 0.8, 0.05},
                new double[] {0.1, 0.7, 0.02, 0.1, 0.9, 0.3});
    }

    @Override
    protected double[] resetModel() {
        resetHand();
        double[] v = stateRandVecApart(0.15);
        targetPos = new double[] {v[3], v[4], v[5]};
        objInitPos = new double[] {v[0], v[1], v[2]};
        initTcp = tcpCenter();
        setObjXyz(objInitPos);
        return getObs();
    }

    /** pick-place's own caging reward (it overrides Meta-World's shared one). */
    private double cagingReward(double[] action, double[] obj) {
        final double padSuccessMargin = 0.05;
        final double xzSuccessMargin = 0.005;
        final double objRadius = 0.015;
        double[] tcp = tcpCenter();
        double leftPadY = leftPadY();
        double rightPadY = rightPadY();
        double deltaLeft = leftPadY - obj[1];
        double deltaRight = obj[1] - rightPadY;
        double rightMargin = Math.abs(Math.abs(obj[1] - rightPadY) - padSuccessMargin);
        double leftMargin = Math.abs(Math.abs(obj[1] - leftPadY) - padSuccessMargin);
        double rightCaging = RewardUtils.tolerance(deltaRight, objRadius, padSuccessMargin, rightMargin,
                RewardUtils.Sigmoid.LONG_TAIL);
        double leftCaging = RewardUtils.tolerance(deltaLeft, objRadius, padSuccessMargin, leftMargin,
                RewardUtils.Sigmoid.LONG_TAIL);
        double yCaging = RewardUtils.hamacherProduct(leftCaging, rightCaging);

        double tcpObjXz = Math.hypot(tcp[0] - obj[0], tcp[2] - obj[2]);
        double xzMargin = Math.hypot(objInitPos[0] - initTcp[0], objInitPos[2] - initTcp[2]) - xzSuccessMargin;
        double xzCaging = RewardUtils.tolerance(tcpObjXz, 0, xzSuccessMargin, xzMargin, RewardUtils.Sigmoid.LONG_TAIL);

        double gripperClosed = Math.min(Math.max(0, action[3]), 1);
        double caging = RewardUtils.hamacherProduct(yCaging, xzCaging);
        double gripping = caging > 0.97 ? gripperClosed : 0.0;
        double cagingAndGripping = RewardUtils.hamacherProduct(caging, gripping);
        return (cagingAndGripping + caging) / 2;
    }

    @Override
    protected Evaluation evaluateState(double[] obs, double[] action) {
        double[] obj = {obs[4], obs[5], obs[6]};
        double tcpOpened = obs[3];
        double[] tcp = tcpCenter();
        double objToTarget = RewardUtils.dist(obj, targetPos);
        double tcpToObj = RewardUtils.dist(obj, tcp);
        double inPlaceMargin = RewardUtils.dist(objInitPos, targetPos);
        double inPlace = RewardUtils.tolerance(objToTarget, 0, TARGET_RADIUS, inPlaceMargin,
                RewardUtils.Sigmoid.LONG_TAIL);
        double objectGrasped = cagingReward(action, obj);
        double reward = RewardUtils.hamacherProduct(objectGrasped, inPlace);
        if (tcpToObj < 0.02 && tcpOpened > 0 && obj[2] - 0.01 > objInitPos[2]) {
            reward += 1. + 5. * inPlace;
        }
        if (objToTarget < TARGET_RADIUS) {
            reward = 10.;
        }
        double graspSuccess = touchingMainObject() && tcpOpened > 0 && obj[2] - 0.02 > objInitPos[2] ? 1.0 : 0.0;
        return GraspRewards.placeEvaluation(reward, objToTarget, tcpToObj, graspSuccess, objectGrasped, inPlace);
    }
}
