package org.d2r.metaworld.tasks;

import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.SawyerXYZEnv;

/**
 * faucet-open-v2 (SawyerFaucetOpenEnvV2): turn the faucet's handle to +x until the handle's end
 * is within 7 cm of the goal, one handle length (17.5 cm) to +x of the base and 12.5 cm up.
 *
 * <p>Kept from Meta-World: reset moves the faucet in the model without a forward, so the first
 * observation shows the handle where the previous episode's faucet stood. The observed handle is
 * 1 cm below its site; the reward reads a point 4 cm to -x and 3 cm above the observed one.
 */
public final class FaucetOpenV2 extends SawyerXYZEnv {

    private final Faucet faucet;

    public FaucetOpenV2(EnvConfig cfg) {
        super("faucet-open-v2", "sawyer_faucet.xml", cfg, new double[] {-0.5, 0.40, -0.15},
                new double[] {0.5, 1, 0.5}, null, null);
        handInitPos = new double[] {0., .4, .2};
        objInitPos = new double[] {0, 0.8, 0.0};
        setRandomResetSpace(F32.of(-0.05, 0.8, 0.0), F32.of(0.05, 0.85, 0.0));
        faucet = new Faucet(siteId("handleStartOpen"), "goal_open", "goal_close", +1, new double[] {-.04, .0, .03});
    }

    @Override
    protected int objectPositions(double[] out) {
        double[] p = sitePos(faucet.handleSite());
        out[0] = p[0] + 0.;
        out[1] = p[1] + 0.;
        out[2] = p[2] + -0.01;
        return 1;
    }

    @Override
    protected void objectQuaternions(double[] out) {
        System.arraycopy(bodyXquat("faucetBase"), 0, out, 0, 4);
    }

    @Override
    protected void setTargetSites() {
        setSitePos(faucet.goalSite(), targetPos);
        setSitePos(faucet.otherGoalSite(), Faucet.FAR_AWAY);
    }

    @Override
    protected double[] resetModel() {
        resetHand();
        objInitPos = stateRandVec();
        setModelBodyPos("faucetBase", objInitPos);
        targetPos = faucet.target(objInitPos);
        return getObs();
    }

    @Override
    protected Evaluation evaluateState(double[] obs, double[] action) {
        return faucet.evaluate(obs, tcpCenter(), targetPos, objInitPos, initTcp);
    }

    static Evaluation evaluate(double[] obs, double[] tcp, double[] targetPos, double[] objInitPos, double[] initTcp) {
        return new Faucet(-1, null, null, +1, new double[] {-.04, .0, .03}).evaluate(obs, tcp, targetPos, objInitPos,
                initTcp);
    }
}
