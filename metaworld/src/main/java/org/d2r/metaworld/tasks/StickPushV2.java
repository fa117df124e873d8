package org.d2r.metaworld.tasks;

import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.RewardUtils;
import org.d2r.metaworld.RewardUtils.Sigmoid;
import org.d2r.metaworld.Rotations;
import org.d2r.metaworld.SawyerXYZEnv;
import org.d2r.metaworld.StepInfo;

/**
 * stick-push-v2 (SawyerStickPushEnvV2): pick up the stick and push the thermos (on x-y slide
 * joints) with it until the thermos's handle point is within 12 cm of the goal; the episode only
 * counts as a success while the stick is also held up.
 *
 * <p>Kept from Meta-World: the caging reward measures from the stick's initial position (this
 * task's own override), not the thermos's; "grasped" in the info only asks for open fingers and a
 * lifted stick (Meta-World tests the touching_object method itself, which is always true); the
 * thermos is reset through qpos[16:18] with only qvel[16] zeroed (numpy clips the slice at nv =
 * 17); the goal's z is the insertion site's before the stick and thermos are placed. The stick's
 * observed quaternion is scipy's (x, y, z, w) of its body rotation, read from the
 * {@code stick_end} site, which sits unrotated in the stick body.
 */
public final class StickPushV2 extends SawyerXYZEnv {

    static final double STICK_TARGET_RADIUS = 0.12;
    private static final CagingReward.Params CAGING =
            new CagingReward.Params(0.04, 0.05, 0.01, 0.01, 1.0, true, false);

    private final int stickBody, insertionSite, thermosBody;
    private double[] stickInitPos = {-0.1, 0.6, 0.02};

    public StickPushV2(EnvConfig cfg) {
        super("stick-push-v2", "sawyer_stick_obj.xml", cfg, new double[] {-0.5, 0.40, 0.05},
                new double[] {0.5, 1, 0.5}, null, null);
        handInitPos = new double[] {0, 0.6, 0.2};
        objInitPos = new double[] {0.2, 0.6, 0.0};
        // stick position, then goal
        setRandomResetSpace(new double[] {-0.08, 0.58, 0.000, 0.399, 0.55, 0.1319},
                new double[] {-0.03, 0.62, 0.001, 0.401, 0.6, 0.1321});
        stickBody = bodyId("stick");
        insertionSite = siteId("insertion");
        thermosBody = bodyId("object");
    }

    @Override
    protected int objectPositions(double[] out) {
        bodyComInto(stickBody, out, 0);
        double[] ins = sitePos(insertionSite);
        out[3] = ins[0] + .0;
        out[4] = ins[1] + .09;
        out[5] = ins[2] + .0;
        return 2;
    }

    @Override
    protected void objectQuaternions(double[] out) {
        stickQuatXyzw(siteXmat("stick_end"), out);
    }

    /** scipy Rotation.from_matrix(stick xmat).as_quat(), then the thermos's zero quaternion. */
    static void stickQuatXyzw(double[] stickXmat, double[] out) {
        Rotations.matrixToQuatXyzw(stickXmat, 0, out, 0);
        java.util.Arrays.fill(out, 4, 8, 0.0);
    }

    @Override
    protected double[] resetModel() {
        resetHand();
        double[] v = stateRandVecApart(0.1);
        stickInitPos = new double[] {v[0], v[1], 0.02};
        targetPos = new double[] {v[3], v[4], sitePos(insertionSite)[2]};
        setObjXyz(stickInitPos);
        setThermosSlides(0.0, 0.0);
        objInitPos = bodyCom(thermosBody);
        return getObs();
    }

    /** This task's _set_obj_xyz: the thermos's slides qpos[16:18]; qvel[16:18] is just qvel[16] (nv = 17). */
    private void setThermosSlides(double x, double y) {
        double[] q = qpos();
        double[] v = qvel();
        q[16] = x;
        q[17] = y;
        v[16] = 0;
        setState(q, v);
    }

    @Override
    protected Evaluation evaluateState(double[] obs, double[] action) {
        return evaluate(obs, action, tcpCenter(), initTcp, leftPadY(), rightPadY(), targetPos,
                objInitPos, stickInitPos);
    }

    /** evaluate_state and compute_reward. */
    static Evaluation evaluate(double[] obs, double[] action, double[] tcp, double[] initTcp, double leftPadY,
                               double rightPadY, double[] targetPos, double[] objInitPos, double[] stickInitPos) {
        double[] stick = {obs[4] + .015, obs[5] + .0, obs[6] + .0};
        double[] container = {obs[11], obs[12], obs[13]};
        double tcpOpened = obs[3];

        double tcpToStick = RewardUtils.dist(stick, tcp);
        double stickToTarget = RewardUtils.dist(stick, targetPos);
        double stickMargin = RewardUtils.dist(stickInitPos, targetPos) - STICK_TARGET_RADIUS;
        double stickInPlace = RewardUtils.tolerance(stickToTarget, 0, STICK_TARGET_RADIUS, stickMargin,
                Sigmoid.LONG_TAIL);
        double containerToTarget = RewardUtils.dist(container, targetPos);
        double containerMargin = RewardUtils.dist(objInitPos, targetPos) - STICK_TARGET_RADIUS;
        double containerInPlace = RewardUtils.tolerance(containerToTarget, 0, STICK_TARGET_RADIUS, containerMargin,
                Sigmoid.LONG_TAIL);

        double objectGrasped = CagingReward.compute(action, stick, stickInitPos, tcp, initTcp, leftPadY, rightPadY,
                CAGING);
        double reward = objectGrasped;
        if (tcpToStick < 0.02 && tcpOpened > 0 && stick[2] - 0.01 > stickInitPos[2]) {
            objectGrasped = 1;
            reward = 2. + 5. * stickInPlace + 3. * containerInPlace;
            if (containerToTarget <= STICK_TARGET_RADIUS) {
                reward = 10.;
            }
        }
        boolean success = containerToTarget <= 0.12;
        boolean graspSuccess = tcpOpened > 0 && obs[6] - 0.01 > stickInitPos[2];
        return new Evaluation(reward, new StepInfo(
                graspSuccess && success ? 1.0 : 0.0,
                tcpToStick <= 0.03 ? 1.0 : 0.0,
                graspSuccess ? 1.0 : 0.0,
                objectGrasped,
                stickInPlace,
                containerToTarget,
                reward));
    }
}
