package org.d2r.metaworld.tasks;

import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.RewardUtils;
import org.d2r.metaworld.RewardUtils.Sigmoid;
import org.d2r.metaworld.SawyerXYZEnv;

/**
 * The drawer tasks on one scene: the cabinet is placed from the rand vector and the observed object
 * is the handle, 16 cm in front of the drawer link (drawer-close observes it 5 cm higher).
 * drawer-open-v2 (SawyerDrawerOpenEnvV2): pull the drawer out until its handle is within 3 cm of the
 * goal, 20 cm in front of the closed position. drawer-close-v2 (SawyerDrawerCloseEnvV2): the drawer
 * starts pulled out 15 cm; push it back until the handle is within 6.5 cm of its closed position.
 *
 * <p>Kept from Meta-World: drawer-open moves the cabinet in the model without a forward, so the first
 * observation of an episode still shows the handle where the previous episode's cabinet stood (the
 * first physics step corrects it). drawer-close declares a 0.04 target radius that nothing reads;
 * success and the in-place reward use the base class's 0.05 (so the success radius is 0.05 + 0.015).
 */
final class Drawer extends SawyerXYZEnv {

    static final double OPEN_MAX_DIST = 0.2;
    static final double CLOSE_MAX_DIST = 0.15;
    private static final double HANDLE_REACH_RADIUS = 0.005;

    private final boolean close;
    private final int drawerLink;

    Drawer(String task, EnvConfig cfg, boolean close) {
        super(task, "sawyer_drawer.xml", cfg);
        this.close = close;
        handInitPos = F32.of(0, 0.6, 0.2);
        objInitPos = F32.of(0., 0.9, 0.0);
        setRandomResetSpace(new double[] {-0.1, 0.9, 0.0}, new double[] {0.1, 0.9, 0.0});
        drawerLink = bodyId("drawer_link");
        if (close) {
            observeZeroQuat();
        } else {
            observeBodyQuat("drawer_link");
        }
    }

    @Override
    protected int objectPositions(double[] out) {
        bodyComInto(drawerLink, out, 0);
        out[1] -= 0.16;
        if (close) {
            out[2] += 0.05;
        }
        return 1;
    }

    @Override
    protected double[] resetModel() {
        resetHand();
        double[] cabinet = stateRandVec();
        setModelBodyPos("drawer", cabinet);
        if (!close) {
            objInitPos = cabinet;
            targetPos = new double[] {cabinet[0], cabinet[1] + (-0.16 - OPEN_MAX_DIST), cabinet[2] + 0.09};
            return getObs();
        }
        targetPos = new double[] {cabinet[0], cabinet[1] - 0.16, cabinet[2] + 0.09};
        // Pull the drawer all the way out with drawer-close's _set_obj_xyz (the drawer slide joint,
        // qpos[9]; velocities are kept); the forward in set_state makes the handle position below
        // current, and it becomes the episode's initial object position.
        double[] q = qpos();
        q[9] = -CLOSE_MAX_DIST;
        setState(q, qvel());
        objInitPos = new double[3];
        objectPositions(objInitPos);
        return getObs();
    }

    @Override
    protected Evaluation evaluateState(double[] obs, double[] action) {
        return close ? evaluateClose(obs, action, tcpCenter(), targetPos, objInitPos, initTcp)
                : evaluateOpen(obs, targetPos, initTcp);
    }

    /** drawer-open's evaluate_state and compute_reward; the reward reads the hand from the observation. */
    static Evaluation evaluateOpen(double[] obs, double[] targetPos, double[] initTcp) {
        double hx = obs[0], hy = obs[1], hz = obs[2];
        double ox = obs[4], oy = obs[5], oz = obs[6];

        double handleError = RewardUtils.norm(ox - targetPos[0], oy - targetPos[1], oz - targetPos[2]);
        double rewardForOpening = RewardUtils.tolerance(handleError, 0, 0.02, OPEN_MAX_DIST, Sigmoid.LONG_TAIL);

        // The handle's closed position. x-y errors weigh 3x so that the hand first aligns above
        // the handle and only then drops onto it.
        double[] handleInit = {targetPos[0], targetPos[1] + OPEN_MAX_DIST, targetPos[2]};
        double gripperError = RewardUtils.norm((ox - hx) * 3., (oy - hy) * 3., (oz - hz) * 1.);
        double gripperErrorInit = RewardUtils.norm((handleInit[0] - initTcp[0]) * 3.,
                (handleInit[1] - initTcp[1]) * 3., (handleInit[2] - initTcp[2]) * 1.);
        double rewardForCaging = RewardUtils.tolerance(gripperError, 0, 0.01, gripperErrorInit, Sigmoid.LONG_TAIL);

        double reward = (rewardForCaging + rewardForOpening) * 5.0;
        double handToHandle = RewardUtils.norm(ox - hx, oy - hy, oz - hz);
        return GraspRewards.pressEvaluation(reward, handleError <= 0.03, handToHandle <= 0.03, obs, rewardForCaging,
                rewardForOpening, handleError);
    }

    /** drawer-close's evaluate_state and compute_reward with the current tool-centre point {@code tcp}. */
    static Evaluation evaluateClose(double[] obs, double[] action, double[] tcp, double[] targetPos,
                                    double[] objInitPos, double[] initTcp) {
        double ox = obs[4], oy = obs[5], oz = obs[6];

        double targetToObj = RewardUtils.norm(ox - targetPos[0], oy - targetPos[1], oz - targetPos[2]);
        double targetToObjInit = RewardUtils.dist(objInitPos, targetPos);
        double inPlace = RewardUtils.tolerance(targetToObj, 0, TARGET_RADIUS,
                Math.abs(targetToObjInit - TARGET_RADIUS), Sigmoid.LONG_TAIL);

        double tcpToObj = RewardUtils.norm(ox - tcp[0], oy - tcp[1], oz - tcp[2]);
        double tcpToObjInit = RewardUtils.dist(objInitPos, initTcp);
        double reach = RewardUtils.tolerance(tcpToObj, 0, HANDLE_REACH_RADIUS,
                Math.abs(tcpToObjInit - HANDLE_REACH_RADIUS), Sigmoid.GAUSSIAN);
        // The raw (unclipped, possibly noisy) gripper action, limited to [0, 1].
        double gripperClosed = Math.min(Math.max(0, action[3]), 1);
        reach = RewardUtils.hamacherProduct(reach, gripperClosed);
        double objectGrasped = reach;

        boolean success = targetToObj <= TARGET_RADIUS + 0.015;
        double reward = success ? 1. : RewardUtils.hamacherProduct(reach, inPlace);
        reward *= 10;
        return GraspRewards.reachEvaluation(reward, success, tcpToObj <= 0.01, objectGrasped, inPlace, targetToObj);
    }
}
