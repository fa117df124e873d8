package org.d2r.metaworld.tasks;

import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.RewardUtils;
import org.d2r.metaworld.RewardUtils.Sigmoid;
import org.d2r.metaworld.SawyerXYZEnv;

/**
 * The round-nut tasks (assembly, disassemble) on the peg scene: pick the nut up by its handle and
 * drop it over the peg, or lift it off.
 *
 * <p>Kept from Meta-World: the observed object is the handle-end site {@code RoundNut-8} with the
 * nut body's quaternion (w, x, y, z); the reward is scaled by how flat the nut lies (its observed
 * quaternion against (0.707, 0, 0, 0.707)), and that factor is also reported as
 * {@code near_object}; {@code obj_to_target} is always 0. The model's {@code pegTop} site offset
 * is set to a world position (written as a local offset), which only matters for rendering
 * because the site's world position is re-written.
 */
abstract class RoundNut extends SawyerXYZEnv {

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
