package org.d2r.metaworld.tasks;

import java.util.function.Function;
import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.RewardUtils;
import org.d2r.metaworld.RewardUtils.Sigmoid;

/**
 * The sweep tasks (sweep, sweep-into): slide a block along the table to a goal (success within
 * 5 cm). Their rewards differ only in the target they measure against and in their own caging
 * term's margins.
 */
abstract class SweepTask extends ObjectTask {

    static final double OBJ_RADIUS = 0.02;

    SweepTask(String task, String scene, EnvConfig cfg, Function<RewardInputs, Evaluation> reward, double[] objInit,
              double[] goal, double[] resetLow, double[] resetHigh) {
        super(task, scene, cfg, true, reward);
        handInitPos = new double[] {0., .6, .2};
        objInitPos = objInit;
        targetPos = goal.clone();
        setRandomResetSpace(resetLow, resetHigh);
    }

    /** compute_reward and evaluate_state, given the task's target and caging term. */
    static Evaluation evaluate(RewardInputs s, double[] target, double objectGrasped) {
        final double targetRadius = 0.05;
        double[] obj = s.obj();
        double objToTarget = RewardUtils.dist(obj, target);
        double tcpToObj = RewardUtils.dist(obj, s.tcp());
        double inPlaceMargin = RewardUtils.dist(s.objInitPos(), target);
        double inPlace = RewardUtils.tolerance(objToTarget, 0, targetRadius, inPlaceMargin, Sigmoid.LONG_TAIL);
        double inPlaceAndGrasped = RewardUtils.hamacherProduct(objectGrasped, inPlace);
        double reward = 2 * objectGrasped + 6 * inPlaceAndGrasped;
        if (objToTarget < targetRadius) {
            reward = 10.;
        }
        return GraspRewards.placeEvaluation(reward, objToTarget <= 0.05, objToTarget, tcpToObj,
                s.touching() && s.tcpOpened() > 0 ? 1.0 : 0.0, objectGrasped, inPlace);
    }
}
