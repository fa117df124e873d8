package org.d2r.metaworld.tasks;

import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.RewardUtils;
import org.d2r.metaworld.RewardUtils.Sigmoid;
import org.d2r.metaworld.SawyerXYZEnv;
import org.d2r.metaworld.StepInfo;

/**
 * sweep-v2 (SawyerSweepEnvV2): sweep a block off the table's right edge (success within 5 cm of
 * the goal {@code (0.5, block y, 0.01)} beside the table). Only the block's position is drawn; the
 * goal takes its y.
 */
public final class SweepV2 extends SawyerXYZEnv {

    private static final double OBJ_RADIUS = 0.02;
    private static final double[] GOAL = {0.5, 0.65, 0.01};
    private static final double OBJ_INIT_Z = 0.02;

    public SweepV2(EnvConfig cfg) {
        super("sweep-v2", "sawyer_sweep_v2.xml", cfg, new double[] {-0.5, 0.40, 0.05},
                new double[] {0.5, 1.0, 0.5}, null, null);
        handInitPos = new double[] {0., .6, .2};
        objInitPos = new double[] {0., 0.6, OBJ_INIT_Z};
        targetPos = GOAL.clone();
        setRandomResetSpace(new double[] {-0.1, 0.6, 0.02}, new double[] {0.1, 0.7, 0.02});
    }

    @Override
    protected void objectQuaternions(double[] out) {
        System.arraycopy(bodyXquat("obj"), 0, out, 0, 4);
    }

    @Override
    protected double[] resetModel() {
        resetHand();
        double[] v = stateRandVec();
        objInitPos = new double[] {v[0], v[1], OBJ_INIT_Z};
        targetPos = new double[] {GOAL[0], v[1], GOAL[2]};
        setObjXyz(objInitPos);
        return getObs();
    }

    @Override
    protected Evaluation evaluateState(double[] obs, double[] action) {
        return evaluate(new RewardInputs(obs, action, tcpCenter(), initTcp, targetPos, objInitPos,
                leftPadY(), rightPadY(), touchingMainObject()));
    }

    static Evaluation evaluate(RewardInputs s) {
        final double targetRadius = 0.05;
        double[] obj = s.obj();
        double tcpOpened = s.tcpOpened();
        double objToTarget = RewardUtils.dist(obj, s.target());
        double tcpToObj = RewardUtils.dist(obj, s.tcp());
        double inPlaceMargin = RewardUtils.dist(s.objInitPos(), s.target());
        double inPlace = RewardUtils.tolerance(objToTarget, 0, targetRadius, inPlaceMargin, Sigmoid.LONG_TAIL);
        double objectGrasped = GraspRewards.ownCaging(s, OBJ_RADIUS, 0.01, 0.005);
        double inPlaceAndGrasped = RewardUtils.hamacherProduct(objectGrasped, inPlace);
        double reward = 2 * objectGrasped + 6 * inPlaceAndGrasped;
        if (objToTarget < targetRadius) {
            reward = 10.;
        }
        return new Evaluation(reward, new StepInfo(
                objToTarget <= 0.05 ? 1.0 : 0.0,
                tcpToObj <= 0.03 ? 1.0 : 0.0,
                s.touching() && tcpOpened > 0 ? 1.0 : 0.0,
                objectGrasped,
                inPlace,
                objToTarget,
                reward));
    }
}
