package org.d2r.metaworld.tasks;

import org.d2r.metaworld.RewardUtils;
import org.d2r.metaworld.RewardUtils.Sigmoid;
import org.d2r.metaworld.SawyerXYZEnv.Evaluation;
import org.d2r.metaworld.StepInfo;

/**
 * The task-specific caging reward of push-back, sweep-into, sweep and soccer as a pure function of
 * {@link RewardInputs}, the distance and rotation helpers of the MT50 group c rewards, and the info
 * layouts that the placing, grabbing, reaching and pressing tasks share. The shared
 * SawyerXYZEnv._gripper_caging_reward is {@link CagingReward#compute}, which every task that uses it
 * calls with its own {@link CagingReward.Params}.
 *
 * <p>Meta-World keeps {@code init_left_pad / init_right_pad} as mujoco_py views into
 * {@code data.xpos} (see PickPlaceV2), so the "initial" pads in the task-specific caging reward
 * are the current ones; it takes only the current pads.
 */
final class GraspRewards {
    private GraspRewards() {}

    /**
     * The caging reward that push-back, sweep-into, sweep and soccer define for themselves: signed
     * pad-to-object y offsets caged within {@code [objRadius, 0.05]}, "gripping" when they are also
     * within {@code objRadius + gripExtra}, x-z closeness within {@code xzSuccessMargin}; the
     * gripping term counts once caging exceeds 0.95, and the result is (caging + gripping) / 2.
     * The grab effort plays no part (Meta-World computes it and never uses it).
     */
    static double ownCaging(RewardInputs s, double objRadius, double gripExtra, double xzSuccessMargin) {
        final double padSuccessMargin = 0.05;
        double gripSuccessMargin = objRadius + gripExtra;
        double[] obj = s.obj();
        double deltaLeft = s.leftPadY() - obj[1];
        double deltaRight = obj[1] - s.rightPadY();
        double rightMargin = Math.abs(Math.abs(obj[1] - s.rightPadY()) - padSuccessMargin);
        double leftMargin = Math.abs(Math.abs(obj[1] - s.leftPadY()) - padSuccessMargin);
        double rightCaging = RewardUtils.tolerance(deltaRight, objRadius, padSuccessMargin, rightMargin,
                Sigmoid.LONG_TAIL);
        double leftCaging = RewardUtils.tolerance(deltaLeft, objRadius, padSuccessMargin, leftMargin,
                Sigmoid.LONG_TAIL);
        double rightGripping = RewardUtils.tolerance(deltaRight, objRadius, gripSuccessMargin, rightMargin,
                Sigmoid.LONG_TAIL);
        double leftGripping = RewardUtils.tolerance(deltaLeft, objRadius, gripSuccessMargin, leftMargin,
                Sigmoid.LONG_TAIL);
        double yCaging = RewardUtils.hamacherProduct(rightCaging, leftCaging);
        double yGripping = RewardUtils.hamacherProduct(rightGripping, leftGripping);

        double[] tcp = s.tcp();
        double[] init = s.objInitPos();
        double[] initTcp = s.initTcp();
        double tcpObjXz = CagingReward.norm2(tcp[0] - obj[0], tcp[2] - obj[2]);
        double xzMargin = CagingReward.norm2(init[0] - initTcp[0], init[2] - initTcp[2]) - xzSuccessMargin;
        double xzCaging = RewardUtils.tolerance(tcpObjXz, 0, xzSuccessMargin, xzMargin, Sigmoid.LONG_TAIL);

        double caging = RewardUtils.hamacherProduct(yCaging, xzCaging);
        double gripping = caging > 0.95 ? yGripping : 0.0;
        return (caging + gripping) / 2;
    }

    /**
     * The info that the object tasks' evaluate_state reports: success within 7 cm of the target,
     * near the object within 3 cm of it.
     */
    static Evaluation placeEvaluation(double reward, double objToTarget, double tcpToObj, double graspSuccess,
                                      double objectGrasped, double inPlace) {
        return placeEvaluation(reward, objToTarget <= 0.07, objToTarget, tcpToObj, graspSuccess, objectGrasped,
                inPlace);
    }

