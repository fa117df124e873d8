package org.d2r.metaworld.tasks;

import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.RewardUtils;
import org.d2r.metaworld.RewardUtils.Sigmoid;

/**
 * door-open-v2 (SawyerDoorEnvV2): swing the door open by its handle until the handle's x is
 * within 8 cm of the goal's. The observed object is the handle geom, with scipy's scalar-last
 * quaternion of its rotation matrix.
 */
public final class DoorOpenV2 extends DoorPull {

    public DoorOpenV2(EnvConfig cfg) {
        super("door-open-v2", cfg, 0);
        handInitPos = new double[] {0, 0.6, 0.2};
        objInitPos = new double[] {0.1, 0.95, 0.15};
        setRandomResetSpace(new double[] {0., 0.85, 0.15}, new double[] {0.1, 0.95, 0.15});
    }

    @Override
    double[] goal(double[] door) {
        return new double[] {door[0] - 0.3, door[1] - 0.45, door[2]};
    }

    @Override
    protected Evaluation evaluateState(double[] obs, double[] action) {
        return evaluate(obs, action, jointQpos("doorjoint"), targetPos);
    }

    /**
     * evaluate_state and compute_reward given the door hinge angle {@code theta}, with _reward_pos's two terms:
     * ready to open, and opened.
     */
    static Evaluation evaluate(double[] obs, double[] action, double theta, double[] targetPos) {
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
}
