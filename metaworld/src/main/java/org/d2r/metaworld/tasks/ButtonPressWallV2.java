package org.d2r.metaworld.tasks;

import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.RewardUtils;
import org.d2r.metaworld.RewardUtils.Sigmoid;
import org.d2r.metaworld.SawyerXYZEnv;
import org.d2r.metaworld.StepInfo;

/**
 * button-press-wall-v2 (SawyerButtonPressWallEnvV2): the wall-mounted button behind a low wall;
 * push it in until it is within 3 cm (in y) of the box's {@code hole} site.
 *
 * <p>Kept from Meta-World: within 7 cm of the button the reward no longer looks at the reach term
 * and rewards an open gripper ({@code 2 + 2 (1 + opening)}), so an agent gets up to 4 for
 * standing near the button with open fingers.
 */
public final class ButtonPressWallV2 extends SawyerXYZEnv {

    private final int buttonBody;
    private double objToTargetInit;

    public ButtonPressWallV2(EnvConfig cfg) {
        super("button-press-wall-v2", "sawyer_button_press_wall.xml", cfg, new double[] {-0.5, 0.40, 0.05},
                new double[] {0.5, 1, 0.5}, null, null);
        // Meta-World declares these as float32 arrays; the hand is driven to the float32 values.
        handInitPos = new double[] {0, (double) 0.4f, (double) 0.2f};
        objInitPos = new double[] {0, (double) 0.9f, (double) 0.115f};
        setRandomResetSpace(new double[] {-0.05, 0.85, 0.1149}, new double[] {0.05, 0.9, 0.1151});
        buttonBody = bodyId("button");
    }

    @Override
    protected int objectPositions(double[] out) {
        bodyComInto(buttonBody, out, 0);
        out[1] += -0.193;
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
        double[] q = qpos();
        double[] v = qvel();
        q[9] = 0;  // _set_obj_xyz(0): the button's slide joint, its velocity zeroed, then forward
        v[9] = 0;
        setState(q, v);
        targetPos = sitePos("hole");
        objToTargetInit = Math.abs(targetPos[1] - sitePos("buttonStart")[1]);
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
        double tcpToObjInit = RewardUtils.norm(ox - initTcp[0], oy - initTcp[1], oz - initTcp[2]);
        double objToTarget = Math.abs(targetPos[1] - oy);

        double nearButton = RewardUtils.tolerance(tcpToObj, 0, 0.01, tcpToObjInit, Sigmoid.LONG_TAIL);
        double buttonPressed = RewardUtils.tolerance(objToTarget, 0, 0.005, objToTargetInit, Sigmoid.LONG_TAIL);

        double reward;
        if (tcpToObj > 0.07) {
            double tcpStatus = (1 - obs[3]) / 2.0;
            reward = 2 * RewardUtils.hamacherProduct(tcpStatus, nearButton);
        } else {
            reward = 2;
            reward += 2 * (1 + obs[3]);
            reward += 4 * (buttonPressed * buttonPressed);
        }
        return new Evaluation(reward, new StepInfo(
                objToTarget <= 0.03 ? 1.0 : 0.0,
                tcpToObj <= 0.05 ? 1.0 : 0.0,
                obs[3] > 0 ? 1.0 : 0.0,
                nearButton,
                buttonPressed,
                objToTarget,
                reward));
    }
}