    /** That info where the task judges success itself (push, the sweeps, hand-insert, peg and stick tasks). */
    static Evaluation placeEvaluation(double reward, boolean success, double objToTarget, double tcpToObj,
                                      double graspSuccess, double objectGrasped, double inPlace) {
        return new Evaluation(reward, new StepInfo(success ? 1.0 : 0.0, tcpToObj <= 0.03 ? 1.0 : 0.0, graspSuccess,
                objectGrasped, inPlace, objToTarget, reward));
    }

    /**
     * The info of the tasks whose evaluate_state reports a grab term (hammer, the wrench tasks,
     * box-close, door-open): grasp success once it reaches 0.5, no object-to-target distance.
     */
    static Evaluation grabEvaluation(double reward, boolean success, double nearObject, double grab,
                                     double inPlace) {
        return new Evaluation(reward, new StepInfo(success ? 1.0 : 0.0, nearObject, grab >= 0.5 ? 1.0 : 0.0, grab,
                inPlace, 0.0, reward));
    }

    /**
     * The info of the tasks that reach for a handle, dial or window and move it (grasp success is
     * always 1 in their evaluate_state): success and near-object as judged by the task.
     */
    static Evaluation reachEvaluation(double reward, boolean success, boolean near, double reach, double inPlace,
                                      double objToTarget) {
        return new Evaluation(reward, new StepInfo(success ? 1.0 : 0.0, near ? 1.0 : 0.0, 1.0, reach, inPlace,
                objToTarget, reward));
    }

    /**
     * The info of the tasks that press or pull a part without grasping it (buttons, door lock and
     * unlock, drawer-open): grasp success means an open gripper ({@code obs[3] > 0}).
     */
    static Evaluation pressEvaluation(double reward, boolean success, boolean near, double[] obs, double nearTerm,
                                      double inPlace, double objToTarget) {
        return new Evaluation(reward, new StepInfo(success ? 1.0 : 0.0, near ? 1.0 : 0.0, obs[3] > 0 ? 1.0 : 0.0,
                nearTerm, inPlace, objToTarget, reward));
    }

    /** numpy.linalg.norm of an element-wise scaled difference: |(a - b) * scale|. */
    static double scaledDist(double[] a, double[] b, double sx, double sy, double sz) {
        double x = (a[0] - b[0]) * sx;
        double y = (a[1] - b[1]) * sy;
        double z = (a[2] - b[2]) * sz;
        return Math.sqrt(x * x + y * y + z * z);
    }

    /**
     * MuJoCo's mju_quat2Mat (how it fills xmat from xquat), row-major, so that
     * {@code Rotation.from_matrix(data.get_body_xmat(name))} can be reproduced from xquat.
     */
    static double[] quatToMat(double[] q) {
        if (q[0] == 1 && q[1] == 0 && q[2] == 0 && q[3] == 0) {
            return new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1};
        }
        double q00 = q[0] * q[0], q01 = q[0] * q[1], q02 = q[0] * q[2], q03 = q[0] * q[3];
        double q11 = q[1] * q[1], q12 = q[1] * q[2], q13 = q[1] * q[3];
        double q22 = q[2] * q[2], q23 = q[2] * q[3], q33 = q[3] * q[3];
        double[] m = new double[9];
        m[0] = q00 + q11 - q22 - q33;
        m[4] = q00 - q11 + q22 - q33;
        m[8] = q00 - q11 - q22 + q33;
        m[1] = 2 * (q12 - q03);
        m[2] = 2 * (q13 + q02);
        m[3] = 2 * (q12 + q03);
        m[5] = 2 * (q23 - q01);
        m[6] = 2 * (q13 - q02);
        m[7] = 2 * (q23 + q01);
        return m;
    }
}
