package org.d2r.metaworld.tasks;

import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.RewardUtils;
import org.d2r.metaworld.SawyerXYZEnv;
import org.d2r.metaworld.StepInfo;

/** reach-v2 (SawyerReachEnvV2): bring the tool centre within 5 cm of a goal in the air. */
public final class ReachV2 extends SawyerXYZEnv {

    private static final double[] OBJ_INIT_POS = {0.0, 0.6, 0.02};

    private final int objBody;
    private final int objGeom;

    public ReachV2(EnvConfig cfg) {
        super("reach-v2", "sawyer_reach_v2.xml", cfg, new double[] {-0.5, 0.40, 0.05},
                new double[] {0.5, 1, 0.5}, null, null);
        handInitPos = new double[] {0.0, 0.6, 0.2};
        objInitPos = OBJ_INIT_POS.clone();
        targetPos = new double[] {-0.1, 0.8, 0.2};
        // obj_low + goal_low, obj_high + goal_high
        setRandomResetSpace(new double[] {-0.1, 0.6, 0.02, -0.1, 0.8, 0.05},
                new double[] {0.1, 0.7, 0.02, 0.1, 0.9, 0.3});
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
        // Goal at least 15 cm (in x-y) from the object; redraw otherwise, as Meta-World does.
        while (Math.hypot(v[0] - v[3], v[1] - v[4]) < 0.15) {
            v = stateRandVec();
        }
        targetPos = new double[] {v[3], v[4], v[5]};
        objInitPos = new double[] {v[0], v[1], v[2]};
        setObjXyz(objInitPos);
        return getObs();
    }

    @Override
    protected Evaluation evaluateState(double[] obs, double[] action) {
        double[] tcp = tcpCenter();
        double tcpToTarget = RewardUtils.dist(tcp, targetPos);
        double inPlaceMargin = RewardUtils.dist(handInitPos, targetPos);
        double inPlace = RewardUtils.tolerance(tcpToTarget, 0, TARGET_RADIUS, inPlaceMargin,
                RewardUtils.Sigmoid.LONG_TAIL);
        double reward = 10 * inPlace;
        double success = tcpToTarget <= 0.05 ? 1.0 : 0.0;
        return new Evaluation(reward,
                new StepInfo(success, tcpToTarget, 1.0, tcpToTarget, inPlace, tcpToTarget, reward));
    }
}
