package org.d2r.metaworld.tasks;

import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.SawyerXYZEnv;

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

    public CoffeeButtonV2(EnvConfig cfg) {
        super("coffee-button-v2", "sawyer_coffee.xml", cfg);
        handInitPos = new double[] {0., .4, .2};
        objInitPos = new double[] {0, 0.9, 0.28};
        targetPos = new double[] {0, 0.78, 0.33};
        setRandomResetSpace(new double[] {-0.1, 0.8, -.001}, new double[] {0.1, 0.9, +.001});
        observeSite("buttonStart");
        targetSite("coffee_goal");
    }

    @Override
    protected void objectQuaternions(double[] out) {
        out[0] = 1.;
        out[1] = 0.;
        out[2] = 0.;
        out[3] = 0.;
    }

    @Override
    protected double[] resetModel() {
        resetHand();
        objInitPos = stateRandVec();
        setModelBodyPos("coffee_machine", objInitPos);
        double[] posMug = {objInitPos[0] + .0, objInitPos[1] + -.22, objInitPos[2] + .0};
        setObjXyz(0, posMug);
        double[] posButton = {objInitPos[0] + .0, objInitPos[1] + -.22, objInitPos[2] + .3};
        targetPos = new double[] {posButton[0] + .0, posButton[1] + MAX_DIST, posButton[2] + .0};
        return getObs();
    }

    @Override
    protected Evaluation evaluateState(double[] obs, double[] action) {
        // compute_reward is button-press-v2's with the fixed press depth as the initial distance.
        return ButtonBox.evaluate(ButtonBox.Style.PRESS, obs, tcpCenter(), initTcp, targetPos, MAX_DIST);
    }
}
