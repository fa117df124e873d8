package org.d2r.metaworld.tasks;

import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.RewardUtils;
import org.d2r.metaworld.RewardUtils.Sigmoid;
import org.d2r.metaworld.Rotations;

/**
 * soccer-v2 (SawyerSoccerEnvV2): push a ball into a goal placed each episode (success within
 * 7 cm of the goal).
 *
 * <p>Kept from Meta-World: the in-place reward measures distances with x weighted 3x and its
 * margin is the ball's (scaled) distance from where it started, so it is 0 until the ball moves;
 * the 0.07 "success" override of the reward compares that scaled distance, while the info's
 * success and obj_to_target use the plain one. grasp_success tests {@code self.touching_object},
 * a method that is never called and so always true.
 */
public final class SoccerV2 extends ObjectTask {

    private static final double OBJ_RADIUS = 0.013;
    private static final double SOCCER_TARGET_RADIUS = 0.07;
    private static final double OBJ_INIT_Z = 0.03;

    public SoccerV2(EnvConfig cfg) {
        super("soccer-v2", "sawyer_soccer.xml", cfg, false, SoccerV2::evaluate);
        handInitPos = new double[] {0., .6, .2};
        objInitPos = new double[] {0, 0.6, OBJ_INIT_Z};
        targetPos = new double[] {0., 0.9, 0.03};
        setRandomResetSpace(new double[] {-0.1, 0.6, 0.03, -0.1, 0.8, 0.0},
                new double[] {0.1, 0.7, 0.03, 0.1, 0.9, 0.0});
        observeBody("soccer_ball");
    }

    @Override
    protected void objectQuaternions(double[] out) {
        // Rotation.from_matrix(data.get_body_xmat('soccer_ball')).as_quat()
        Rotations.matrixToQuatXyzw(GraspRewards.quatToMat(bodyXquat("soccer_ball")), out);
    }

    @Override
    protected double[] resetModel() {
        resetHand();
        double[] v = stateRandVecApart(0.15);
        targetPos = new double[] {v[3], v[4], v[5]};
        // the ball keeps the initial height (the drawn z is the same 0.03)
        objInitPos = new double[] {v[0], v[1], OBJ_INIT_Z};
        setModelBodyPos("goal_whole", targetPos);
        setObjXyz(objInitPos);
        return getObs();
    }

    static Evaluation evaluate(RewardInputs s) {
        double[] obj = s.obj();
        double tcpOpened = s.tcpOpened();
        double[] target = s.target();
        double[] init = s.objInitPos();
        double tcpToObj = RewardUtils.dist(obj, s.tcp());
        double targetToObj = GraspRewards.scaledDist(obj, target, 3, 1, 1);
        double targetToObjInit = GraspRewards.scaledDist(obj, init, 3, 1, 1);
        double inPlace = RewardUtils.tolerance(targetToObj, 0, SOCCER_TARGET_RADIUS, targetToObjInit,
                Sigmoid.LONG_TAIL);
        double goalLine = target[1] - 0.1;
        if (obj[1] > goalLine && Math.abs(obj[0] - target[0]) > 0.10) {
            inPlace = Math.min(Math.max(inPlace - 2 * ((obj[1] - goalLine) / (1 - goalLine)), 0.), 1.);
        }
        double objectGrasped = GraspRewards.ownCaging(s, OBJ_RADIUS, 0.01, 0.005);
        double reward = 3 * objectGrasped + 6.5 * inPlace;
        if (targetToObj < SOCCER_TARGET_RADIUS) {
            reward = 10.;
        }
        double objToTarget = RewardUtils.dist(obj, target);
        double graspSuccess = tcpOpened > 0 && obj[2] - 0.02 > init[2] ? 1.0 : 0.0;
        return GraspRewards.placeEvaluation(reward, objToTarget, tcpToObj, graspSuccess, objectGrasped, inPlace);
    }
}
