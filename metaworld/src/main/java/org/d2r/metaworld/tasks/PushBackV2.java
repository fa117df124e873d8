package org.d2r.metaworld.tasks;

import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.RewardUtils;
import org.d2r.metaworld.RewardUtils.Sigmoid;

/**
 * push-back-v2 (SawyerPushBackEnvV2): push a block from the back of the table towards the robot,
 * to within 7 cm of the goal.
 *
 * <p>Kept from Meta-World: its grasp_success tests {@code self.touching_object}, a method that is
 * never called and so always true: grasp success is "gripper open and block lifted 2 cm". Puck and
 * goal both take the block's resting height after the hand reset.
 */
public final class PushBackV2 extends ObjectTask {

    private static final double OBJ_RADIUS = 0.007;

    public PushBackV2(EnvConfig cfg) {
        super("push-back-v2", "sawyer_push_back_v2.xml", cfg, false, PushBackV2::evaluate);
        handInitPos = F32.of(0, 0.6, 0.2);
        objInitPos = new double[] {0, 0.8, 0.02};
        targetPos = new double[] {0., 0.6, 0.02};
        setRandomResetSpace(new double[] {-0.1, 0.8, 0.02, -0.1, 0.6, 0.0199},
                new double[] {0.1, 0.85, 0.02, 0.1, 0.7, 0.0201});
        observeGeom("objGeom");
    }

    @Override
    protected double[] resetModel() {
        resetHand();
        // adjust_initObjPos: only its z (the block geom's resting height) survives the draw
        double restZ = geomXpos("objGeom")[2];
        double[] v = stateRandVecApart(0.15);
        targetPos = new double[] {v[3], v[4], restZ};
        objInitPos = new double[] {v[0], v[1], restZ};
        setObjXyz(objInitPos);
        return getObs();
    }

    static Evaluation evaluate(RewardInputs s) {
        double[] obj = s.obj();
        double tcpOpened = s.tcpOpened();
        double tcpToObj = RewardUtils.dist(obj, s.tcp());
        double targetToObj = RewardUtils.dist(obj, s.target());
        double targetToObjInit = RewardUtils.dist(s.objInitPos(), s.target());
        double inPlace = RewardUtils.tolerance(targetToObj, 0, TARGET_RADIUS, targetToObjInit, Sigmoid.LONG_TAIL);
        double objectGrasped = GraspRewards.ownCaging(s, OBJ_RADIUS, 0.003, 0.01);
        double reward = RewardUtils.hamacherProduct(objectGrasped, inPlace);
        if (tcpToObj < 0.01 && 0 < tcpOpened && tcpOpened < 0.55 && targetToObjInit - targetToObj > 0.01) {
            reward += 1. + 5. * inPlace;
        }
        if (targetToObj < TARGET_RADIUS) {
            reward = 10.;
        }
        double graspSuccess = tcpOpened > 0 && obj[2] - 0.02 > s.objInitPos()[2] ? 1.0 : 0.0;
        return GraspRewards.placeEvaluation(reward, targetToObj, tcpToObj, graspSuccess, objectGrasped, inPlace);
    }
}
