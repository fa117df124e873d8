package org.d2r.metaworld.tasks;

import java.util.Arrays;
import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.RewardUtils;
import org.d2r.metaworld.RewardUtils.Sigmoid;
import org.d2r.metaworld.Rotations;
import org.d2r.metaworld.SawyerXYZEnv;

/**
 * The stick tasks on one scene: a stick on the table and a thermos on x-y slide joints, to be pushed
 * or pulled to the goal with the stick. One rand vector places the stick and the goal at least 10 cm
 * apart; the thermos starts at its slides' (0, 0) for stick-push and (0, 0.09) for stick-pull, and its
 * position then is the initial object position. stick-push-v2 (SawyerStickPushEnvV2): pick up the
 * stick and push the thermos with it until the thermos's handle point is within 12 cm of the goal;
 * the episode only counts as a success while the stick is also held up. stick-pull-v2
 * (SawyerStickPullEnvV2): pick up the stick, hook it into the thermos's handle and pull the thermos
 * until its insertion point is within 12 cm of the goal with the stick's end still in the handle.
 *
 * <p>Kept from Meta-World: the thermos is reset through qpos[16:18] with only qvel[16] zeroed
 * (numpy clips the slice at nv = 17); stick-push's goal z is the insertion site's before the stick
 * and thermos are placed. The stick's observed quaternion is scipy's (x, y, z, w) of its body
 * rotation, read from the {@code stick_end} site, which sits unrotated in the stick body; the
 * thermos's is zero. stick-push's caging reward measures from the stick's initial position (its own
 * override), stick-pull's (the base class's) from the thermos's; "grasped" in the info only asks for
 * open fingers and a lifted stick (stick-pull: 2 cm above the thermos's base; Meta-World tests the
 * touching_object method itself, which is always true); stick-pull's hand's lower y bound is 0.35
 * instead of 0.40.
 */
final class StickThermos extends SawyerXYZEnv {

    static final double PUSH_TARGET_RADIUS = 0.12;
    static final double PULL_TARGET_RADIUS = 0.05;
    private static final CagingReward.Params PUSH_CAGING =
            new CagingReward.Params(0.04, 0.05, 0.01, 0.01, 1.0, true, false);
    private static final CagingReward.Params PULL_CAGING =
            new CagingReward.Params(0.014, 0.05, 0.01, 0.01, 1.0, true, false);

    private final boolean push;
    private final int stickBody, insertionSite, thermosBody, stickEndSite;
    private double[] stickInitPos;

    StickThermos(String task, EnvConfig cfg, boolean push, double handLowY, double[] objInit, double[] stickInit,
                 double[] resetLow, double[] resetHigh) {
        super(task, "sawyer_stick_obj.xml", cfg, new double[] {-0.5, handLowY, 0.05});
        this.push = push;
        handInitPos = new double[] {0, 0.6, 0.2};
        objInitPos = objInit;
        stickInitPos = stickInit;
        // stick position, then goal
        setRandomResetSpace(resetLow, resetHigh);
        stickBody = bodyId("stick");
        insertionSite = siteId("insertion");
        thermosBody = bodyId("object");
        stickEndSite = siteId("stick_end");
    }

    @Override
    protected int objectPositions(double[] out) {
        bodyComInto(stickBody, out, 0);
        double[] ins = sitePos(insertionSite);
        if (push) {
            out[3] = ins[0] + .0;
            out[4] = ins[1] + .09;
            out[5] = ins[2] + .0;
        } else {
            System.arraycopy(ins, 0, out, 3, 3);
        }
        return 2;
    }

    @Override
    protected void objectQuaternions(double[] out) {
        Rotations.matrixToQuatXyzw(siteXmat("stick_end"), out);
        Arrays.fill(out, 4, 8, 0.0);
    }

    @Override
    protected double[] resetModel() {
        resetHand();
        double[] v = stateRandVecApart(0.1);
        stickInitPos = new double[] {v[0], v[1], 0.02};
        targetPos = new double[] {v[3], v[4], push ? sitePos(insertionSite)[2] : 0.02};
        setObjXyz(stickInitPos);
        double[] q = qpos();
        double[] qv = qvel();
        q[16] = 0.;
        q[17] = push ? 0. : 0.09;
        qv[16] = 0;
        setState(q, qv);
        objInitPos = bodyCom(thermosBody);
        return getObs();
    }

