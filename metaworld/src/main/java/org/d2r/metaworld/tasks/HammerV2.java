package org.d2r.metaworld.tasks;

import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.RewardUtils;
import org.d2r.metaworld.RewardUtils.Sigmoid;
import org.d2r.metaworld.SawyerXYZEnv;

/**
 * hammer-v2 (SawyerHammerEnvV2): pick up the hammer and drive the nail into the block. Success
 * when the nail's slide joint passes 0.09 (the reward jumps to 10 only if it was above 5 too).
 *
 * <p>Kept from Meta-World: the goal is the block's {@code goal} site read right after the block
 * is placed, before any forward (the block never moves, so it is the scene's); the reward is
 * scaled by how level the hammer lies (its observed quaternion against the identity) and that
 * factor is reported as {@code near_object}; {@code obj_to_target} is always 0. The observation
 * holds two objects: the hammer and the nail.
 */
public final class HammerV2 extends SawyerXYZEnv {

    static final double HAMMER_HANDLE_LENGTH = 0.14;
    private static final double[] IDEAL_QUAT = {1., 0., 0., 0.};
    private static final double[] BOX_POS = {0.24, 0.85, 0.0};
    private static final CagingReward.Params CAGING =
            new CagingReward.Params(0.015, 0.02, 0.01, 0.01, 1.0, true, false);

    private final int hammerBody, nailBody;

    public HammerV2(EnvConfig cfg) {
        super("hammer-v2", "sawyer_hammer.xml", cfg);
        handInitPos = new double[] {0, 0.4, 0.2};
        objInitPos = new double[] {0, 0.5, 0.0};
        setRandomResetSpace(new double[] {-0.1, 0.4, 0.0}, new double[] {0.1, 0.5, 0.0});
        hammerBody = bodyId("hammer");
        nailBody = bodyId("nail_link");
        mainObjectGeom("HammerHandle");
    }

    @Override
    protected int objectPositions(double[] out) {
        bodyComInto(hammerBody, out, 0);
        bodyComInto(nailBody, out, 3);
        return 2;
    }

    @Override
    protected void objectQuaternions(double[] out) {
        System.arraycopy(bodyXquat("hammer"), 0, out, 0, 4);
        System.arraycopy(bodyXquat("nail_link"), 0, out, 4, 4);
    }

    @Override
    protected double[] resetModel() {
        resetHand();
        setModelBodyPos("box", BOX_POS);
        targetPos = sitePos("goal");
        objInitPos = stateRandVec();
        // _set_hammer_xyz is the base class's _set_obj_xyz
        setObjXyz(objInitPos);
        return getObs();
    }

    @Override
    protected Evaluation evaluateState(double[] obs, double[] action) {
        return evaluate(obs, action, tcpCenter(), initTcp, leftPadY(), rightPadY(), targetPos,
                objInitPos, jointQpos("NailSlideJoint"));
    }

    /** evaluate_state and compute_reward; {@code nailSlide} is the NailSlideJoint's position. */
    static Evaluation evaluate(double[] obs, double[] action, double[] tcp, double[] initTcp, double leftPadY,
                               double rightPadY, double[] targetPos, double[] objInitPos, double nailSlide) {
        double[] hammer = {obs[4], obs[5], obs[6]};
        double[] head = {hammer[0] + .16, hammer[1] + .06, hammer[2] + .0};
        // The caging reward treats the object as a sphere; along the handle, line it up with the hand in x.
        double[] threshed = hammer.clone();
        if (Math.abs(hammer[0] - obs[0]) < HAMMER_HANDLE_LENGTH / 2.0) {
            threshed[0] = obs[0];
        }
        double quat = CagingReward.quatReward(obs, IDEAL_QUAT, 0.4);
        double grab = CagingReward.compute(action, threshed, objInitPos, tcp, initTcp, leftPadY, rightPadY, CAGING);

        boolean lifted = head[2] > 0.02;
        double inPlace = 0.1 * (lifted ? 1.0 : 0.0) + 0.9 * RewardUtils.tolerance(
                RewardUtils.norm(targetPos[0] - head[0], targetPos[1] - head[1], targetPos[2] - head[2]),
                0, 0.02, 0.2, Sigmoid.LONG_TAIL);

        double reward = (2.0 * grab + 6.0 * inPlace) * quat;
        boolean success = nailSlide > 0.09;
        // Only a good-looking hit counts as solved in the reward (the success flag alone is easy to game).
        if (success && reward > 5.) {
            reward = 10.0;
        }
        return GraspRewards.grabEvaluation(reward, success, quat, grab, inPlace);
    }
}
