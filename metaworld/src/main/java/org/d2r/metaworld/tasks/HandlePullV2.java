package org.d2r.metaworld.tasks;

import java.util.Arrays;
import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.RewardUtils;
import org.d2r.metaworld.RewardUtils.Sigmoid;
import org.d2r.metaworld.SawyerXYZEnv;
import org.d2r.metaworld.StepInfo;

/**
 * handle-pull-v2 (SawyerHandlePullEnvV2): the handle box at the back of the table starts with the
 * handle pressed down; pull it up until the handle's right end is within 5 cm (in z) of
 * {@code goalPull}.
 *
 * <p>Kept from Meta-World: the initial object position stays the box's sampled position (z about
 * 0), not the handle's, so the in-place margin, the caging reward's initial distances and the
 * "lifted" tests measure from the table top.
 */
public final class HandlePullV2 extends SawyerXYZEnv {

    private final int handleSite;

    public HandlePullV2(EnvConfig cfg) {
        super("handle-pull-v2", "sawyer_handle_press.xml", cfg, new double[] {-0.5, 0.40, 0.05},
                new double[] {0.5, 1, 0.5}, null, null);
        handInitPos = new double[] {0, 0.6, 0.2};
        objInitPos = new double[] {0, 0.9, 0.0};
        targetPos = new double[] {0, 0.8, 0.14};
        setRandomResetSpace(new double[] {-0.1, 0.8, -0.001}, new double[] {0.1, 0.9, +0.001});
        handleSite = siteId("handleRight");
    }

    @Override
    protected int objectPositions(double[] out) {
        System.arraycopy(sitePos(handleSite), 0, out, 0, 3);
        return 1;
    }

    @Override
    protected void objectQuaternions(double[] out) {
        Arrays.fill(out, 0, 4, 0.0);
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
        q[9] = -0.1;  // _set_obj_xyz: the handle's joint, its velocity zeroed, then forward
        v[9] = 0;
        setState(q, v);
        targetPos = sitePos("goalPull");
        return getObs();
    }

    @Override
    protected Evaluation evaluateState(double[] obs, double[] action) {
        double[] obj = {obs[4], obs[5], obs[6]};
        double caging = gripperCagingReward(action, obj, 0.022, 0.05, 0.01, 0.01, 1.0, true, false);
        return evaluate(obs, tcpCenter(), targetPos, objInitPos, caging);
    }

    /**
     * compute_reward and evaluate_state.
     *
     * @param caging the base class's high-density gripper caging reward for this step
     */
    static Evaluation evaluate(double[] obs, double[] tcp, double[] target, double[] objInitPos, double caging) {
        double ox = obs[4], oy = obs[5], oz = obs[6];
        double targetToObj = Math.abs(target[2] - oz);
        double targetToObjInit = Math.abs(target[2] - objInitPos[2]);
        double inPlace = RewardUtils.tolerance(targetToObj, 0, TARGET_RADIUS, targetToObjInit, Sigmoid.LONG_TAIL);

        double reward = RewardUtils.hamacherProduct(caging, inPlace);
        double tcpOpened = obs[3];
        double tcpToObj = RewardUtils.norm(ox - tcp[0], oy - tcp[1], oz - tcp[2]);
        if (tcpToObj < 0.035 && tcpOpened > 0 && oz - 0.01 > objInitPos[2]) {
            reward += 1. + 5. * inPlace;
        }
        if (targetToObj < TARGET_RADIUS) {
            reward = 10.;
        }
        return new Evaluation(reward, new StepInfo(
                targetToObj <= TARGET_RADIUS ? 1.0 : 0.0,
                tcpToObj <= 0.05 ? 1.0 : 0.0,
                tcpOpened > 0 && oz - 0.03 > objInitPos[2] ? 1.0 : 0.0,
                caging,
                inPlace,
                targetToObj,
                reward));
    }
}
