package org.d2r.metaworld.tasks;

import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.RewardUtils;
import org.d2r.metaworld.RewardUtils.Sigmoid;
import org.d2r.metaworld.SawyerXYZEnv;
import org.d2r.metaworld.StepInfo;

/**
 * The door tasks on the pull-door scene (Meta-World's door-close environment is a subclass of door-open's): the
 * door is placed from the reset vector, the goal site is placed in the model once per reset and never re-written
 * (the scene's target site list is empty), and the hinge starts at the task's angle. The observed object is the
 * handle geom, with scipy's scalar-last quaternion of its rotation matrix. door-open-v2 (SawyerDoorEnvV2): swing
 * the door open by its handle until the handle's x is within 8 cm of the goal's. door-close-v2
 * (SawyerDoorCloseEnvV2): the door starts swung open by 90 degrees; push it shut until the handle is within 8 cm
 * of the goal, which lies 20 cm to +x and 20 cm to -y of the door's base.
 *
 * <p>Kept from Meta-World: door-close's hand starts at x = -0.5 (float32 values), and its reward's hand margin
 * uses the hand's initial position, not the tool-centre point.
 */
final class DoorPull extends SawyerXYZEnv {

    private static final double DOOR_OPEN_ANGLE = -1.5708;

    private final boolean open;
    private final int doorAngleIdx;

    DoorPull(String task, EnvConfig cfg, boolean open) {
        super(task, "sawyer_door_pull.xml", cfg);
        this.open = open;
        doorAngleIdx = jointQposAddr("doorjoint");
        observeGeom("handle");
        // _target_site_config is empty: the goal site stays where reset put it
        targetSite(null);
        if (open) {
            handInitPos = new double[] {0, 0.6, 0.2};
            objInitPos = new double[] {0.1, 0.95, 0.15};
            setRandomResetSpace(new double[] {0., 0.85, 0.15}, new double[] {0.1, 0.95, 0.15});
        } else {
            handInitPos = F32.of(-0.5, 0.6, 0.2);
            objInitPos = F32.of(0.1, 0.95, 0.15);
            targetPos = new double[] {0.2, 0.8, 0.15};
            // door-open's reset space, inherited
            setRandomResetSpace(F32.of(0., 0.85, 0.15), F32.of(0.1, 0.95, 0.15));
        }
    }

    @Override
    protected double[] resetModel() {
        resetHand();
        objInitPos = stateRandVec();
        targetPos = open ? new double[] {objInitPos[0] - 0.3, objInitPos[1] - 0.45, objInitPos[2]}
                : new double[] {objInitPos[0] + 0.2, objInitPos[1] - 0.2, objInitPos[2] + 0.};
        setModelBodyPos("door", objInitPos);
        setModelSitePos("goal", targetPos);
        // the door's _set_obj_xyz: the hinge angle (Meta-World indexes qvel with the qpos address; the hinge's dof
        // address is the same here)
        setObjJoint(doorAngleIdx, open ? 0 : DOOR_OPEN_ANGLE);
        return getObs();
    }

    @Override
    protected Evaluation evaluateState(double[] obs, double[] action) {
        if (open) {
            return evaluateOpen(obs, action, jointQpos("doorjoint"), targetPos);
        }
        return evaluateClose(obs, tcpCenter(), targetPos, objInitPos, handInitPos);
    }

    /**
     * door-open's evaluate_state and compute_reward given the door hinge angle {@code theta}, with _reward_pos's
     * two terms: ready to open, and opened.
     */
    static Evaluation evaluateOpen(double[] obs, double[] action, double theta, double[] targetPos) {
        double grab = (Math.max(-1, Math.min(1, action[3])) + 1.0) / 2.0;
        double hx = obs[0], hy = obs[1], hz = obs[2];
        double dx = obs[4] - 0.05, dy = obs[5], dz = obs[6];
        double threshold = 0.12;
        // A funnel-shaped floor around the handle keeps the hand from hitting the handle too early.
        double radius = Math.sqrt((hx - dx) * (hx - dx) + (hy - dy) * (hy - dy));
        double floor = radius <= threshold ? 0.0 : 0.04 * Math.log(radius - threshold) + 0.4;
        double aboveFloor = hz >= floor ? 1.0
                : RewardUtils.tolerance(floor - hz, 0.0, 0.01, floor / 2.0, Sigmoid.LONG_TAIL);
        double inPlace = RewardUtils.tolerance(
                RewardUtils.norm(hx - dx - 0.05, hy - dy - 0.03, hz - dz + 0.01),
                0, threshold / 2.0, 0.5, Sigmoid.LONG_TAIL);
        double ready = RewardUtils.hamacherProduct(aboveFloor, inPlace);

        double doorAngle = -theta;
        double a = 0.2;  // weight of merely starting to open
        double b = 0.8;  // weight of opening fully
        double opened = a * (theta < -Math.PI / 90. ? 1.0 : 0.0) + b * RewardUtils.tolerance(
                Math.PI / 2. + Math.PI / 6 - doorAngle, 0, 0.5, Math.PI / 3., Sigmoid.LONG_TAIL);

        double reward = 2.0 * RewardUtils.hamacherProduct(ready, grab) + 8.0 * opened;
        boolean success = Math.abs(obs[4] - targetPos[0]) <= 0.08;
        if (success) {
            reward = 10.0;
        }
        return GraspRewards.grabEvaluation(reward, success, ready, grab, opened);
    }

    /** door-close's evaluate_state and compute_reward. */
    static Evaluation evaluateClose(double[] obs, double[] tcp, double[] targetPos, double[] objInitPos,
                                    double[] handInitPos) {
        final double targetRadius = 0.05;
        double[] obj = {obs[4], obs[5], obs[6]};
        double tcpToTarget = RewardUtils.dist(tcp, targetPos);
        double objToTarget = RewardUtils.dist(obj, targetPos);

        double inPlaceMargin = RewardUtils.dist(objInitPos, targetPos);
        double inPlace = RewardUtils.tolerance(objToTarget, 0, targetRadius, inPlaceMargin, Sigmoid.GAUSSIAN);

        double handMargin = RewardUtils.dist(handInitPos, obj) + 0.1;
        double handInPlace = RewardUtils.tolerance(tcpToTarget, 0, 0.25 * targetRadius, handMargin,
                Sigmoid.GAUSSIAN);

        double reward = 3 * handInPlace + 6 * inPlace;
        if (objToTarget < targetRadius) {
            reward = 10;
        }
        return new Evaluation(reward, new StepInfo(
                objToTarget <= 0.08 ? 1.0 : 0.0,
                0.,
                1.,
                1.,
                handInPlace,
                objToTarget,
                reward));
    }
}
