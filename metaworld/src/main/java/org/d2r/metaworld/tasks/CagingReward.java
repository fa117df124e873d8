package org.d2r.metaworld.tasks;

import org.d2r.metaworld.RewardUtils;
import org.d2r.metaworld.RewardUtils.Sigmoid;

/**
 * SawyerXYZEnv._gripper_caging_reward as a pure function of the state it reads (pad y positions,
 * tool-centre point, the object's reference "initial" position and the initial tool-centre
 * point), so that a task's reward can be checked against Meta-World on recorded states. The
 * caller passes the initial position the task's own code uses: most tasks use obj_init_pos,
 * stick-push's override uses the stick's.
 */
final class CagingReward {
    private CagingReward() {}

    /** The caging reward's tuning: Meta-World's keyword arguments of the same names. */
    record Params(double objRadius, double padSuccessThresh, double objectReachRadius, double xzThresh,
                  double desiredGripperEffort, boolean highDensity, boolean mediumDensity) {
        Params {
            if (highDensity && mediumDensity) {
                throw new IllegalArgumentException("Can only be either high_density or medium_density");
            }
        }
    }

    static double compute(double[] action, double[] objPos, double[] objInit, double[] tcp, double[] initTcp,
                          double leftPadY, double rightPadY, Params p) {
        double[] padY = {leftPadY, rightPadY};
        double[] caging = new double[2];
        for (int i = 0; i < 2; i++) {
            double padToObj = Math.abs(padY[i] - objPos[1]);
            double padToObjInit = Math.abs(padY[i] - objInit[1]);
            double margin = Math.abs(padToObjInit - p.padSuccessThresh());
            caging[i] = RewardUtils.tolerance(padToObj, p.objRadius(), p.padSuccessThresh(), margin,
                    Sigmoid.LONG_TAIL);
        }
        double cagingY = RewardUtils.hamacherProduct(caging[0], caging[1]);

        double xzMargin = norm2(objInit[0] - initTcp[0], objInit[2] - initTcp[2]) - p.xzThresh();
        double cagingXz = RewardUtils.tolerance(norm2(tcp[0] - objPos[0], tcp[2] - objPos[2]), 0, p.xzThresh(),
                xzMargin, Sigmoid.LONG_TAIL);

        double effort = p.desiredGripperEffort();
        double gripperClosed = Math.min(Math.max(0, action[action.length - 1]), effort) / effort;
        double cagingAll = RewardUtils.hamacherProduct(cagingY, cagingXz);
        double gripping = cagingAll > 0.97 ? gripperClosed : 0.0;
        double result = RewardUtils.hamacherProduct(cagingAll, gripping);
        if (p.highDensity()) {
            result = (result + cagingAll) / 2;
        }
        if (p.mediumDensity()) {
            double tcpToObj = RewardUtils.dist(objPos, tcp);
            double tcpToObjInit = RewardUtils.dist(objInit, initTcp);
            double reachMargin = Math.abs(tcpToObjInit - p.objectReachRadius());
            double reach = RewardUtils.tolerance(tcpToObj, 0, p.objectReachRadius(), reachMargin, Sigmoid.LONG_TAIL);
            result = (result + reach) / 2;
        }
        return result;
    }

    /** numpy's norm of a 2-vector: sqrt of the sum of squares (not hypot). */
    static double norm2(double a, double b) {
        return Math.sqrt(a * a + b * b);
    }

    /**
     * The reward_quat of the wrench, hammer and box-close tasks: 1 - |q - ideal| / {@code zeroAt}, at
     * least 0 (the first object's observed quaternion).
     */
    static double quatReward(double[] obs, double[] ideal, double zeroAt) {
        double s = 0;
        for (int i = 0; i < 4; i++) {
            double d = obs[7 + i] - ideal[i];
            s += d * d;
        }
        return Math.max(1.0 - Math.sqrt(s) / zeroAt, 0.0);
    }
}
