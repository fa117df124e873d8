package org.d2r.metaworld.tasks;

import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.SawyerXYZEnv;

/**
 * The door tasks on the pull-door scene (door-open, door-close; Meta-World's door-close environment is a
 * subclass of door-open's): the door is placed from the reset vector, the goal site is placed in the model
 * once per reset and never re-written (the scene's target site list is empty), and the hinge starts at
 * the task's angle. The observed object is the handle geom, with scipy's scalar-last quaternion.
 */
abstract class DoorPull extends SawyerXYZEnv {

    private final double startAngle;
    private final int doorAngleIdx;

    DoorPull(String task, EnvConfig cfg, double startAngle) {
        super(task, "sawyer_door_pull.xml", cfg);
        this.startAngle = startAngle;
        doorAngleIdx = jointQposAddr("doorjoint");
        observeGeom("handle");
        // _target_site_config is empty: the goal site stays where reset put it
        targetSite(null);
    }

    /** The goal for the door's position this episode. */
    abstract double[] goal(double[] door);

    @Override
    protected double[] resetModel() {
        resetHand();
        objInitPos = stateRandVec();
        targetPos = goal(objInitPos);
        setModelBodyPos("door", objInitPos);
        setModelSitePos("goal", targetPos);
        // the door's _set_obj_xyz: the hinge angle, its velocity zeroed, then a forward (Meta-World indexes qvel
        // with the qpos address; the hinge's dof address is the same here)
        double[] q = qpos();
        double[] v = qvel();
        q[doorAngleIdx] = startAngle;
        v[doorAngleIdx] = 0;
        setState(q, v);
        return getObs();
    }
}
