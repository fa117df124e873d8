package org.d2r.metaworld.tasks;

import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.RewardUtils;
import org.d2r.metaworld.RewardUtils.Sigmoid;
import org.d2r.metaworld.SawyerXYZEnv;
import org.d2r.metaworld.StepInfo;

/**
 * button-press-v2 (SawyerButtonPressEnvV2): push the wall-mounted button in along +y until it is
 * within 2 cm (in y) of the box's {@code hole} site.
 *
 * <p>Unlike the top-down variant the button's slide joint is set (and the state forwarded) before
 * the hole is read, so the goal follows this episode's box. The near-button term is measured from
 * the button's current position, as in Meta-World.
 */
public final class ButtonPressV2 extends SawyerXYZEnv {

    private final int buttonBody;
    private double objToTargetInit;

    public ButtonPressV2(EnvConfig cfg) {
        super("button-press-v2", "sawyer_button_press.xml", cfg, new double[] {-0.5, 0.40, 0.05},
                new double[] {0.5, 1, 0.5}, null, null);
        // Meta-World declares these as float32 arrays; the hand is driven to the float32 values.
        handInitPos = new double[] {0, (double) 0.4f, (double) 0.2f};
        objInitPos = new double[] {0, (double) 0.9f, (double) 0.115f};
        setRandomResetSpace(new double[] {-0.1, 0.85, 0.115}, new double[] {0.1, 0.9, 0.115});
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
        setButtonSlide(0);
        targetPos = sitePos("hole");
        objToTargetInit = Math.abs(targetPos[1] - sitePos("buttonStart")[1]);
        return getObs();
    }

    /** This task's _set_obj_xyz: the button's slide joint (qpos[9]) and its velocity, then forward. */
    private void setButtonSlide(double pos) {
        double[] q = qpos();
        double[] v = qvel();
        q[9] = pos;
        v[9] = 0;
        setState(q, v);
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

        double tcpClosed = Math.max(obs[3], 0.0);
        double nearButton = RewardUtils.tolerance(tcpToObj, 0, 0.05, tcpToObjInit, Sigmoid.LONG_TAIL);
        double buttonPressed = RewardUtils.tolerance(objToTarget, 0, 0.005, objToTargetInit, Sigmoid.LONG_TAIL);

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
