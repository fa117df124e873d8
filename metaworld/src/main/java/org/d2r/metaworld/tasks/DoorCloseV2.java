package org.d2r.metaworld.tasks;

import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.RewardUtils;
import org.d2r.metaworld.RewardUtils.Sigmoid;
import org.d2r.metaworld.StepInfo;

/**
 * door-close-v2 (SawyerDoorCloseEnvV2, a subclass of door-open's environment): the door starts
 * swung open by 90 degrees; push it shut until the handle is within 8 cm of the goal, which lies
 * 20 cm to +x and 20 cm to -y of the door's base.
 *
 * <p>Kept from Meta-World: the hand starts at x = -0.5 (float32 values); the goal site is placed
 * in the model once per reset and never re-written (the door scene's target site list is empty);
 * the reward's hand margin uses the hand's initial position, not the tool-centre point.
 */
public final class DoorCloseV2 extends DoorPull {

    private static final double DOOR_OPEN_ANGLE = -1.5708;

    public DoorCloseV2(EnvConfig cfg) {
        super("door-close-v2", cfg, DOOR_OPEN_ANGLE);
        handInitPos = F32.of(-0.5, 0.6, 0.2);
        objInitPos = F32.of(0.1, 0.95, 0.15);
        targetPos = new double[] {0.2, 0.8, 0.15};
        // door-open's reset space, inherited
        setRandomResetSpace(F32.of(0., 0.85, 0.15), F32.of(0.1, 0.95, 0.15));
    }

    @Override
    double[] goal(double[] door) {
        return new double[] {door[0] + 0.2, door[1] - 0.2, door[2] + 0.};
    }

    @Override
    protected Evaluation evaluateState(double[] obs, double[] action) {
        return evaluate(obs, tcpCenter(), targetPos, objInitPos, handInitPos);
    }

    /** evaluate_state and compute_reward. */
    static Evaluation evaluate(double[] obs, double[] tcp, double[] targetPos, double[] objInitPos,
                               double[] handInitPos) {
        final double targetRadius = 0.05;
        double[] obj = {obs[4], obs[5], obs[6]};
        double tcpToTarget = RewardUtils.dist(tcp, targetPos);
        double objToTarget = RewardUtils.dist(obj, targetPos);

        double inPlaceMargin = RewardUtils.dist(objInitPos, targetPos);
        double inPlace = RewardUtils.tolerance(objToTarget, 0, targetRadius, inPlaceMargin, Sigmoid.GAUSSIAN);

        double handMargin = RewardUtils.dist(handInitPos, obj) + 0.1;
        double handInPlace = RewardUtils.tolerance(tcpToTarget, 0, 0.25 * targetRadius, handMargin,
                Sigmoid.GAUSSIAN);

        double reward = 3 * handInPlace + 6 * inPlace;
        if (objToTarget < targetRadius) {
            reward = 10;
        }
        return new Evaluation(reward, new StepInfo(
                objToTarget <= 0.08 ? 1.0 : 0.0,
                0.,
                1.,
                1.,
                handInPlace,
                objToTarget,
                reward));
    }
}
