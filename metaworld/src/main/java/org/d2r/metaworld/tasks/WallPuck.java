package org.d2r.metaworld.tasks;

import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.RewardUtils;
import org.d2r.metaworld.RewardUtils.Sigmoid;

/**
 * The puck-behind-a-wall tasks (pick-place-wall, push-wall): bring a puck past a wall to a goal
 * behind it (success within 7 cm). The in-place reward first leads to a waypoint by the wall and,
 * once the puck is past y = 0.75, to the goal. pick-place-wall lifts the puck over the wall
 * (waypoint {@code (goal x, 0.77, 0.25)}, z weighted 3x; the goal is in the air); push-wall slides
 * it around (waypoint {@code (-0.05, 0.77)}, x weighted 3x), and puck and goal both take the puck's
 * resting height after the hand reset.
 */
final class WallPuck extends ObjectTask {

    /** Meta-World's _gripper_caging_reward arguments in the two tasks' compute_reward. */
    private static final CagingReward.Params PICK_CAGING =
            new CagingReward.Params(0.015, 0.05, 0.01, 0.005, 1.0, false, false);
    private static final CagingReward.Params PUSH_CAGING =
            new CagingReward.Params(0.015, 0.05, 0.01, 0.005, 1.0, true, false);

    private final boolean pick;

    WallPuck(String task, String scene, EnvConfig cfg, boolean pick, double[] target, double[] resetLow,
             double[] resetHigh) {
        super(task, scene, cfg, true, s -> evaluate(pick, s));
        this.pick = pick;
        handInitPos = new double[] {0, .6, .2};
        objInitPos = new double[] {0, 0.6, 0.02};
        targetPos = target;
        setRandomResetSpace(resetLow, resetHigh);
        observeGeom("objGeom");
    }

    @Override
    protected double[] resetModel() {
        resetHand();
        // pick-place-wall: Meta-World first computes an "adjusted" default position; the draw
        // replaces it. push-wall: only its z (the puck geom's resting height) survives the draw.
        double restZ = geomXpos("objGeom")[2];
        double[] v = stateRandVecApart(0.15);
        targetPos = new double[] {v[3], v[4], pick ? v[5] : restZ};
        objInitPos = new double[] {v[0], v[1], pick ? v[2] : restZ};
        setObjXyz(objInitPos);
        return getObs();
    }

    static Evaluation evaluate(boolean pick, RewardInputs s) {
        final double targetRadius = 0.05;
        double[] obj = s.obj();
        double tcpOpened = s.tcpOpened();
        double[] target = s.target();
        double[] init = s.objInitPos();
        double[] midpoint = pick ? new double[] {target[0], 0.77, 0.25} : new double[] {-0.05, 0.77, obj[2]};

        double tcpToObj = RewardUtils.dist(obj, s.tcp());
        double objToMidpoint = pick ? GraspRewards.scaledDist(obj, midpoint, 1, 1, 3)
                : GraspRewards.scaledDist(obj, midpoint, 3, 1, 1);
        double objToMidpointInit = pick ? GraspRewards.scaledDist(init, midpoint, 1, 1, 3)
                : GraspRewards.scaledDist(init, midpoint, 3, 1, 1);
        double objToTarget = RewardUtils.dist(obj, target);
        double objToTargetInit = RewardUtils.dist(init, target);

        double inPlacePart1 = RewardUtils.tolerance(objToMidpoint, 0, targetRadius, objToMidpointInit,
                Sigmoid.LONG_TAIL);
        double inPlacePart2 = RewardUtils.tolerance(objToTarget, 0, targetRadius, objToTargetInit,
                Sigmoid.LONG_TAIL);
        double objectGrasped = CagingReward.compute(s.action(), s.obj(), s.objInitPos(), s.tcp(), s.initTcp(),
                s.leftPadY(), s.rightPadY(), pick ? PICK_CAGING : PUSH_CAGING);
        // pick-place-wall's base is the grasp combined with the first leg, push-wall's the grasp alone
        double base = pick ? RewardUtils.hamacherProduct(objectGrasped, inPlacePart1) : 2 * objectGrasped;
        double reward = base;
        if (tcpToObj < 0.02 && tcpOpened > 0 && (!pick || obj[2] - 0.015 > init[2])) {
            reward = base + 1. + 4. * inPlacePart1;
            if (obj[1] > 0.75) {
                reward = base + 1. + 4. + 3. * inPlacePart2;
            }
        }
        if (objToTarget < targetRadius) {
            reward = 10.;
        }
        double graspSuccess = s.touching() && tcpOpened > 0 && obj[2] - 0.02 > init[2] ? 1.0 : 0.0;
        return GraspRewards.placeEvaluation(reward, objToTarget, tcpToObj, graspSuccess, objectGrasped, inPlacePart2);
    }
}
