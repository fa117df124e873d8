package org.d2r.metaworld.tasks;

import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.RewardUtils;
import org.d2r.metaworld.RewardUtils.Sigmoid;
import org.d2r.metaworld.SawyerXYZEnv;
import org.d2r.metaworld.StepInfo;

/**
 * bin-picking-v2 (SawyerBinPickingEnvV2): carry a cube from the left bin into the right one
 * (success within 5 cm of the right bin's origin).
 *
 * <p>Kept from Meta-World: the goal is the {@code bin_goal} body's position (the drawn goal is
 * never used), no goal site is moved, and the in-place margin is the cube-to-target distance at
 * the episode's first evaluated step (not at reset). The hand cannot go below z = 0.07.
 */
public final class BinPickingV2 extends SawyerXYZEnv {

    /** Meta-World's _gripper_caging_reward arguments in this task's compute_reward. */
    private static final CagingReward.Params CAGING =
            new CagingReward.Params(0.015, 0.05, 0.01, 0.01, 0.7, true, false);

    private final int objBody;
    /** Meta-World's _target_to_obj_init; NaN until the first step of an episode sets it. */
    private double targetToObjInit = Double.NaN;

    public BinPickingV2(EnvConfig cfg) {
        super("bin-picking-v2", "sawyer_bin_picking.xml", cfg, new double[] {-0.5, 0.40, 0.07});
        handInitPos = new double[] {0, 0.6, 0.2};
        objInitPos = new double[] {-0.12, 0.7, 0.02};
        targetPos = new double[] {0.12, 0.7, 0.02};
        setRandomResetSpace(new double[] {-0.21, 0.65, 0.02, 0.1199, 0.699, -0.001},
                new double[] {-0.03, 0.75, 0.02, 0.1201, 0.701, +0.001});
        objBody = bodyId("obj");
        observeBodyQuat("obj");
        targetSite(null);
    }

    @Override
    protected double[] resetModel() {
        resetHand();
        double objHeight = bodyCom(objBody)[2];
        double[] v = stateRandVec();
        objInitPos = new double[] {v[0], v[1], objHeight};
        setObjXyz(objInitPos);
        // get_body_com('bin_goal'): the bin is a fixed body, so its position never changes
        targetPos = bodyCom("bin_goal");
        targetToObjInit = Double.NaN;
        return getObs();
    }

    @Override
    protected Evaluation evaluateState(double[] obs, double[] action) {
        RewardInputs s = new RewardInputs(obs, action, tcpCenter(), initTcp, targetPos, objInitPos,
                leftPadY(), rightPadY(), false);
        if (Double.isNaN(targetToObjInit)) {
            targetToObjInit = RewardUtils.dist(s.obj(), targetPos);
        }
        return evaluate(s, targetToObjInit);
    }

    /**
     * @param targetToObjInitOrNaN the cube-to-target distance at the episode's first step, or NaN
     *     on that first step (the current distance is then used, as Meta-World sets it)
     */
    static Evaluation evaluate(RewardInputs s, double targetToObjInitOrNaN) {
        double[] obs = s.obs();
        double[] hand = {obs[0], obs[1], obs[2]};
        double[] obj = s.obj();
        double[] target = s.target();
        double[] init = s.objInitPos();
        double targetToObj = RewardUtils.dist(obj, target);
        double targetToObjInit = Double.isNaN(targetToObjInitOrNaN) ? targetToObj : targetToObjInitOrNaN;
        double inPlace = RewardUtils.tolerance(targetToObj, 0, TARGET_RADIUS, targetToObjInit, Sigmoid.LONG_TAIL);

        final double threshold = 0.03;
        // the floor is a pair of funnels, around the cube's initial position and around the target
        double r1 = CagingReward.norm2(hand[0] - init[0], hand[1] - init[1]);
        double r2 = CagingReward.norm2(hand[0] - target[0], hand[1] - target[1]);
        double floor = Math.min(r1 > threshold ? 0.02 * Math.log(r1 - threshold) + 0.2 : 0.0,
                r2 > threshold ? 0.02 * Math.log(r2 - threshold) + 0.2 : 0.0);
        double aboveFloor = hand[2] >= floor ? 1.0
                : RewardUtils.tolerance(Math.max(floor - hand[2], 0.0), 0.0, 0.01, 0.05, Sigmoid.LONG_TAIL);
        double objectGrasped = CagingReward.compute(s.action(), s.obj(), s.objInitPos(), s.tcp(), s.initTcp(),
                s.leftPadY(), s.rightPadY(), CAGING);
        double reward = RewardUtils.hamacherProduct(objectGrasped, inPlace);

        boolean nearObject = RewardUtils.dist(obj, hand) < 0.04;
        boolean pinchedWithoutObj = obs[3] < 0.43;
        boolean lifted = obj[2] - 0.02 > init[2];
        boolean graspSuccess = nearObject && lifted && !pinchedWithoutObj;
        if (graspSuccess) {
            reward += 1. + 5. * RewardUtils.hamacherProduct(aboveFloor, inPlace);
        }
        if (targetToObj < TARGET_RADIUS) {
            reward = 10.;
        }
        return new Evaluation(reward, new StepInfo(
                targetToObj <= 0.05 ? 1.0 : 0.0,
                nearObject ? 1.0 : 0.0,
                graspSuccess ? 1.0 : 0.0,
                objectGrasped,
                inPlace,
                targetToObj,
                reward));
    }
}
