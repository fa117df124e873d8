package org.d2r.metaworld.tasks;

import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.RewardUtils;
import org.d2r.metaworld.RewardUtils.Sigmoid;
import org.d2r.metaworld.SawyerXYZEnv;

/**
 * The round-nut tasks on the peg scene: pick the nut up by its handle and drop it over the peg
 * (assembly-v2, SawyerNutAssemblyEnvV2; success when the nut's centre is within 2 cm of the peg's top
 * in x-y and below it), or, starting on the peg, lift it off (disassemble-v2,
 * SawyerNutDisassembleEnvV2; success when the observed handle end is higher than the target, 15 cm
 * above the nut's start).
 *
 * <p>Kept from Meta-World: the observed object is the handle-end site {@code RoundNut-8} with the
 * nut body's quaternion (w, x, y, z); the reward is scaled by how flat the nut lies (its observed
 * quaternion against (0.707, 0, 0, 0.707)), and that factor is also reported as
 * {@code near_object}; {@code obj_to_target} is always 0. The model's {@code pegTop} site offset
 * is set to a world position (written as a local offset), which only matters for rendering
 * because the site's world position is re-written. assembly moves the peg in the model after the
 * nut is placed, so the first observation's physics still sees last episode's peg. disassemble's
 * nut x range is given high-to-low (0.1 to 0.0), which samples the same interval; the goal half of
 * its reset vector only takes part in the redraw check.
 */
final class RoundNut extends SawyerXYZEnv {

    static final double WRENCH_HANDLE_LENGTH = 0.02;
    private static final double[] IDEAL_QUAT = {0.707, 0, 0, 0.707};
    /** Meta-World's caging arguments: assembly's medium-density, disassemble's high-density. */
    private static final CagingReward.Params ASSEMBLE_CAGING =
            new CagingReward.Params(0.015, 0.02, 0.01, 0.01, 1.0, false, true);
    private static final CagingReward.Params DISASSEMBLE_CAGING =
            new CagingReward.Params(0.015, 0.02, 0.01, 0.01, 1.0, true, false);

    private final boolean assemble;
    private final int nutCentreSite;

    RoundNut(String task, EnvConfig cfg, boolean assemble) {
        super(task, "sawyer_assembly_peg.xml", cfg);
        this.assemble = assemble;
        nutCentreSite = siteId("RoundNut");
        observeSite("RoundNut-8");
        observeBodyQuat("RoundNut");
        mainObjectGeom("WrenchHandle");
        targetSite("pegTop");
        if (assemble) {
            handInitPos = F32.of(0, 0.6, 0.2);
            objInitPos = F32.of(0, 0.6, 0.02);
            targetPos = F32.of(0.1, 0.8, 0.1);
            // nut position, then peg top (the goal)
            setRandomResetSpace(new double[] {0, 0.6, 0.02, -0.1, 0.75, 0.1},
                    new double[] {0, 0.6, 0.02, 0.1, 0.85, 0.1});
        } else {
            // hand_init_pos is a float32 array in Meta-World, obj_init_pos and goal are not.
            handInitPos = F32.of(0, 0.4, 0.2);
            objInitPos = new double[] {0, 0.7, 0.025};
            targetPos = new double[] {0, 0.8, 0.17};
            setRandomResetSpace(new double[] {0.1, 0.6, 0.025, -0.1, 0.6, 0.1699},
                    new double[] {0., 0.75, 0.02501, 0.1, 0.75, 0.1701});
        }
    }

    @Override
    protected double[] resetModel() {
        resetHand();
        double[] v = stateRandVecApart(0.1);
        objInitPos = new double[] {v[0], v[1], v[2]};
        if (assemble) {
            targetPos = new double[] {v[3], v[4], v[5]};
            double[] pegPos = {targetPos[0], targetPos[1], targetPos[2] - 0.05};
            setObjXyz(objInitPos);
            setModelBodyPos("peg", pegPos);
            setModelSitePos("pegTop", targetPos);
        } else {
            targetPos = new double[] {v[0], v[1], v[2] + 0.15};
            setModelBodyPos("peg", new double[] {v[0], v[1], v[2] + 0.03});
            setModelSitePos("pegTop", new double[] {v[0], v[1], v[2] + 0.08});
            setObjXyz(objInitPos);
        }
        return getObs();
    }

    @Override
    protected Evaluation evaluateState(double[] obs, double[] action) {
        return evaluate(assemble, obs, action, tcpCenter(), initTcp, leftPadY(), rightPadY(),
                targetPos, objInitPos, sitePos(nutCentreSite));
    }

    /**
     * evaluate_state and compute_reward; {@code wrenchCenter} is the {@code RoundNut} site.
     *
     * @param assemble assembly-v2 (drop the nut over the peg) rather than disassemble-v2 (lift it off)
     */
    static Evaluation evaluate(boolean assemble, double[] obs, double[] action, double[] tcp, double[] initTcp,
                               double leftPadY, double rightPadY, double[] targetPos, double[] objInitPos,
                               double[] wrenchCenter) {
        double[] wrench = {obs[4], obs[5], obs[6]};
        // The caging reward treats the object as a sphere; near the handle, line it up with the hand in x.
        if (Math.abs(wrench[0] - obs[0]) < WRENCH_HANDLE_LENGTH / 2.0) {
            wrench[0] = obs[0];
        }
        double quat = CagingReward.quatReward(obs, IDEAL_QUAT, 0.4);
        double grab = CagingReward.compute(action, wrench, objInitPos, tcp, initTcp, leftPadY, rightPadY,
                assemble ? ASSEMBLE_CAGING : DISASSEMBLE_CAGING);

        double ex = targetPos[0] - wrenchCenter[0];
        double ey = targetPos[1] - wrenchCenter[1];
        boolean success;
        double inPlace;
        if (assemble) {
            double ez = targetPos[2] - wrenchCenter[2];
            double radius = CagingReward.norm2(ex, ey);
            success = radius < 0.02 && ez > 0.0;
            // A funnel around the peg: the wanted height falls off logarithmically towards the peg.
            double threshold = success ? 0.02 : 0.01;
            double targetHeight = 0.0;
            if (radius > threshold) {
                targetHeight = 0.02 * Math.log(radius - threshold) + 0.2;
            }
            ez = targetHeight - wrenchCenter[2];
            boolean lifted = wrenchCenter[2] > 0.02 || radius < threshold;
            inPlace = 0.1 * (lifted ? 1.0 : 0.0) + 0.9 * RewardUtils.tolerance(
                    RewardUtils.norm(ex, ey, 3. * ez), 0, 0.02, 0.4, Sigmoid.LONG_TAIL);
        } else {
            // Aim 10 cm above the target (25 cm above the nut's start).
            double ez = targetPos[2] + 0.1 - wrenchCenter[2];
            boolean lifted = wrenchCenter[2] > 0.02;
            inPlace = 0.1 * (lifted ? 1.0 : 0.0) + 0.9 * RewardUtils.tolerance(
                    RewardUtils.norm(ex, ey, ez), 0, 0.02, 0.2, Sigmoid.LONG_TAIL);
            success = obs[6] > targetPos[2];
        }

        double reward = (2.0 * grab + 6.0 * inPlace) * quat;
        if (success) {
            reward = 10.0;
        }
        return GraspRewards.grabEvaluation(reward, success, quat, grab, inPlace);
    }
}
