package org.d2r.metaworld.tasks;

import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.RewardUtils;
import org.d2r.metaworld.RewardUtils.Sigmoid;
import org.d2r.metaworld.SawyerXYZEnv;
import org.d2r.metaworld.StepInfo;

/**
 * coffee-button-v2 (SawyerCoffeeButtonEnvV2): press the coffee machine's button in along +y until
 * it is within 2 cm (in y) of a goal 3 cm behind the button's rest position.
 *
 * <p>Kept from Meta-World: the scene's mug has the first free joint, so qpos[0:3] is the mug's
 * position and the task's _set_obj_xyz writes the mug there, but it zeroes qvel[9:15], which are
 * four arm joints and the two fingers rather than the mug's velocity.
 */
public final class CoffeeButtonV2 extends SawyerXYZEnv {

    static final double MAX_DIST = 0.03;

    private final int buttonSite;

    public CoffeeButtonV2(EnvConfig cfg) {
        super("coffee-button-v2", "sawyer_coffee.xml", cfg, new double[] {-0.5, 0.4, 0.05},
                new double[] {0.5, 1., 0.5}, null, null);
        handInitPos = new double[] {0., .4, .2};
        objInitPos = new double[] {0, 0.9, 0.28};
        targetPos = new double[] {0, 0.78, 0.33};
        setRandomResetSpace(new double[] {-0.1, 0.8, -.001}, new double[] {0.1, 0.9, +.001});
        buttonSite = siteId("buttonStart");
    }

    @Override
    protected int objectPositions(double[] out) {
        double[] p = sitePos(buttonSite);
        System.arraycopy(p, 0, out, 0, 3);
        return 1;
    }

    @Override
    protected void objectQuaternions(double[] out) {
        out[0] = 1.;
        out[1] = 0.;
        out[2] = 0.;
        out[3] = 0.;
    }

    @Override
    protected void setTargetSites() {
        setSitePos("coffee_goal", targetPos);
    }

    @Override
    protected double[] resetModel() {
        resetHand();
        objInitPos = stateRandVec();
        setModelBodyPos("coffee_machine", objInitPos);
        double[] posMug = {objInitPos[0] + .0, objInitPos[1] + -.22, objInitPos[2] + .0};
        setMugXyz(posMug);
        double[] posButton = {objInitPos[0] + .0, objInitPos[1] + -.22, objInitPos[2] + .3};
        targetPos = new double[] {posButton[0] + .0, posButton[1] + MAX_DIST, posButton[2] + .0};
        return getObs();
    }

    /** The coffee tasks' _set_obj_xyz: qpos[0:3] (the mug) and qvel[9:15] zeroed, then forward. */
    private void setMugXyz(double[] pos) {
        double[] q = qpos();
        double[] v = qvel();
        System.arraycopy(pos, 0, q, 0, 3);
        java.util.Arrays.fill(v, 9, 15, 0.0);
        setState(q, v);
    }

    @Override
    protected Evaluation evaluateState(double[] obs, double[] action) {
        return evaluate(obs, tcpCenter(), initTcp, targetPos);
    }

    /** evaluate_state and compute_reward with the current tool-centre point {@code tcp}. */
    static Evaluation evaluate(double[] obs, double[] tcp, double[] initTcp, double[] targetPos) {
        double ox = obs[4], oy = obs[5], oz = obs[6];
        double tcpToObj = RewardUtils.norm(ox - tcp[0], oy - tcp[1], oz - tcp[2]);
        double tcpToObjInit = RewardUtils.norm(ox - initTcp[0], oy - initTcp[1], oz - initTcp[2]);
        double objToTarget = Math.abs(targetPos[1] - oy);

        double tcpClosed = Math.max(obs[3], 0.0);
        double nearButton = RewardUtils.tolerance(tcpToObj, 0, 0.05, tcpToObjInit, Sigmoid.LONG_TAIL);
        double buttonPressed = RewardUtils.tolerance(objToTarget, 0, 0.005, MAX_DIST, Sigmoid.LONG_TAIL);

        double reward = 2 * RewardUtils.hamacherProduct(tcpClosed, nearButton);
        if (tcpToObj <= 0.05) {
            reward += 8 * buttonPressed;
        }
        return new Evaluation(reward, new StepInfo(
                objToTarget <= 0.02 ? 1.0 : 0.0,
                tcpToObj <= 0.05 ? 1.0 : 0.0,
                obs[3] > 0 ? 1.0 : 0.0,
                nearButton,
                buttonPressed,
                objToTarget,
                reward));
    }
}
