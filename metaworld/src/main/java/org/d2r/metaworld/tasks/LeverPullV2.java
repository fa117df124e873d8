package org.d2r.metaworld.tasks;

import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.RewardUtils;
import org.d2r.metaworld.RewardUtils.Sigmoid;
import org.d2r.metaworld.SawyerXYZEnv;
import org.d2r.metaworld.StepInfo;

/**
 * lever-pull-v2 (SawyerLeverPullEnvV2): lift the lever from horizontal to pointing straight up;
 * success is a lever angle within 7.5 degrees of vertical.
 *
 * <p>Kept from Meta-World: the reward's reach term measures the hand body (the observation's
 * first three values, not the tool-centre point) with an offset that puts the arm's "shoulder"
 * under the lever, and the info's {@code obj_to_target} is that shoulder-to-lever distance, while
 * {@code in_place_reward} is the lever-angle term and the reward uses the lever end's distance to
 * the target instead. The hand may go 15 cm below the table's usual floor (hand_low z = -0.15).
 * The lever is moved in the model and observed without a forward, so the reset's observation
 * shows it where it stood before the move; the first step brings it to this episode's place.
 */
public final class LeverPullV2 extends SawyerXYZEnv {

    static final double LEVER_RADIUS = 0.2;

    private double[] leverPosInit = new double[3];

    public LeverPullV2(EnvConfig cfg) {
        super("lever-pull-v2", "sawyer_lever_pull.xml", cfg, new double[] {-0.5, 0.40, -0.15});
        handInitPos = F32.of(0, 0.4, 0.2);
        objInitPos = new double[] {0, 0.7, 0.0};
        targetPos = new double[] {.12, 0.88, .05};
        setRandomResetSpace(new double[] {-0.1, 0.7, 0.0}, new double[] {0.1, 0.8, 0.0});
        observeSite("leverStart");
    }

    @Override
    protected double[] resetModel() {
        resetHand();
        objInitPos = stateRandVec();
        setModelBodyPos("lever", objInitPos);
        leverPosInit = new double[] {objInitPos[0] + .12, objInitPos[1] + -LEVER_RADIUS, objInitPos[2] + .25};
        targetPos = new double[] {objInitPos[0] + .12, objInitPos[1] + .0, objInitPos[2] + (.25 + LEVER_RADIUS)};
        return getObs();
    }

    @Override
    protected Evaluation evaluateState(double[] obs, double[] action) {
        return evaluate(obs, jointQpos("LeverAxis"), targetPos, leverPosInit, initTcp);
    }

    /**
     * compute_reward and evaluate_state.
     *
     * @param leverJoint the LeverAxis joint's qpos (the lever angle is its negative)
     */
    static Evaluation evaluate(double[] obs, double leverJoint, double[] target, double[] leverPosInit,
                               double[] initTcp) {
        double[] scale = {4., 1., 4.};
        double[] offset = {.0, .055, .07};
        double[] shoulderToLever = new double[3];
        double[] shoulderToLeverInit = new double[3];
        double[] lever = {obs[4], obs[5], obs[6]};
        for (int i = 0; i < 3; i++) {
            shoulderToLever[i] = (obs[i] + offset[i] - lever[i]) * scale[i];
            shoulderToLeverInit[i] = (initTcp[i] + offset[i] - leverPosInit[i]) * scale[i];
        }
        double s2l = RewardUtils.norm(shoulderToLever[0], shoulderToLever[1], shoulderToLever[2]);
        double readyToLift = RewardUtils.tolerance(s2l, 0, 0.02,
                RewardUtils.norm(shoulderToLeverInit[0], shoulderToLeverInit[1], shoulderToLeverInit[2]),
                Sigmoid.LONG_TAIL);

        double leverAngle = -leverJoint;
        double leverAngleDesired = Math.PI / 2.0;
        double leverError = Math.abs(leverAngle - leverAngleDesired);
        double leverEngagement = RewardUtils.tolerance(leverError, 0, Math.PI / 48.0,
                (Math.PI / 2.0) - (Math.PI / 12.0), Sigmoid.LONG_TAIL);

        double objToTarget = RewardUtils.dist(lever, target);
        double inPlaceMargin = RewardUtils.dist(leverPosInit, target);
        double inPlace = RewardUtils.tolerance(objToTarget, 0, 0.04, inPlaceMargin, Sigmoid.LONG_TAIL);

        double reward = 10.0 * RewardUtils.hamacherProduct(readyToLift, inPlace);
        return new Evaluation(reward, new StepInfo(
                leverError <= Math.PI / 24 ? 1.0 : 0.0,
                s2l < 0.03 ? 1.0 : 0.0,
                readyToLift > 0.9 ? 1.0 : 0.0,
                readyToLift,
                leverEngagement,
                s2l,
                reward));
    }
}
