package org.d2r.metaworld.tasks;

import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.RewardUtils;
import org.d2r.metaworld.RewardUtils.Sigmoid;

/**
 * stick-pull-v2 (SawyerStickPullEnvV2): pick up the stick, hook it into the thermos's handle and
 * pull the thermos (on x-y slide joints) until its insertion point is within 12 cm of the goal
 * with the stick's end still in the handle.
 *
 * <p>Kept from Meta-World: the caging reward is the base class's, so it measures from the
 * thermos's initial position (obj_init_pos), not the stick's; "grasped" in the info only asks for
 * open fingers and a stick 2 cm above the thermos's base (touching_object is tested as a method,
 * always true); the hand's lower y bound is 0.35 instead of 0.40.
 */
public final class StickPullV2 extends StickThermos {

    static final double STICK_TARGET_RADIUS = 0.05;
    private static final CagingReward.Params CAGING =
            new CagingReward.Params(0.014, 0.05, 0.01, 0.01, 1.0, true, false);

    private final int stickEndSite;

    public StickPullV2(EnvConfig cfg) {
        super("stick-pull-v2", cfg, false, 0.35, new double[] {0.2, 0.69, 0.0}, new double[] {0, 0.6, 0.02},
                new double[] {-0.1, 0.55, 0.000, 0.35, 0.45, 0.0199},
                new double[] {0., 0.65, 0.001, 0.45, 0.55, 0.0201});
        stickEndSite = siteId("stick_end");
    }

    @Override
    protected int objectPositions(double[] out) {
        bodyComInto(stickBody, out, 0);
        System.arraycopy(sitePos(insertionSite), 0, out, 3, 3);
        return 2;
    }

    @Override
    protected Evaluation evaluateState(double[] obs, double[] action) {
        return evaluate(obs, action, tcpCenter(), initTcp, leftPadY(), rightPadY(), targetPos,
                objInitPos, stickInitPos, sitePos(stickEndSite));
    }

    static boolean stickIsInserted(double[] handle, double[] endOfStick) {
        return endOfStick[0] >= handle[0] && Math.abs(endOfStick[1] - handle[1]) <= 0.040
                && Math.abs(endOfStick[2] - handle[2]) <= 0.060;
    }

    /** evaluate_state and compute_reward; {@code endOfStick} is the {@code stick_end} site. */
    static Evaluation evaluate(double[] obs, double[] action, double[] tcp, double[] initTcp, double leftPadY,
                               double rightPadY, double[] targetPos, double[] objInitPos, double[] stickInitPos,
                               double[] endOfStick) {
        double[] stick = {obs[4], obs[5], obs[6]};
        double[] handle = {obs[11], obs[12], obs[13]};
        double[] container = {handle[0] + 0.05, handle[1] + 0., handle[2] + 0.};
        double[] containerInit = {objInitPos[0] + 0.05, objInitPos[1] + 0., objInitPos[2] + 0.};
        double tcpOpened = obs[3];
        double tcpToStick = RewardUtils.dist(stick, tcp);
        double handleToTarget = RewardUtils.dist(handle, targetPos);

        // z counts double when measuring the stick against the thermos
        double stickToContainer = RewardUtils.norm(stick[0] - container[0], stick[1] - container[1],
                (stick[2] - container[2]) * 2.);
        double stickInPlaceMargin = RewardUtils.norm(stickInitPos[0] - containerInit[0],
                stickInitPos[1] - containerInit[1], (stickInitPos[2] - containerInit[2]) * 2.);
        double stickInPlace = RewardUtils.tolerance(stickToContainer, 0, STICK_TARGET_RADIUS, stickInPlaceMargin,
                Sigmoid.LONG_TAIL);

        double stickInPlace2 = RewardUtils.tolerance(RewardUtils.dist(stick, targetPos), 0, STICK_TARGET_RADIUS,
                RewardUtils.dist(stickInitPos, targetPos), Sigmoid.LONG_TAIL);
        double containerToTarget = RewardUtils.dist(container, targetPos);
        double containerInPlace = RewardUtils.tolerance(containerToTarget, 0, STICK_TARGET_RADIUS,
                RewardUtils.dist(objInitPos, targetPos), Sigmoid.LONG_TAIL);

        double objectGrasped = CagingReward.compute(action, stick, objInitPos, tcp, initTcp, leftPadY, rightPadY,
                CAGING);
        boolean graspSuccess = tcpToStick < 0.02 && tcpOpened > 0 && stick[2] - 0.01 > stickInitPos[2];
        if (graspSuccess) {
            objectGrasped = 1;
        }
        double inPlaceAndGrasped = RewardUtils.hamacherProduct(objectGrasped, stickInPlace);
        double reward = inPlaceAndGrasped;
        boolean inserted = stickIsInserted(handle, endOfStick);
        if (graspSuccess) {
            reward = 1. + inPlaceAndGrasped + 5. * stickInPlace;
            if (inserted) {
                reward = 1. + inPlaceAndGrasped + 5. + 2. * stickInPlace2 + 1. * containerInPlace;
                if (handleToTarget <= 0.12) {
                    reward = 10.;
                }
            }
        }
        boolean success = handleToTarget <= 0.12 && inserted;
        return GraspRewards.placeEvaluation(reward, success, handleToTarget, tcpToStick,
                tcpOpened > 0 && stick[2] - 0.02 > objInitPos[2] ? 1.0 : 0.0, objectGrasped, stickInPlace);
    }
}
