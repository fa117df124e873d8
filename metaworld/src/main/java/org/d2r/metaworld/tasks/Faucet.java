package org.d2r.metaworld.tasks;

import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.RewardUtils;
import org.d2r.metaworld.RewardUtils.Sigmoid;
import org.d2r.metaworld.SawyerXYZEnv;

/**
 * The faucet tasks (faucet-open to +x, faucet-close to -x): turn the handle until its end is within 7 cm
 * of the goal, one handle length (17.5 cm) to that side of the base and 12.5 cm up; the reward reaches
 * the handle, then brings it to the goal.
 *
 * <p>Kept from Meta-World: reset moves the faucet in the model without a forward, so the first
 * observation shows the handle where the previous episode's faucet stood. The observed handle is
 * 1 cm below its site; faucet-open's reward reads a point 4 cm to -x and 3 cm above the observed one,
 * faucet-close's the observed point itself.
 */
final class Faucet extends SawyerXYZEnv {

    static final double HANDLE_LENGTH = 0.175;
    static final double TARGET_RADIUS = 0.07;
    static final double REACH_RADIUS = 0.01;
    private static final double[] OPEN_REWARD_OFFSET = {-.04, .0, .03};

    private final boolean open;
    private final int handleSite;

    Faucet(String task, EnvConfig cfg, boolean open, double[] resetLow, double[] resetHigh) {
        super(task, "sawyer_faucet.xml", cfg, new double[] {-0.5, 0.40, -0.15});
        this.open = open;
        handInitPos = new double[] {0., .4, .2};
        objInitPos = new double[] {0, 0.8, 0.0};
        setRandomResetSpace(resetLow, resetHigh);
        handleSite = siteId(open ? "handleStartOpen" : "handleStartClose");
        observeBodyQuat("faucetBase");
        targetSite(open ? "goal_open" : "goal_close", open ? "goal_close" : "goal_open");
    }

    @Override
    protected int objectPositions(double[] out) {
        double[] p = sitePos(handleSite);
        out[0] = p[0] + 0.;
        out[1] = p[1] + 0.;
        out[2] = p[2] + -0.01;
        return 1;
    }

    @Override
    protected double[] resetModel() {
        resetHand();
        objInitPos = stateRandVec();
        setModelBodyPos("faucetBase", objInitPos);
        int side = open ? +1 : -1;
        targetPos = new double[] {objInitPos[0] + side * HANDLE_LENGTH, objInitPos[1] + .0, objInitPos[2] + .125};
        return getObs();
    }

    @Override
    protected Evaluation evaluateState(double[] obs, double[] action) {
        return evaluate(open, obs, tcpCenter(), targetPos, objInitPos, initTcp);
    }

    /** evaluate_state and compute_reward of faucet-open ({@code open}) or faucet-close. */
    static Evaluation evaluate(boolean open, double[] obs, double[] tcp, double[] targetPos, double[] objInitPos,
                               double[] initTcp) {
        double[] obj = {obs[4], obs[5], obs[6]};
        if (open) {
            for (int i = 0; i < 3; i++) {
                obj[i] += OPEN_REWARD_OFFSET[i];
            }
        }
        double targetToObj = RewardUtils.dist(obj, targetPos);
        double targetToObjInit = RewardUtils.dist(objInitPos, targetPos);
        double inPlace = RewardUtils.tolerance(targetToObj, 0, TARGET_RADIUS,
                Math.abs(targetToObjInit - TARGET_RADIUS), Sigmoid.LONG_TAIL);

        double tcpToObj = RewardUtils.dist(obj, tcp);
        double tcpToObjInit = RewardUtils.dist(objInitPos, initTcp);
        double reach = RewardUtils.tolerance(tcpToObj, 0, REACH_RADIUS, Math.abs(tcpToObjInit - REACH_RADIUS),
                Sigmoid.GAUSSIAN);

        double reward = 2 * reach + 3 * inPlace;
        reward *= 2;
        if (targetToObj <= TARGET_RADIUS) {
            reward = 10;
        }
        return GraspRewards.reachEvaluation(reward, targetToObj <= 0.07, tcpToObj <= 0.01, reach, inPlace, targetToObj);
    }
}
