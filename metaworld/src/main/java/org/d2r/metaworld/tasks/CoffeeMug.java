package org.d2r.metaworld.tasks;

import java.util.Arrays;
import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.RewardUtils;
import org.d2r.metaworld.RewardUtils.Sigmoid;
import org.d2r.metaworld.SawyerXYZEnv;

/**
 * The coffee-mug tasks (coffee-pull, coffee-push): move the mug between the coffee machine's spout
 * and a goal on the table, within 7 cm. The two differ only in where mug, goal and machine start.
 *
 * <p>Kept from Meta-World: the distances to the goal that shape the reward weigh x and y twice
 * (success uses the plain distance); the mug is the scene's first free joint (qpos[0:3]) and the
 * task's _set_obj_xyz zeroes qvel[9:15] (arm and finger joints, not the mug's); and
 * {@code grasp_success} tests the bound method {@code self.touching_object}, which is always
 * true, so it is just "the gripper is open" ({@code obs[3] > 0}).
 */
final class CoffeeMug extends SawyerXYZEnv {

    private static final CagingReward.Params CAGING = new CagingReward.Params(0.02, 0.05, 0.04, 0.05, 0.7, false, true);
    private final boolean machineAtGoal;

    /**
     * @param goalSite the site that shows the goal
     * @param machineAtGoal whether the machine stands behind the goal (push) or the mug's start (pull)
     */
    CoffeeMug(String task, EnvConfig cfg, double[] objInit, double[] target, double[] resetLow,
              double[] resetHigh, String goalSite, boolean machineAtGoal) {
        super(task, "sawyer_coffee.xml", cfg);
        this.machineAtGoal = machineAtGoal;
        handInitPos = new double[] {0., .4, .2};
        objInitPos = objInit;
        targetPos = target;
        setRandomResetSpace(resetLow, resetHigh);
        observeGeomQuat("mug");
        targetSite(goalSite);
    }

    @Override
    protected double[] resetModel() {
        resetHand();
        double[] v = stateRandVecApart(0.15);
        double[] mugInit = Arrays.copyOfRange(v, 0, 3);
        double[] mugGoal = Arrays.copyOfRange(v, 3, 6);
        setObjXyz(0, mugInit);
        objInitPos = mugInit;
        double[] m = machineAtGoal ? mugGoal : mugInit;
        setModelBodyPos("coffee_machine", new double[] {m[0] + .0, m[1] + .22, m[2] + .0});
        targetPos = mugGoal;
        return getObs();
    }

    @Override
    protected Evaluation evaluateState(double[] obs, double[] action) {
        double[] obj = {obs[4], obs[5], obs[6]};
        double caging = CagingReward.compute(action, obj, objInitPos, tcpCenter(), initTcp, leftPadY(), rightPadY(), CAGING);
        return evaluate(obs, tcpCenter(), targetPos, objInitPos, caging);
    }

    /**
     * compute_reward and evaluate_state of coffee-pull and coffee-push (the two are the same code).
     *
     * @param caging the base class's medium-density gripper caging reward for this step
     */
    static Evaluation evaluate(double[] obs, double[] tcp, double[] target, double[] objInitPos, double caging) {
        double ox = obs[4], oy = obs[5], oz = obs[6];
        // Emphasise x and y errors.
        double targetToObj = RewardUtils.norm((ox - target[0]) * 2., (oy - target[1]) * 2., (oz - target[2]) * 1.);
        double targetToObjInit = RewardUtils.norm((objInitPos[0] - target[0]) * 2., (objInitPos[1] - target[1]) * 2.,
                (objInitPos[2] - target[2]) * 1.);
        double inPlace = RewardUtils.tolerance(targetToObj, 0, 0.05, targetToObjInit, Sigmoid.LONG_TAIL);
        double tcpOpened = obs[3];
        double tcpToObj = RewardUtils.norm(ox - tcp[0], oy - tcp[1], oz - tcp[2]);

        double reward = RewardUtils.hamacherProduct(caging, inPlace);
        if (tcpToObj < 0.04 && tcpOpened > 0) {
            reward += 1. + 5. * inPlace;
        }
        if (targetToObj < 0.05) {
            reward = 10.;
        }
        double objToTarget = RewardUtils.norm(ox - target[0], oy - target[1], oz - target[2]);
        return GraspRewards.placeEvaluation(reward, objToTarget, tcpToObj, tcpOpened > 0 ? 1.0 : 0.0, caging, inPlace);
    }
}
