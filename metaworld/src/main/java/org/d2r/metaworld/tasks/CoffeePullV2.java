package org.d2r.metaworld.tasks;

import java.util.Arrays;
import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.RewardUtils;
import org.d2r.metaworld.RewardUtils.Sigmoid;
import org.d2r.metaworld.SawyerXYZEnv;
import org.d2r.metaworld.StepInfo;

/**
 * coffee-pull-v2 (SawyerCoffeePullEnvV2): pull the mug out from under the coffee machine to a goal
 * on the table, within 7 cm.
 *
 * <p>Kept from Meta-World: the distances to the goal that shape the reward weigh x and y twice
 * (success uses the plain distance); the mug is the scene's first free joint (qpos[0:3]) and the
 * task's _set_obj_xyz zeroes qvel[9:15] (arm and finger joints, not the mug's); and
 * {@code grasp_success} tests the bound method {@code self.touching_object}, which is always
 * true, so it is just "the gripper is open" ({@code obs[3] > 0}).
 */
public final class CoffeePullV2 extends SawyerXYZEnv {

    private final int mugBody;
    private final int mugGeom;

    public CoffeePullV2(EnvConfig cfg) {
        super("coffee-pull-v2", "sawyer_coffee.xml", cfg, new double[] {-0.5, 0.40, 0.05},
                new double[] {0.5, 1, 0.5}, null, null);
        handInitPos = new double[] {0., .4, .2};
        objInitPos = new double[] {0, 0.75, 0.};
        targetPos = new double[] {0., 0.6, 0};
        setRandomResetSpace(new double[] {-0.05, 0.7, -.001, -0.1, 0.55, -.001},
                new double[] {0.05, 0.75, +.001, 0.1, 0.65, +.001});
        mugBody = bodyId("obj");
        mugGeom = geomId("mug");
    }

    @Override
    protected int objectPositions(double[] out) {
        bodyComInto(mugBody, out, 0);
        return 1;
    }

    @Override
    protected void objectQuaternions(double[] out) {
        geomQuatXyzw(mugGeom, out, 0);
    }

    @Override
    protected void setTargetSites() {
        setSitePos("mug_goal", targetPos);
    }

    @Override
    protected double[] resetModel() {
        resetHand();
        double[] v = stateRandVec();
        while (Math.sqrt((v[0] - v[3]) * (v[0] - v[3]) + (v[1] - v[4]) * (v[1] - v[4])) < 0.15) {
            v = stateRandVec();
        }
        double[] mugInit = Arrays.copyOfRange(v, 0, 3);
        double[] mugGoal = Arrays.copyOfRange(v, 3, 6);
        setMugXyz(mugInit);
        objInitPos = mugInit;
        setModelBodyPos("coffee_machine", new double[] {mugInit[0] + .0, mugInit[1] + .22, mugInit[2] + .0});
        targetPos = mugGoal;
        return getObs();
    }

    /** The coffee tasks' _set_obj_xyz: qpos[0:3] (the mug) and qvel[9:15] zeroed, then forward. */
    private void setMugXyz(double[] pos) {
        double[] q = qpos();
        double[] v = qvel();
        System.arraycopy(pos, 0, q, 0, 3);
        Arrays.fill(v, 9, 15, 0.0);
        setState(q, v);
    }

    @Override
    protected Evaluation evaluateState(double[] obs, double[] action) {
        double[] obj = {obs[4], obs[5], obs[6]};
        double caging = gripperCagingReward(action, obj, 0.02, 0.05, 0.04, 0.05, 0.7, false, true);
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
        return new Evaluation(reward, new StepInfo(
                objToTarget <= 0.07 ? 1.0 : 0.0,
                tcpToObj <= 0.03 ? 1.0 : 0.0,
                tcpOpened > 0 ? 1.0 : 0.0,
                caging,
                inPlace,
                objToTarget,
                reward));
    }
}
