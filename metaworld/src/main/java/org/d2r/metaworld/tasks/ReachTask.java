package org.d2r.metaworld.tasks;

import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.RewardUtils;
import org.d2r.metaworld.RewardUtils.Sigmoid;
import org.d2r.metaworld.SawyerXYZEnv;
import org.d2r.metaworld.StepInfo;

/**
 * The reach tasks (reach, reach-wall): bring the tool centre within 5 cm of a goal in the air, at
 * least 15 cm (in x-y) from the puck; the puck only decorates the scene (its position is observed).
 * reach-v2's info reports the distance as {@code near_object} and {@code grasp_reward} and a grasp
 * success of 1; reach-wall-v2's reports zeros there.
 */
final class ReachTask extends SawyerXYZEnv {

    private final boolean wall;

    /** @param resetLow obj_low + goal_low (and resetHigh likewise) */
    ReachTask(String task, String scene, EnvConfig cfg, boolean wall, double[] target, double[] resetLow,
              double[] resetHigh) {
        super(task, scene, cfg);
        this.wall = wall;
        handInitPos = new double[] {0.0, 0.6, 0.2};
        objInitPos = new double[] {0.0, 0.6, 0.02};
        targetPos = target;
        setRandomResetSpace(resetLow, resetHigh);
    }

    @Override
    protected double[] resetModel() {
        resetHand();
        double[] v = stateRandVecApart(0.15);
        targetPos = new double[] {v[3], v[4], v[5]};
        objInitPos = new double[] {v[0], v[1], v[2]};
        setObjXyz(objInitPos);
        return getObs();
    }

    @Override
    protected Evaluation evaluateState(double[] obs, double[] action) {
        return evaluate(wall, tcpCenter(), targetPos, handInitPos);
    }

    static Evaluation evaluate(boolean wall, double[] tcp, double[] target, double[] handInitPos) {
        double tcpToTarget = RewardUtils.dist(tcp, target);
        double inPlaceMargin = RewardUtils.dist(handInitPos, target);
        double inPlace = RewardUtils.tolerance(tcpToTarget, 0, TARGET_RADIUS, inPlaceMargin, Sigmoid.LONG_TAIL);
        double reward = 10 * inPlace;
        double success = tcpToTarget <= 0.05 ? 1.0 : 0.0;
        return new Evaluation(reward, wall
                ? new StepInfo(success, 0.0, 0.0, 0.0, inPlace, tcpToTarget, reward)
                : new StepInfo(success, tcpToTarget, 1.0, tcpToTarget, inPlace, tcpToTarget, reward));
    }
}
