package org.d2r.metaworld.tasks;

import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.RewardUtils;
import org.d2r.metaworld.RewardUtils.Sigmoid;

/**
 * shelf-place-v2 (SawyerShelfPlaceEnvV2): pick a block and place it on a shelf whose position is
 * drawn each episode (success within 7 cm of the goal site on the shelf).
 *
 * <p>Kept from Meta-World: grasp_success tests {@code self.touching_object}, a method that is
 * never called and so always true. The in-place reward is cut while the block is low in front of
 * the shelf and zeroed when it is low behind the goal's y.
 */
public final class ShelfPlaceV2 extends ObjectTask {

    /** Meta-World's _gripper_caging_reward arguments in this task's compute_reward. */
    private static final CagingReward.Params CAGING =
            new CagingReward.Params(0.02, 0.05, 0.01, 0.01, 1.0, false, false);

    /** Meta-World's self.goal, a float32 array. */
    private static final double[] GOAL = F32.of(0., 0.85, 0.301);

    private final int objBody;

    public ShelfPlaceV2(EnvConfig cfg) {
        super("shelf-place-v2", "sawyer_shelf_placing.xml", cfg, false, ShelfPlaceV2::evaluate);
        handInitPos = F32.of(0, 0.6, 0.2);
        objInitPos = new double[] {0, 0.6, 0.02};
        targetPos = GOAL.clone();
        setRandomResetSpace(new double[] {-0.1, 0.5, 0.019, -0.1, 0.8, 0.299},
                new double[] {0.1, 0.6, 0.021, 0.1, 0.9, 0.301});
        objBody = bodyId("obj");
    }

    @Override
    protected double[] resetModel() {
        resetHand();
        // The default shelf placement, replaced below by the drawn one as in Meta-World.
        setModelBodyPos("shelf", new double[] {GOAL[0], GOAL[1], GOAL[2] - 0.3});
        // adjust_initObjPos: only its z (the block body's height after the hand reset) survives
        double objZ = bodyCom(objBody)[2];
        double[] v = stateRandVecApart(0.1);
        double[] shelf = {v[3], v[4], v[5] - 0.3};
        objInitPos = new double[] {v[0], v[1], objZ};
        setModelBodyPos("shelf", shelf);
        double[] site = modelSitePos("goal");
        targetPos = new double[] {site[0] + shelf[0], site[1] + shelf[1], site[2] + shelf[2]};
        setObjXyz(objInitPos);
        return getObs();
    }

    static Evaluation evaluate(RewardInputs s) {
        final double targetRadius = 0.05;
        double[] obj = s.obj();
        double tcpOpened = s.tcpOpened();
        double[] target = s.target();
        double[] init = s.objInitPos();
        double objToTarget = RewardUtils.dist(obj, target);
        double tcpToObj = RewardUtils.dist(obj, s.tcp());
        double inPlaceMargin = RewardUtils.dist(init, target);
        double inPlace = RewardUtils.tolerance(objToTarget, 0, targetRadius, inPlaceMargin, Sigmoid.LONG_TAIL);
        double objectGrasped = CagingReward.compute(s.action(), s.obj(), s.objInitPos(), s.tcp(), s.initTcp(),
                s.leftPadY(), s.rightPadY(), CAGING);
        double reward = RewardUtils.hamacherProduct(objectGrasped, inPlace);

        boolean low = 0.0 < obj[2] && obj[2] < 0.24;
        boolean besideX = target[0] - 0.15 < obj[0] && obj[0] < target[0] + 0.15;
        if (low && besideX && target[1] - 3 * targetRadius < obj[1] && obj[1] < target[1]) {
            double zScaling = (0.24 - obj[2]) / 0.24;
            double yScaling = (obj[1] - (target[1] - 3 * targetRadius)) / (3 * targetRadius);
            double boundLoss = RewardUtils.hamacherProduct(yScaling, zScaling);
            inPlace = Math.min(Math.max(inPlace - boundLoss, 0.0), 1.0);
        }
        if (low && besideX && obj[1] > target[1]) {
            inPlace = 0.0;
        }
        if (tcpToObj < 0.025 && tcpOpened > 0 && obj[2] - 0.01 > init[2]) {
            reward += 1. + 5. * inPlace;
        }
        if (objToTarget < targetRadius) {
            reward = 10.;
        }
        double graspSuccess = tcpOpened > 0 && obj[2] - 0.02 > init[2] ? 1.0 : 0.0;
        return GraspRewards.placeEvaluation(reward, objToTarget, tcpToObj, graspSuccess, objectGrasped, inPlace);
    }
}
