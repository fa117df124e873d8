package org.d2r.metaworld.tasks;

import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.RewardUtils;
import org.d2r.metaworld.RewardUtils.Sigmoid;
import org.d2r.metaworld.SawyerXYZEnv;
import org.d2r.metaworld.StepInfo;

/**
 * button-press-topdown-v2 (SawyerButtonPressTopdownEnvV2): press the button down until its top is
 * within 2 cm (in z) of the box's {@code hole} site.
 *
 * <p>Kept from Meta-World: the goal is read from the {@code hole} site right after the box is
 * moved in the model, without a forward, so it is where the hole was before the move (the
 * previous reset's box, or the scene's for the first one). Only its z counts for reward and
 * success; it is 0.005 higher in an environment's first episode (the scene's box stands at
 * z = 0.12, the reset space's at 0.115), and its x, y in the observation lag one reset.
 */
public final class ButtonPressTopdownV2 extends SawyerXYZEnv {

    private final int buttonBody;
    private double objToTargetInit;

    public ButtonPressTopdownV2(EnvConfig cfg) {
        super("button-press-topdown-v2", "sawyer_button_press_topdown.xml", cfg, new double[] {-0.5, 0.40, 0.05},
                new double[] {0.5, 1, 0.5}, null, null);
        // Meta-World declares these as float32 arrays; the hand is driven to the float32 values.
        handInitPos = new double[] {0, (double) 0.4f, (double) 0.2f};
        objInitPos = new double[] {0, (double) 0.8f, (double) 0.115f};
        setRandomResetSpace(new double[] {-0.1, 0.8, 0.115}, new double[] {0.1, 0.9, 0.115});
        buttonBody = bodyId("button");
    }

    @Override
    protected int objectPositions(double[] out) {
        double[] p = bodyCom(buttonBody);
        out[0] = p[0];
        out[1] = p[1];
        out[2] = p[2] + 0.193;
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
        return evaluate(obs, tcpCenter(), initTcp, targetPos, objToTargetInit);
    }

    /** evaluate_state and compute_reward with the current tool-centre point {@code tcp}. */
    static Evaluation evaluate(double[] obs, double[] tcp, double[] initTcp, double[] targetPos,
                               double objToTargetInit) {
        double ox = obs[4], oy = obs[5], oz = obs[6];
        double tcpToObj = RewardUtils.norm(ox - tcp[0], oy - tcp[1], oz - tcp[2]);
        // Meta-World measures the "initial" distance from the current button position.
        double tcpToObjInit = RewardUtils.norm(ox - initTcp[0], oy - initTcp[1], oz - initTcp[2]);
        double objToTarget = Math.abs(targetPos[2] - oz);

        double tcpClosed = 1 - obs[3];
        double nearButton = RewardUtils.tolerance(tcpToObj, 0, 0.01, tcpToObjInit, Sigmoid.LONG_TAIL);
        double buttonPressed = RewardUtils.tolerance(objToTarget, 0, 0.005, objToTargetInit, Sigmoid.LONG_TAIL);

        double reward = 5 * RewardUtils.hamacherProduct(tcpClosed, nearButton);
        if (tcpToObj <= 0.03) {
            reward += 5 * buttonPressed;
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
