package org.d2r.metaworld.tasks;

import java.util.Arrays;
import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.SawyerXYZEnv;

/**
 * coffee-push-v2 (SawyerCoffeePushEnvV2): push the mug across the table to a goal under the coffee
 * machine's spout, within 7 cm.
 *
 * <p>Kept from Meta-World: the distances to the goal that shape the reward weigh x and y twice
 * (success uses the plain distance); the mug is the scene's first free joint (qpos[0:3]) and the
 * task's _set_obj_xyz zeroes qvel[9:15] (arm and finger joints, not the mug's); and
 * {@code grasp_success} tests the bound method {@code self.touching_object}, which is always
 * true, so it is just "the gripper is open" ({@code obs[3] > 0}).
 */
public final class CoffeePushV2 extends SawyerXYZEnv {

    private final int mugBody;
    private final int mugGeom;

    public CoffeePushV2(EnvConfig cfg) {
        super("coffee-push-v2", "sawyer_coffee.xml", cfg, new double[] {-0.5, 0.40, 0.05},
                new double[] {0.5, 1, 0.5}, null, null);
        handInitPos = new double[] {0., .4, .2};
        objInitPos = new double[] {0., .6, 0.};
        targetPos = new double[] {0., 0.75, 0};
        setRandomResetSpace(new double[] {-0.1, 0.55, -.001, -0.05, 0.7, -.001},
                new double[] {0.1, 0.65, +.001, 0.05, 0.75, +.001});
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
        setSitePos("coffee_goal", targetPos);
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
        setModelBodyPos("coffee_machine", new double[] {mugGoal[0] + .0, mugGoal[1] + .22, mugGoal[2] + .0});
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
        // compute_reward is line for line coffee-pull-v2's.
        return CoffeePullV2.evaluate(obs, tcpCenter(), targetPos, objInitPos, caging);
    }
}
