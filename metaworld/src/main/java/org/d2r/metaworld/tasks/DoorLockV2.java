package org.d2r.metaworld.tasks;

import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.RewardUtils;
import org.d2r.metaworld.RewardUtils.Sigmoid;

/**
 * door-lock-v2 (SawyerDoorLockEnvV2): turn the lock's lever down until its tip (site
 * {@code lockStartLock}) is within 2 cm in z of the goal, 10 cm below the lever's starting point.
 *
 * <p>Kept from Meta-World: after moving the door in the model, reset runs five bare physics steps
 * (the gripper controls of the hand reset still applied) and takes the goal from the lever body
 * after them. The reward's "initial" left pad is mujoco_py's live view of the pad's position, so
 * the reach margin equals the current pad-to-lever distance.
 */
public final class DoorLockV2 extends DoorLockBox {

    public DoorLockV2(EnvConfig cfg) {
        super("door-lock-v2", cfg, true);
    }

    @Override
    protected Evaluation evaluateState(double[] obs, double[] action) {
        return evaluate(obs, bodyCom("leftpad"), targetPos);
    }

    /** evaluate_state and compute_reward, given the left pad's current position. */
    static Evaluation evaluate(double[] obs, double[] leftPad, double[] targetPos) {
        double[] obj = {obs[4], obs[5], obs[6]};
        double tcpToObj = RewardUtils.norm((obj[0] - leftPad[0]) * 0.25, (obj[1] - leftPad[1]) * 1.,
                (obj[2] - leftPad[2]) * 0.5);
        // init_left_pad is a live view of the pad: the same distance again
        double tcpToObjInit = tcpToObj;
        double objToTarget = Math.abs(targetPos[2] - obj[2]);
        double tcpOpened = Math.max(obs[3], 0.0);
        double nearLock = RewardUtils.tolerance(tcpToObj, 0, 0.01, tcpToObjInit, Sigmoid.LONG_TAIL);
        double lockPressed = RewardUtils.tolerance(objToTarget, 0, 0.005, LOCK_LENGTH, Sigmoid.LONG_TAIL);
        double reward = 2 * RewardUtils.hamacherProduct(tcpOpened, nearLock);
        reward += 8 * lockPressed;
        return GraspRewards.pressEvaluation(reward, objToTarget <= 0.02, tcpToObj <= 0.05, obs, nearLock, lockPressed,
                objToTarget);
    }
}
