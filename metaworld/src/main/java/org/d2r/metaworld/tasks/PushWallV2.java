package org.d2r.metaworld.tasks;

import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.RewardUtils;
import org.d2r.metaworld.RewardUtils.Sigmoid;
import org.d2r.metaworld.SawyerXYZEnv;
import org.d2r.metaworld.StepInfo;

/**
 * push-wall-v2 (SawyerPushWallEnvV2): push a puck around a wall to a goal behind it (success
 * within 7 cm). The in-place reward first leads to a waypoint beside the wall ({@code (-0.05, 0.77)},
 * x weighted 3x) and, once the puck is past y = 0.75, to the goal. Puck and goal both take the
 * puck's resting height after the hand reset.
 */
public final class PushWallV2 extends SawyerXYZEnv {

    /** Meta-World's _gripper_caging_reward arguments in this task's compute_reward. */
    private static final CagingReward.Params CAGING =
            new CagingReward.Params(0.015, 0.05, 0.01, 0.005, 1.0, true, false);

    private final int objGeom;

    public PushWallV2(EnvConfig cfg) {
        super("push-wall-v2", "sawyer_push_wall_v2.xml", cfg, new double[] {-0.5, 0.40, 0.05},
                new double[] {0.5, 1, 0.5}, null, null);
        handInitPos = new double[] {0, .6, .2};
        objInitPos = new double[] {0, 0.6, 0.02};
        targetPos = new double[] {0.05, 0.8, 0.015};
        setRandomResetSpace(new double[] {-0.05, 0.6, 0.015, -0.05, 0.85, 0.01},
                new double[] {0.05, 0.65, 0.015, 0.05, 0.9, 0.02});
        objGeom = geomId("objGeom");
    }

    @Override
    protected int objectPositions(double[] out) {
        System.arraycopy(geomXpos("objGeom"), 0, out, 0, 3);
        return 1;
    }

    @Override
    protected void objectQuaternions(double[] out) {
        geomQuatXyzw(objGeom, out, 0);
    }

    @Override
    protected double[] resetModel() {
        resetHand();
        // adjust_initObjPos: only its z (the puck geom's resting height) survives the draw
        double restZ = geomXpos("objGeom")[2];
        double[] v = stateRandVec();
        while (CagingReward.norm2(v[0] - v[3], v[1] - v[4]) < 0.15) {
            v = stateRandVec();
        }
        targetPos = new double[] {v[3], v[4], restZ};
        objInitPos = new double[] {v[0], v[1], restZ};
        setObjXyz(objInitPos);
        return getObs();
    }

    @Override
    protected Evaluation evaluateState(double[] obs, double[] action) {
        return evaluate(new RewardInputs(obs, action, tcpCenter(), initTcp, targetPos, objInitPos,
                bodyCom("leftpad")[1], bodyCom("rightpad")[1], touchingMainObject()));
    }

    static Evaluation evaluate(RewardInputs s) {
        final double targetRadius = 0.05;
        double[] obj = s.obj();
        double tcpOpened = s.tcpOpened();
        double[] target = s.target();
        double[] init = s.objInitPos();
        double[] midpoint = {-0.05, 0.77, obj[2]};

        double tcpToObj = RewardUtils.dist(obj, s.tcp());
        double objToMidpoint = GraspRewards.scaledDist(obj, midpoint, 3, 1, 1);
        double objToMidpointInit = GraspRewards.scaledDist(init, midpoint, 3, 1, 1);
        double objToTarget = RewardUtils.dist(obj, target);
        double objToTargetInit = RewardUtils.dist(init, target);

        double inPlacePart1 = RewardUtils.tolerance(objToMidpoint, 0, targetRadius, objToMidpointInit,
                Sigmoid.LONG_TAIL);
        double inPlacePart2 = RewardUtils.tolerance(objToTarget, 0, targetRadius, objToTargetInit,
                Sigmoid.LONG_TAIL);
        double objectGrasped = CagingReward.compute(s.action(), s.obj(), s.objInitPos(), s.tcp(), s.initTcp(),
                s.leftPadY(), s.rightPadY(), CAGING);
        double reward = 2 * objectGrasped;
        if (tcpToObj < 0.02 && tcpOpened > 0) {
            reward = 2 * objectGrasped + 1. + 4. * inPlacePart1;
            if (obj[1] > 0.75) {
                reward = 2 * objectGrasped + 1. + 4. + 3. * inPlacePart2;
            }
        }
        if (objToTarget < targetRadius) {
            reward = 10.;
        }
        double graspSuccess = s.touching() && tcpOpened > 0 && obj[2] - 0.02 > init[2] ? 1.0 : 0.0;
        return new Evaluation(reward, new StepInfo(
                objToTarget <= 0.07 ? 1.0 : 0.0,
                tcpToObj <= 0.03 ? 1.0 : 0.0,
                graspSuccess,
                objectGrasped,
                inPlacePart2,
                objToTarget,
                reward));
    }
}
