package org.d2r.metaworld.tasks;

import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.RewardUtils;
import org.d2r.metaworld.RewardUtils.Sigmoid;

/**
 * pick-out-of-hole-v2 (SawyerPickOutOfHoleEnvV2): lift a puck out of a hole in the table to a
 * goal in the air (success within 7 cm).
 *
 * <p>Kept from Meta-World: the class declares a 0.02 target radius that only the in-place bounds
 * use; the success override ({@code reward = 10}) uses the base class's 0.05. The goal site is
 * re-written to the object's initial position, not to the goal, after every step. The hand may go
 * down to z = -0.05 (into the hole).
 */
public final class PickOutOfHoleV2 extends ObjectTask {

    /** Meta-World's _gripper_caging_reward arguments in this task's compute_reward. */
    private static final CagingReward.Params CAGING =
            new CagingReward.Params(0.015, 0.02, 0.01, 0.03, 0.1, true, false);

    public PickOutOfHoleV2(EnvConfig cfg) {
        super("pick-out-of-hole-v2", "sawyer_pick_out_of_hole.xml", cfg, -0.05, false, PickOutOfHoleV2::evaluate);
        handInitPos = new double[] {0., .6, .2};
        objInitPos = new double[] {0, 0.6, 0.0};
        targetPos = new double[] {0., 0.6, 0.2};
        setRandomResetSpace(new double[] {0, 0.75, 0.02, -0.1, 0.5, 0.15},
                new double[] {0, 0.75, 0.02, 0.1, 0.6, 0.3});
        observeBodyQuat("obj");
    }

    @Override
    protected void setTargetSites() {
        // _target_site_config: ('goal', obj_init_pos)
        setSitePos(siteId("goal"), objInitPos);
    }

    @Override
    protected double[] resetModel() {
        resetHand();
        double[] v = stateRandVecApart(0.15);
        objInitPos = new double[] {v[0], v[1], v[2]};
        setObjXyz(objInitPos);
        targetPos = new double[] {v[3], v[4], v[5]};
        return getObs();
    }

    static Evaluation evaluate(RewardInputs s) {
        double[] obj = s.obj();
        double[] gripper = s.tcp();
        double[] init = s.objInitPos();
        double objToTarget = RewardUtils.dist(obj, s.target());
        double tcpToObj = RewardUtils.dist(obj, gripper);
        double inPlaceMargin = RewardUtils.dist(init, s.target());

        final double threshold = 0.03;
        // the floor is a funnel around the object's initial position
        double radius = CagingReward.norm2(gripper[0] - init[0], gripper[1] - init[1]);
        double floor = radius <= threshold ? 0.0 : 0.015 * Math.log(radius - threshold) + 0.15;
        double aboveFloor = gripper[2] >= floor ? 1.0
                : RewardUtils.tolerance(Math.max(floor - gripper[2], 0.0), 0.0, 0.01, 0.02, Sigmoid.LONG_TAIL);
        double objectGrasped = CagingReward.compute(s.action(), s.obj(), s.objInitPos(), s.tcp(), s.initTcp(),
                s.leftPadY(), s.rightPadY(), CAGING);
        double inPlace = RewardUtils.tolerance(objToTarget, 0, 0.02, inPlaceMargin, Sigmoid.LONG_TAIL);
        double reward = RewardUtils.hamacherProduct(objectGrasped, inPlace);

        boolean nearObject = tcpToObj < 0.04;
        boolean pinchedWithoutObj = s.obs()[3] < 0.33;
        boolean lifted = obj[2] - 0.02 > init[2];
        boolean graspSuccess = nearObject && lifted && !pinchedWithoutObj;
        if (graspSuccess) {
            reward += 1. + 5. * RewardUtils.hamacherProduct(inPlace, aboveFloor);
        }
        if (objToTarget < TARGET_RADIUS) {
            reward = 10.;
        }
        return GraspRewards.placeEvaluation(reward, objToTarget, tcpToObj, graspSuccess ? 1.0 : 0.0,
                objectGrasped, inPlace);
    }
}
