package org.d2r.metaworld.tasks;

import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.RewardUtils;
import org.d2r.metaworld.RewardUtils.Sigmoid;
import org.d2r.metaworld.SawyerXYZEnv;

/**
 * box-close-v2 (SawyerBoxCloseEnvV2): pick the lid up by its handle and put it on the box, to
 * within 8 cm of the goal above the box. Lid and box come from one rand vector, redrawn until
 * they are 25 cm apart in the table plane.
 *
 * <p>Kept from Meta-World: the goal site is never written (the task's target site list is
 * empty); the lid's z comes from the float32 initial position (0.019999999552965164); the whole
 * reward, the success value of 10 included, is scaled by how upright the lid's quaternion is.
 */
public final class BoxCloseV2 extends SawyerXYZEnv {

    private static final double[] IDEAL_QUAT = {0.707, 0, 0, 0.707};

    public BoxCloseV2(EnvConfig cfg) {
        super("box-close-v2", "sawyer_box.xml", cfg);
        handInitPos = F32.of(0, 0.6, 0.2);
        objInitPos = F32.of(0, 0.55, 0.02);
        targetPos = new double[] {0.0, 0.75, 0.133};
        setRandomResetSpace(F32.of(-0.05, 0.5, 0.02, -0.1, 0.7, 0.133), F32.of(0.05, 0.55, 0.02, 0.1, 0.8, 0.133));
        observeBody("top_link");
        observeBodyQuat("top_link");
        mainObjectGeom("BoxHandleGeom");
        targetSite(null);
    }

    @Override
    protected double[] resetModel() {
        resetHand();
        double boxHeight = bodyCom("boxbody")[2];
        double[] v = stateRandVecApart(0.25);
        objInitPos = new double[] {v[0], v[1], (double) 0.02f};
        targetPos = new double[] {v[3], v[4], v[5]};
        setModelBodyPos("boxbody", new double[] {targetPos[0], targetPos[1], boxHeight});
        setObjXyz(objInitPos);
        return getObs();
    }

    @Override
    protected Evaluation evaluateState(double[] obs, double[] action) {
        return evaluate(obs, action, targetPos);
    }

    /** evaluate_state and compute_reward, with _reward_pos's two terms: ready to lift, and lifted. */
    static Evaluation evaluate(double[] obs, double[] action, double[] targetPos) {
        double grab = (Math.max(-1, Math.min(1, action[3])) + 1.0) / 2.0;
        double quat = CagingReward.quatReward(obs, IDEAL_QUAT, 0.2);
        double hx = obs[0], hy = obs[1], hz = obs[2];
        double lx = obs[4] + .0, ly = obs[5] + .0, lz = obs[6] + .02;
        double threshold = 0.02;
        // a funnel-shaped floor around the handle keeps the hand from running into it too early
        double radius = Math.sqrt((hx - lx) * (hx - lx) + (hy - ly) * (hy - ly));
        double floor = radius <= threshold ? 0.0 : 0.04 * Math.log(radius - threshold) + 0.4;
        double aboveFloor = hz >= floor ? 1.0
                : RewardUtils.tolerance(floor - hz, 0.0, 0.01, floor / 2.0, Sigmoid.LONG_TAIL);
        double inPlace = RewardUtils.tolerance(RewardUtils.norm(hx - lx, hy - ly, hz - lz), 0, 0.02, 0.5,
                Sigmoid.LONG_TAIL);
        double readyToLift = RewardUtils.hamacherProduct(aboveFloor, inPlace);

        double ex = (targetPos[0] - lx) * 1., ey = (targetPos[1] - ly) * 1., ez = (targetPos[2] - lz) * 3.;
        double a = 0.2;  // weight of trying to lift the lid at all
        double b = 0.8;  // weight of placing it on the box
        double lifted = a * (lz > 0.04 ? 1.0 : 0.0) + b * RewardUtils.tolerance(RewardUtils.norm(ex, ey, ez), 0, 0.05,
                0.25, Sigmoid.LONG_TAIL);

        double reward = 2.0 * RewardUtils.hamacherProduct(grab, readyToLift) + 8.0 * lifted;
        boolean success = RewardUtils.norm(obs[4] - targetPos[0], obs[5] - targetPos[1], obs[6] - targetPos[2]) < 0.08;
        if (success) {
            reward = 10.0;
        }
        // the lid must stay upright: a flipped lid earns (almost) nothing
        reward *= quat;
        return GraspRewards.grabEvaluation(reward, success, readyToLift, grab, lifted);
    }
}
