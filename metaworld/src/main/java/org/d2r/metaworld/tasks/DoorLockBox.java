package org.d2r.metaworld.tasks;

import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.SawyerXYZEnv;

/**
 * The door-lock tasks (door-lock, door-unlock) on one scene: the lock's lever on the door, turned
 * down (lock) or pushed back up sideways (unlock); the observed object is the lever tip's start
 * site of the task, and the goal is placed from the lever body after the reset.
 */
abstract class DoorLockBox extends SawyerXYZEnv {

    static final double LOCK_LENGTH = 0.1;

    private final boolean lock;
    final int lockLink;

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
            setObjJoint(1.5708); // the lever hinge turned down
        }
        objInitPos = bodyCom(lockLink);
        targetPos = lock ? new double[] {objInitPos[0] + .0, objInitPos[1] - .04, objInitPos[2] - .1}
                : new double[] {objInitPos[0] + .1, objInitPos[1] - .04, objInitPos[2] + .0};
        return getObs();
    }
}
