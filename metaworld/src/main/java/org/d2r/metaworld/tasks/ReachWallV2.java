package org.d2r.metaworld.tasks;

import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.RewardUtils;
import org.d2r.metaworld.RewardUtils.Sigmoid;
import org.d2r.metaworld.SawyerXYZEnv;
import org.d2r.metaworld.StepInfo;

/**
 * reach-wall-v2 (SawyerReachWallEnvV2): bring the tool centre within 5 cm of a goal in the air
 * behind a wall. The puck only decorates the scene (its position is observed).
 */
public final class ReachWallV2 extends SawyerXYZEnv {

    private final int objBody;
    private final int objGeom;

    public ReachWallV2(EnvConfig cfg) {
        super("reach-wall-v2", "sawyer_reach_wall_v2.xml", cfg, new double[] {-0.5, 0.40, 0.05},
                new double[] {0.5, 1, 0.5}, null, null);
        handInitPos = new double[] {0, .6, .2};
        objInitPos = new double[] {0, 0.6, 0.02};
        targetPos = new double[] {-0.05, 0.8, 0.2};
        setRandomResetSpace(new double[] {-0.05, 0.6, 0.015, -0.05, 0.85, 0.05},
                new double[] {0.05, 0.65, 0.015, 0.05, 0.9, 0.3});
        objBody = bodyId("obj");
        objGeom = geomId("objGeom");
    }

    @Override
    protected int objectPositions(double[] out) {
        bodyComInto(objBody, out, 0);
        return 1;
    }

    @Override
    protected void objectQuaternions(double[] out) {
        geomQuatXyzw(objGeom, out, 0);
    }

    @Override
    protected double[] resetModel() {
        resetHand();
        double[] v = stateRandVec();
        while (CagingReward.norm2(v[0] - v[3], v[1] - v[4]) < 0.15) {
            v = stateRandVec();
        }
        targetPos = new double[] {v[3], v[4], v[5]};
        objInitPos = new double[] {v[0], v[1], v[2]};
        setObjXyz(objInitPos);
        return getObs();
    }

    @Override
    protected Evaluation evaluateState(double[] obs, double[] action) {
        return evaluate(tcpCenter(), targetPos, handInitPos);
    }

    static Evaluation evaluate(double[] tcp, double[] target, double[] handInitPos) {
        double tcpToTarget = RewardUtils.dist(tcp, target);
        double inPlaceMargin = RewardUtils.dist(handInitPos, target);
        double inPlace = RewardUtils.tolerance(tcpToTarget, 0, TARGET_RADIUS, inPlaceMargin, Sigmoid.LONG_TAIL);
        double reward = 10 * inPlace;
        return new Evaluation(reward, new StepInfo(
                tcpToTarget <= 0.05 ? 1.0 : 0.0,
                0.0,
                0.0,
                0.0,
                inPlace,
                tcpToTarget,
                reward));
    }
}
