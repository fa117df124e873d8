package org.d2r.metaworld.tasks;

import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.RewardUtils;
import org.d2r.metaworld.RewardUtils.Sigmoid;

/**
 * door-unlock-v2 (SawyerDoorUnlockEnvV2): the lock's lever starts turned down (hinge at 1.5708);
 * push it sideways until its tip (site {@code lockStartUnlock}) is within 2 cm in x of the goal,
 * 10 cm to +x of the lever body's position after reset.
 *
 * <p>Kept from Meta-World: {@code obj_init_pos} is mujoco_py's live view of the lever body's
 * position, so the reward's reach margin follows the lever as it turns; the reach term tracks a
 * point 5.5 cm behind and 7 cm above the hand ("the shoulder"), not the fingers.
 */
public final class DoorUnlockV2 extends DoorLockBox {

    private static final double[] SHOULDER = {.0, .055, .07};
    private static final double[] SCALE = {0.25, 1., 0.5};

    public DoorUnlockV2(EnvConfig cfg) {
        super("door-unlock-v2", cfg, false);
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
        return GraspRewards.pressEvaluation(reward, objToTarget <= 0.02, shoulderDist <= 0.05, obs, readyToPush, pushed,
                objToTarget);
    }
}
