package org.d2r.metaworld.tasks;

import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.RewardUtils;
import org.d2r.metaworld.RewardUtils.Sigmoid;
import org.d2r.metaworld.SawyerXYZEnv;
import org.d2r.metaworld.StepInfo;

/**
 * disassemble-v2 (SawyerNutDisassembleEnvV2): the round nut starts on the peg; lift it off.
 * Success when the observed handle end is higher than the target, 15 cm above the nut's start.
 *
 * <p>Kept from Meta-World: the nut's x range is given high-to-low (0.1 to 0.0), which samples the
 * same interval; the goal half of the reset vector only takes part in the redraw check; the
 * reward is scaled by how flat the nut lies and that factor is reported as {@code near_object};
 * {@code obj_to_target} is always 0; the model's {@code pegTop} offset is a world position.
 */
public final class DisassembleV2 extends SawyerXYZEnv {

    private static final double[] IDEAL_QUAT = {0.707, 0, 0, 0.707};
    private static final CagingReward.Params CAGING =
            new CagingReward.Params(0.015, 0.02, 0.01, 0.01, 1.0, true, false);

    private final int nutHandleSite, nutCentreSite, leftPad, rightPad;

    public DisassembleV2(EnvConfig cfg) {
        super("disassemble-v2", "sawyer_assembly_peg.xml", cfg, new double[] {-0.5, 0.40, 0.05},
                new double[] {0.5, 1, 0.5}, null, null);
        // hand_init_pos is a float32 array in Meta-World, obj_init_pos and goal are not.
        handInitPos = new double[] {0, (double) 0.4f, (double) 0.2f};
        objInitPos = new double[] {0, 0.7, 0.025};
        targetPos = new double[] {0, 0.8, 0.17};
        setRandomResetSpace(new double[] {0.1, 0.6, 0.025, -0.1, 0.6, 0.1699},
                new double[] {0., 0.75, 0.02501, 0.1, 0.75, 0.1701});
        nutHandleSite = siteId("RoundNut-8");
        nutCentreSite = siteId("RoundNut");
        leftPad = bodyId("leftpad");
        rightPad = bodyId("rightpad");
    }

    @Override
    protected int objectPositions(double[] out) {
        System.arraycopy(sitePos(nutHandleSite), 0, out, 0, 3);
        return 1;
    }

    @Override
    protected void objectQuaternions(double[] out) {
        System.arraycopy(bodyXquat("RoundNut"), 0, out, 0, 4);
    }

    @Override
    protected int mainObjectGeomId() {
        return geomId("WrenchHandle");
    }

    @Override
    protected void setTargetSites() {
        setSitePos("pegTop", targetPos);
    }

    @Override
    protected double[] resetModel() {
        resetHand();
        double[] v = stateRandVec();
        while (CagingReward.norm2(v[0] - v[3], v[1] - v[4]) < 0.1) {
            v = stateRandVec();
        }
        objInitPos = new double[] {v[0], v[1], v[2]};
        targetPos = new double[] {v[0], v[1], v[2] + 0.15};
        setModelBodyPos("peg", new double[] {v[0], v[1], v[2] + 0.03});
        setModelSitePos("pegTop", new double[] {v[0], v[1], v[2] + 0.08});
        setObjXyz(objInitPos);
        return getObs();
    }

    @Override
    protected Evaluation evaluateState(double[] obs, double[] action) {
        return evaluate(obs, action, tcpCenter(), initTcp, bodyCom(leftPad)[1], bodyCom(rightPad)[1], targetPos,
                objInitPos, sitePos(nutCentreSite));
    }

    /** evaluate_state and compute_reward; {@code wrenchCenter} is the {@code RoundNut} site. */
    static Evaluation evaluate(double[] obs, double[] action, double[] tcp, double[] initTcp, double leftPadY,
                               double rightPadY, double[] targetPos, double[] objInitPos, double[] wrenchCenter) {
        double[] wrench = {obs[4], obs[5], obs[6]};
        if (Math.abs(wrench[0] - obs[0]) < AssemblyV2.WRENCH_HANDLE_LENGTH / 2.0) {
            wrench[0] = obs[0];
        }
        double quat = CagingReward.quatReward(obs, IDEAL_QUAT);
        double grab = CagingReward.compute(action, wrench, objInitPos, tcp, initTcp, leftPadY, rightPadY, CAGING);

        // Aim 10 cm above the target (25 cm above the nut's start).
        double ex = targetPos[0] - wrenchCenter[0];
        double ey = targetPos[1] - wrenchCenter[1];
        double ez = targetPos[2] + 0.1 - wrenchCenter[2];
        boolean lifted = wrenchCenter[2] > 0.02;
        double inPlace = 0.1 * (lifted ? 1.0 : 0.0) + 0.9 * RewardUtils.tolerance(
                RewardUtils.norm(ex, ey, ez), 0, 0.02, 0.2, Sigmoid.LONG_TAIL);

        double reward = (2.0 * grab + 6.0 * inPlace) * quat;
        boolean success = obs[6] > targetPos[2];
        if (success) {
            reward = 10.0;
        }
        return new Evaluation(reward, new StepInfo(
                success ? 1.0 : 0.0,
                quat,
                grab >= 0.5 ? 1.0 : 0.0,
                grab,
                inPlace,
                0.0,
                reward));
    }
}
