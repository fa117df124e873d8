package org.d2r.metaworld.tasks;

import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.SawyerXYZEnv;

/**
 * button-press-topdown-wall-v2 (SawyerButtonPressTopdownWallEnvV2): the top-down button behind a
 * low wall; press it until its top is within 2 cm (in z) of the box's {@code hole} site.
 *
 * <p>Reset, observation and reward are button-press-topdown-v2's, including its quirk: the goal
 * is read from the {@code hole} site right after the box is moved in the model, without a
 * forward, so it is where the hole stood before the move (only its z enters reward and success).
 */
public final class ButtonPressTopdownWallV2 extends SawyerXYZEnv {

    private final int buttonBody;
    private double objToTargetInit;

    public ButtonPressTopdownWallV2(EnvConfig cfg) {
        super("button-press-topdown-wall-v2", "sawyer_button_press_topdown_wall.xml", cfg,
                new double[] {-0.5, 0.40, 0.05}, new double[] {0.5, 1, 0.5}, null, null);
        // Meta-World declares these as float32 arrays; the hand is driven to the float32 values.
        handInitPos = new double[] {0, (double) 0.4f, (double) 0.2f};
        objInitPos = new double[] {0, (double) 0.8f, (double) 0.115f};
        setRandomResetSpace(new double[] {-0.1, 0.8, 0.115}, new double[] {0.1, 0.9, 0.115});
        buttonBody = bodyId("button");
    }

    @Override
    protected int objectPositions(double[] out) {
        bodyComInto(buttonBody, out, 0);
        out[2] += 0.193;
        return 1;
    }

    @Override
    protected void objectQuaternions(double[] out) {
        System.arraycopy(bodyXquat("button"), 0, out, 0, 4);
    }

    @Override
    protected int mainObjectGeomId() {
        return geomId("btnGeom");
    }

    /** Meta-World's _target_site_config is empty for this task. */
    @Override
    protected void setTargetSites() {
    }

    @Override
    protected double[] resetModel() {
        resetHand();
        objInitPos = stateRandVec();
        setModelBodyPos("box", objInitPos);
        targetPos = sitePos("hole");
        objToTargetInit = Math.abs(targetPos[2] - sitePos("buttonStart")[2]);
        return getObs();
    }

    @Override
    protected Evaluation evaluateState(double[] obs, double[] action) {
        // compute_reward is line for line button-press-topdown-v2's.
        return ButtonPressTopdownV2.evaluate(obs, tcpCenter(), initTcp, targetPos, objToTargetInit);
    }
}
