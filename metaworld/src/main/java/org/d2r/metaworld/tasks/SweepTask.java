package org.d2r.metaworld.tasks;

import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.RewardUtils;
import org.d2r.metaworld.RewardUtils.Sigmoid;

/**
 * The sweep tasks: slide a block along the table to a goal (success within 5 cm). Their rewards
 * differ only in the target they measure against and in their own caging term's margins. sweep-v2
 * (SawyerSweepEnvV2): sweep the block off the table's right edge, to the goal
 * {@code (0.5, block y, 0.01)} beside the table; only the block's position is drawn and the goal
 * takes its y. sweep-into-v2 (SawyerSweepIntoGoalEnvV2): sweep the block into a hole in the table
 * (success within 5 cm of the hole in x-y).
 *
 * <p>Kept from Meta-World: sweep-into draws only the block's position; the goal stays at
 * {@code (0, 0.84, 0.02)} (the drawn goal is never used, and the 15 cm separation test compares
 * the block with that default goal). Its reward's target takes the block's current height.
 *
 * <p>Scripted oracle: sweep-into 0.87 of 500 Rand episodes of 200 steps (seed 0), below the paper's 90%.
 * Every failure starts with the block 2.5 to 7.5 cm from the hand: the policy closes the fingers
 * (effort 0.7 once within 4 cm in x-y and 15 cm in z of the block, which rests at z = 0.07 on this
 * raised table) while the hand comes straight down from its start, the closed fingers land on the
 * 10 g block and press it about 3 cm into the table top, so the hand never gets within the 4 cm of
 * it that the sweep phase needs and instead drags it towards the robot. Meta-World's own test asks
 * 0.98 of this policy, a figure measured when the hand reset was 10 steps (it became 50 in
 * Meta-World's c9791966); with a 10-step hand reset this port gives 0.96.
 */
final class SweepTask extends ObjectTask {

    static final double OBJ_RADIUS = 0.02;
    private static final double OBJ_INIT_Z = 0.02;
    private static final double[] SWEEP_GOAL = {0.5, 0.65, 0.01};
    private static final double[] INTO_GOAL = {0., 0.84, 0.02};

    private final boolean into;
    private final int objBody;

    SweepTask(String task, EnvConfig cfg, boolean into) {
        super(task, into ? "sawyer_table_with_hole.xml" : "sawyer_sweep_v2.xml", cfg, true,
                into ? SweepTask::evaluateInto : SweepTask::evaluateSweep);
        this.into = into;
        handInitPos = new double[] {0., .6, .2};
        objInitPos = new double[] {0., 0.6, OBJ_INIT_Z};
        targetPos = (into ? INTO_GOAL : SWEEP_GOAL).clone();
        if (into) {
            setRandomResetSpace(new double[] {-0.1, 0.6, 0.02, -.001, 0.8399, 0.0199},
                    new double[] {0.1, 0.7, 0.02, +.001, 0.8401, 0.0201});
        } else {
            setRandomResetSpace(new double[] {-0.1, 0.6, 0.02}, new double[] {0.1, 0.7, 0.02});
            observeBodyQuat("obj");
        }
        objBody = bodyId("obj");
    }

    @Override
    protected double[] resetModel() {
        resetHand();
        if (into) {
            targetPos = INTO_GOAL.clone();
            double objZ = bodyCom(objBody)[2];
            double[] v = stateRandVec();
            while (CagingReward.norm2(v[0] - targetPos[0], v[1] - targetPos[1]) < 0.15) {
                v = stateRandVec();
            }
            objInitPos = new double[] {v[0], v[1], objZ};
        } else {
            double[] v = stateRandVec();
            objInitPos = new double[] {v[0], v[1], OBJ_INIT_Z};
            targetPos = new double[] {SWEEP_GOAL[0], v[1], SWEEP_GOAL[2]};
        }
        setObjXyz(objInitPos);
        return getObs();
    }

    static Evaluation evaluateSweep(RewardInputs s) {
        return evaluate(s, s.target(), GraspRewards.ownCaging(s, OBJ_RADIUS, 0.01, 0.005));
    }

    static Evaluation evaluateInto(RewardInputs s) {
        double[] target = {s.target()[0], s.target()[1], s.obs()[6]};
        return evaluate(s, target, GraspRewards.ownCaging(s, OBJ_RADIUS, 0.005, 0.01));
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