    @Override
    protected Evaluation evaluateState(double[] obs, double[] action) {
        if (push) {
            return evaluatePush(obs, action, tcpCenter(), initTcp, leftPadY(), rightPadY(), targetPos, objInitPos,
                    stickInitPos);
        }
        return evaluatePull(obs, action, tcpCenter(), initTcp, leftPadY(), rightPadY(), targetPos, objInitPos,
                stickInitPos, sitePos(stickEndSite));
    }

    /** stick-push's evaluate_state and compute_reward. */
    static Evaluation evaluatePush(double[] obs, double[] action, double[] tcp, double[] initTcp, double leftPadY,
                                   double rightPadY, double[] targetPos, double[] objInitPos, double[] stickInitPos) {
        double[] stick = {obs[4] + .015, obs[5] + .0, obs[6] + .0};
        double[] container = {obs[11], obs[12], obs[13]};
        double tcpOpened = obs[3];

        double tcpToStick = RewardUtils.dist(stick, tcp);
        double stickToTarget = RewardUtils.dist(stick, targetPos);
        double stickMargin = RewardUtils.dist(stickInitPos, targetPos) - PUSH_TARGET_RADIUS;
        double stickInPlace = RewardUtils.tolerance(stickToTarget, 0, PUSH_TARGET_RADIUS, stickMargin,
                Sigmoid.LONG_TAIL);
        double containerToTarget = RewardUtils.dist(container, targetPos);
        double containerMargin = RewardUtils.dist(objInitPos, targetPos) - PUSH_TARGET_RADIUS;
        double containerInPlace = RewardUtils.tolerance(containerToTarget, 0, PUSH_TARGET_RADIUS, containerMargin,
                Sigmoid.LONG_TAIL);

        double objectGrasped = CagingReward.compute(action, stick, stickInitPos, tcp, initTcp, leftPadY, rightPadY,
                PUSH_CAGING);
        double reward = objectGrasped;
        if (tcpToStick < 0.02 && tcpOpened > 0 && stick[2] - 0.01 > stickInitPos[2]) {
            objectGrasped = 1;
            reward = 2. + 5. * stickInPlace + 3. * containerInPlace;
            if (containerToTarget <= PUSH_TARGET_RADIUS) {
                reward = 10.;
            }
        }
        boolean success = containerToTarget <= 0.12;
        boolean graspSuccess = tcpOpened > 0 && obs[6] - 0.01 > stickInitPos[2];
        return GraspRewards.placeEvaluation(reward, graspSuccess && success, containerToTarget, tcpToStick,
                graspSuccess ? 1.0 : 0.0, objectGrasped, stickInPlace);
    }

    static boolean stickIsInserted(double[] handle, double[] endOfStick) {
        return endOfStick[0] >= handle[0] && Math.abs(endOfStick[1] - handle[1]) <= 0.040
                && Math.abs(endOfStick[2] - handle[2]) <= 0.060;
    }

    /** stick-pull's evaluate_state and compute_reward; {@code endOfStick} is the {@code stick_end} site. */
    static Evaluation evaluatePull(double[] obs, double[] action, double[] tcp, double[] initTcp, double leftPadY,
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
        double stickInPlace = RewardUtils.tolerance(stickToContainer, 0, PULL_TARGET_RADIUS, stickInPlaceMargin,
                Sigmoid.LONG_TAIL);

        double stickInPlace2 = RewardUtils.tolerance(RewardUtils.dist(stick, targetPos), 0, PULL_TARGET_RADIUS,
                RewardUtils.dist(stickInitPos, targetPos), Sigmoid.LONG_TAIL);
        double containerToTarget = RewardUtils.dist(container, targetPos);
        double containerInPlace = RewardUtils.tolerance(containerToTarget, 0, PULL_TARGET_RADIUS,
                RewardUtils.dist(objInitPos, targetPos), Sigmoid.LONG_TAIL);

        double objectGrasped = CagingReward.compute(action, stick, objInitPos, tcp, initTcp, leftPadY, rightPadY,
                PULL_CAGING);
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
