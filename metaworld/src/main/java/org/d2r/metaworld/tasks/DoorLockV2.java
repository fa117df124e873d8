package org.d2r.metaworld.tasks;

import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.RewardUtils;
import org.d2r.metaworld.RewardUtils.Sigmoid;
import org.d2r.metaworld.SawyerXYZEnv;
import org.d2r.metaworld.StepInfo;

/**
 * door-lock-v2 (SawyerDoorLockEnvV2): turn the lock's lever down until its tip (site
 * {@code lockStartLock}) is within 2 cm in z of the goal, 10 cm below the lever's starting point.
 *
 * <p>Kept from Meta-World: after moving the door in the model, reset runs five bare physics steps
 * (the gripper controls of the hand reset still applied) and takes the goal from the lever body
 * after them. The reward's "initial" left pad is mujoco_py's live view of the pad's position, so
 * the reach margin equals the current pad-to-lever distance.
 */
public final class DoorLockV2 extends SawyerXYZEnv {

    static final double LOCK_LENGTH = 0.1;
    private static final double[] FAR_AWAY = {10., 10., 10.};

    private final int lockSite;
    private final int lockLink;

    public DoorLockV2(EnvConfig cfg) {
        super("door-lock-v2", "sawyer_door_lock.xml", cfg, new double[] {-0.5, 0.40, -0.15},
                new double[] {0.5, 1, 0.5}, null, null);
        handInitPos = F32.of(0, 0.6, 0.2);
        objInitPos = new double[] {0, 0.85, 0.15};
        targetPos = new double[] {0, 0.85, 0.1};
        setRandomResetSpace(F32.of(-0.1, 0.8, 0.15), F32.of(0.1, 0.85, 0.15));
        lockSite = siteId("lockStartLock");
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
        setSitePos("goal_lock", targetPos);
        setSitePos("goal_unlock", FAR_AWAY);
    }

    @Override
    protected double[] resetModel() {
        resetHand();
        double[] door = stateRandVec();
        setModelBodyPos("door", door);
        // sim.step() x frame_skip: plain physics steps, nothing re-applied
        data().step(FRAME_SKIP);
        objInitPos = bodyCom(lockLink);
        targetPos = new double[] {objInitPos[0] + .0, objInitPos[1] - .04, objInitPos[2] - .1};
        return getObs();
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
        return new Evaluation(reward, new StepInfo(
                objToTarget <= 0.02 ? 1.0 : 0.0,
                tcpToObj <= 0.05 ? 1.0 : 0.0,
                obs[3] > 0 ? 1.0 : 0.0,
                nearLock,
                lockPressed,
                objToTarget,
                reward));
    }
}
