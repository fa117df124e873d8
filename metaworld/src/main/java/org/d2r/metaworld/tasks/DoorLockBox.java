package org.d2r.metaworld.tasks;

import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.RewardUtils;
import org.d2r.metaworld.RewardUtils.Sigmoid;
import org.d2r.metaworld.SawyerXYZEnv;

/**
 * The door-lock tasks on one scene: the lock's lever on the door, turned down (door-lock-v2,
 * SawyerDoorLockEnvV2) or, starting turned down (hinge at 1.5708), pushed back up sideways
 * (door-unlock-v2, SawyerDoorUnlockEnvV2); the observed object is the lever tip's start site of the
 * task, and the goal is placed from the lever body after the reset. door-lock succeeds when the tip
 * (site {@code lockStartLock}) is within 2 cm in z of the goal, 10 cm below the lever's starting
 * point; door-unlock when the tip (site {@code lockStartUnlock}) is within 2 cm in x of the goal,
 * 10 cm to +x of the lever body's position after reset.
 *
 * <p>Kept from Meta-World: after moving the door in the model, door-lock's reset runs five bare
 * physics steps (the gripper controls of the hand reset still applied) and takes the goal from the
 * lever body after them. door-lock's reward's "initial" left pad is mujoco_py's live view of the
 * pad's position, so the reach margin equals the current pad-to-lever distance. door-unlock's
 * {@code obj_init_pos} is mujoco_py's live view of the lever body's position, so the reward's reach
 * margin follows the lever as it turns; its reach term tracks a point 5.5 cm behind and 7 cm above
 * the hand ("the shoulder"), not the fingers.
 */
final class DoorLockBox extends SawyerXYZEnv {

    static final double LOCK_LENGTH = 0.1;
    private static final double[] SHOULDER = {.0, .055, .07};
    private static final double[] SCALE = {0.25, 1., 0.5};

    private final boolean lock;
    private final int lockLink;

    DoorLockBox(String task, EnvConfig cfg, boolean lock) {
        super(task, "sawyer_door_lock.xml", cfg, new double[] {-0.5, 0.40, -0.15});
        this.lock = lock;
        handInitPos = F32.of(0, 0.6, 0.2);
        objInitPos = new double[] {0, 0.85, 0.15};
        targetPos = new double[] {0, 0.85, 0.1};
        setRandomResetSpace(F32.of(-0.1, 0.8, 0.15), F32.of(0.1, 0.85, 0.15));
        lockLink = bodyId("lock_link");
        observeSite(lock ? "lockStartLock" : "lockStartUnlock");
        observeBodyQuat("door_link");
        targetSite(lock ? "goal_lock" : "goal_unlock", lock ? "goal_unlock" : "goal_lock");
    }

    @Override
    protected double[] resetModel() {
        resetHand();
        double[] door = stateRandVec();
        setModelBodyPos("door", door);
        if (lock) {
            // sim.step() x frame_skip: plain physics steps, nothing re-applied
            data().step(FRAME_SKIP);
        } else {
            setObjJoint(9, 1.5708); // the lever hinge turned down
        }
        objInitPos = bodyCom(lockLink);
        targetPos = lock ? new double[] {objInitPos[0] + .0, objInitPos[1] - .04, objInitPos[2] - .1}
                : new double[] {objInitPos[0] + .1, objInitPos[1] - .04, objInitPos[2] + .0};
        return getObs();
    }

    @Override
    protected Evaluation evaluateState(double[] obs, double[] action) {
        return lock ? evaluateLock(obs, bodyCom("leftpad"), targetPos)
                : evaluateUnlock(obs, initTcp, bodyCom(lockLink), targetPos);
    }

    /** door-lock's evaluate_state and compute_reward, given the left pad's current position. */
    static Evaluation evaluateLock(double[] obs, double[] leftPad, double[] targetPos) {
        double[] obj = {obs[4], obs[5], obs[6]};
        double tcpToObj = RewardUtils.norm((obj[0] - leftPad[0]) * 0.25, (obj[1] - leftPad[1]) * 1.,
                (obj[2] - leftPad[2]) * 0.5);
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

    /**
     * door-unlock's evaluate_state and compute_reward.
     *
     * @param lockLinkNow the lever body's current position (what Meta-World's obj_init_pos view reads)
     */
    static Evaluation evaluateUnlock(double[] obs, double[] initTcp, double[] lockLinkNow, double[] targetPos) {
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
