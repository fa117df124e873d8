package org.d2r.metaworld.tasks;

import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.RewardUtils;
import org.d2r.metaworld.RewardUtils.Sigmoid;
import org.d2r.metaworld.SawyerXYZEnv;
import org.d2r.metaworld.StepInfo;

/**
 * door-unlock-v2 (SawyerDoorUnlockEnvV2): the lock's lever starts turned down (hinge at 1.5708);
 * push it sideways until its tip (site {@code lockStartUnlock}) is within 2 cm in x of the goal,
 * 10 cm to +x of the lever body's position after reset.
 *
 * <p>Kept from Meta-World: {@code obj_init_pos} is mujoco_py's live view of the lever body's
 * position, so the reward's reach margin follows the lever as it turns; the reach term tracks a
 * point 5.5 cm behind and 7 cm above the hand ("the shoulder"), not the fingers.
 */
public final class DoorUnlockV2 extends SawyerXYZEnv {

    static final double LOCK_LENGTH = 0.1;
    private static final double[] FAR_AWAY = {10., 10., 10.};
    private static final double[] SHOULDER = {.0, .055, .07};
    private static final double[] SCALE = {0.25, 1., 0.5};

    private final int lockSite;
    private final int lockLink;

    public DoorUnlockV2(EnvConfig cfg) {
        super("door-unlock-v2", "sawyer_door_lock.xml", cfg, new double[] {-0.5, 0.40, -0.15},
                new double[] {0.5, 1, 0.5}, null, null);
        handInitPos = F32.of(0, 0.6, 0.2);
        objInitPos = new double[] {0, 0.85, 0.15};
        targetPos = new double[] {0, 0.85, 0.1};
        setRandomResetSpace(F32.of(-0.1, 0.8, 0.15), F32.of(0.1, 0.85, 0.15));
        lockSite = siteId("lockStartUnlock");
        lockLink = bodyId("lock_link");
    }

    @Override
    protected int objectPositions(double[] out) {
        System.arraycopy(sitePos(lockSite), 0, out, 0, 3);
        return 1;
    }

    @Override
    protected void objectQuaternions(double[] out) {
        System.arraycopy(bodyXquat("door_link"), 0, out, 0, 4);
    }

    @Override
    protected void setTargetSites() {
        setSitePos("goal_unlock", targetPos);
        setSitePos("goal_lock", FAR_AWAY);
    }

    @Override
    protected double[] resetModel() {
        resetHand();
        double[] door = stateRandVec();
        setModelBodyPos("door", door);
        // this task's _set_obj_xyz: the lever hinge (qpos[9]) turned down, its velocity zeroed
        double[] q = qpos();
        double[] v = qvel();
        q[9] = 1.5708;
        v[9] = 0;
        setState(q, v);
        objInitPos = bodyCom(lockLink);
        targetPos = new double[] {objInitPos[0] + .1, objInitPos[1] - .04, objInitPos[2] + .0};
        return getObs();
    }

    @Override
    protected Evaluation evaluateState(double[] obs, double[] action) {
        return evaluate(obs, initTcp, bodyCom(lockLink), targetPos);
    }

    /**
     * evaluate_state and compute_reward.
     *
     * @param lockLinkNow the lever body's current position (what Meta-World's obj_init_pos view reads)
     */
    static Evaluation evaluate(double[] obs, double[] initTcp, double[] lockLinkNow, double[] targetPos) {
        double[] shoulderToLock = new double[3];
        double[] shoulderToLockInit = new double[3];
        for (int i = 0; i < 3; i++) {
            shoulderToLock[i] = (obs[i] + SHOULDER[i] - obs[4 + i]) * SCALE[i];
            shoulderToLockInit[i] = (initTcp[i] + SHOULDER[i] - lockLinkNow[i]) * SCALE[i];
        }
        double shoulderDist = RewardUtils.norm(shoulderToLock[0], shoulderToLock[1], shoulderToLock[2]);
        double readyToPush = RewardUtils.tolerance(shoulderDist, 0, 0.02,
                RewardUtils.norm(shoulderToLockInit[0], shoulderToLockInit[1], shoulderToLockInit[2]),
                Sigmoid.LONG_TAIL);
        double objToTarget = Math.abs(targetPos[0] - obs[4]);
        double pushed = RewardUtils.tolerance(objToTarget, 0, 0.005, LOCK_LENGTH, Sigmoid.LONG_TAIL);
        double reward = 2 * readyToPush + 8 * pushed;
        return new Evaluation(reward, new StepInfo(
                objToTarget <= 0.02 ? 1.0 : 0.0,
                shoulderDist <= 0.05 ? 1.0 : 0.0,
                obs[3] > 0 ? 1.0 : 0.0,
                readyToPush,
                pushed,
                objToTarget,
                reward));
    }
}
