package org.d2r.metaworld.tasks;

import java.util.Arrays;
import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.RewardUtils;
import org.d2r.metaworld.RewardUtils.Sigmoid;
import org.d2r.metaworld.SawyerXYZEnv;
import org.d2r.metaworld.StepInfo;

/**
 * handle-pull-side-v2 (SawyerHandlePullSideEnvV2): the sideways handle box starts with the handle
 * pressed down; pull it up until the handle's centre is within 8 cm of {@code goalPull}.
 *
 * <p>Kept from Meta-World: the initial object position (for the caging reward and the lifted
 * tests) is the handle centre after the reset, while the reward's in-place term uses the base
 * class's 5 cm radius and success allows 8 cm.
 */
public final class HandlePullSideV2 extends SawyerXYZEnv {

    private final int handleSite;

    public HandlePullSideV2(EnvConfig cfg) {
        super("handle-pull-side-v2", "sawyer_handle_press_sideways.xml", cfg, new double[] {-0.5, 0.40, 0.05},
                new double[] {0.5, 1, 0.5}, null, null);
        handInitPos = new double[] {0, 0.6, 0.2};
        objInitPos = new double[] {-0.3, 0.7, 0.0};
        targetPos = new double[] {-0.2, 0.7, 0.14};
        setRandomResetSpace(new double[] {-0.35, 0.65, 0.0}, new double[] {-0.25, 0.75, 0.0});
        handleSite = siteId("handleCenter");
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
        // (Meta-World also computes maxDist and target_reward here; nothing reads them.)
        objInitPos = sitePos(handleSite);
        return getObs();
    }

    @Override
    protected Evaluation evaluateState(double[] obs, double[] action) {
        double[] obj = {obs[4], obs[5], obs[6]};
        double caging = gripperCagingReward(action, obj, 0.032, 0.06, 0.01, 0.01, 1.0, true, false);
        return evaluate(obs, tcpCenter(), targetPos, objInitPos, caging);
    }

    /**
     * compute_reward and evaluate_state.
     *
     * @param caging the base class's high-density gripper caging reward for this step
     */
    static Evaluation evaluate(double[] obs, double[] tcp, double[] target, double[] objInitPos, double caging) {
        double ox = obs[4], oy = obs[5], oz = obs[6];
        double targetToObj = RewardUtils.norm((ox - target[0]) * 1., (oy - target[1]) * 1., (oz - target[2]) * 1.);
        double targetToObjInit = RewardUtils.norm((objInitPos[0] - target[0]) * 1., (objInitPos[1] - target[1]) * 1.,
                (objInitPos[2] - target[2]) * 1.);
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
                targetToObj <= 0.08 ? 1.0 : 0.0,
                tcpToObj <= 0.05 ? 1.0 : 0.0,
                tcpOpened > 0 && oz - 0.03 > objInitPos[2] ? 1.0 : 0.0,
                caging,
                inPlace,
                targetToObj,
                reward));
    }
}
