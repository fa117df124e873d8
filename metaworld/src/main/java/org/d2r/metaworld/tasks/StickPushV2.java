package org.d2r.metaworld.tasks;

import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.RewardUtils;
import org.d2r.metaworld.RewardUtils.Sigmoid;

/**
 * stick-push-v2 (SawyerStickPushEnvV2): pick up the stick and push the thermos (on x-y slide
 * joints) with it until the thermos's handle point is within 12 cm of the goal; the episode only
 * counts as a success while the stick is also held up.
 *
 * <p>Kept from Meta-World: the caging reward measures from the stick's initial position (this
 * task's own override), not the thermos's; "grasped" in the info only asks for open fingers and a
 * lifted stick (Meta-World tests the touching_object method itself, which is always true).
 */
public final class StickPushV2 extends StickThermos {

    static final double STICK_TARGET_RADIUS = 0.12;
    private static final CagingReward.Params CAGING =
            new CagingReward.Params(0.04, 0.05, 0.01, 0.01, 1.0, true, false);

    public StickPushV2(EnvConfig cfg) {
        super("stick-push-v2", cfg, true, 0.40, new double[] {0.2, 0.6, 0.0}, new double[] {-0.1, 0.6, 0.02},
                new double[] {-0.08, 0.58, 0.000, 0.399, 0.55, 0.1319},
                new double[] {-0.03, 0.62, 0.001, 0.401, 0.6, 0.1321});
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
        return GraspRewards.placeEvaluation(reward, graspSuccess && success, containerToTarget, tcpToStick,
                graspSuccess ? 1.0 : 0.0, objectGrasped, stickInPlace);
    }
}
