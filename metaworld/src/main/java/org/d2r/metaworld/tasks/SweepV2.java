package org.d2r.metaworld.tasks;

import org.d2r.metaworld.EnvConfig;

/**
 * sweep-v2 (SawyerSweepEnvV2): sweep a block off the table's right edge (success within 5 cm of
 * the goal {@code (0.5, block y, 0.01)} beside the table). Only the block's position is drawn; the
 * goal takes its y.
 */
public final class SweepV2 extends SweepTask {

    private static final double[] GOAL = {0.5, 0.65, 0.01};
    private static final double OBJ_INIT_Z = 0.02;

    public SweepV2(EnvConfig cfg) {
        super("sweep-v2", "sawyer_sweep_v2.xml", cfg, SweepV2::evaluate, new double[] {0., 0.6, OBJ_INIT_Z}, GOAL,
                new double[] {-0.1, 0.6, 0.02}, new double[] {0.1, 0.7, 0.02});
        observeBodyQuat("obj");
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

    static Evaluation evaluate(RewardInputs s) {
        return evaluate(s, s.target(), GraspRewards.ownCaging(s, OBJ_RADIUS, 0.01, 0.005));
    }
}
