package org.d2r.metaworld.tasks;

import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.RewardUtils;
import org.d2r.metaworld.RewardUtils.Sigmoid;
import org.d2r.metaworld.SawyerXYZEnv;
import org.d2r.metaworld.StepInfo;

/**
 * basketball-v2 (SawyerBasketballEnvV2): pick up the ball and drop it through the hoop. Success
 * when the ball is within 8 cm of a point at z = 0.3 above the hoop (z error counted twice).
 *
 * <p>Kept from Meta-World, because they change what happens:
 * <ul>
 *   <li>the ball's free joint comes first in this scene (qpos[0:7]), but Meta-World's
 *       _set_obj_xyz writes qpos[9:12] and zeroes qvel[9:15]: the drawn ball position lands in
 *       arm joints j2..j4 (the weld then pulls the hand back), and the ball itself stays where the
 *       scene puts it, (0, 0.6, 0.03), every episode. The reward still measures from the drawn
 *       position ({@code obj_init_pos});</li>
 *   <li>the goal is the hoop's {@code goal} site after the basket is moved (Meta-World keeps a
 *       view into site_xpos, refreshed by the forward in _set_obj_xyz);</li>
 *   <li>the ball's initial height is 0.03 as float32, whatever the reset vector's third entry.</li>
 * </ul>
 */
public final class BasketballV2 extends SawyerXYZEnv {

    /** This task's own target radius (the base class's is 0.05). */
    static final double BASKET_TARGET_RADIUS = 0.08;
    private static final double[] BASKET_POS = {0, 0.9, 0};
    private static final CagingReward.Params CAGING =
            new CagingReward.Params(0.025, 0.06, 0.01, 0.005, 1.0, true, false);

    public BasketballV2(EnvConfig cfg) {
        super("basketball-v2", "sawyer_basketball.xml", cfg);
        handInitPos = F32.of(0, 0.6, 0.2);
        objInitPos = F32.of(0, 0.6, 0.03);
        // ball position, then basket position
        setRandomResetSpace(new double[] {-0.1, 0.6, 0.0299, -0.1, 0.85, 0.},
                new double[] {0.1, 0.7, 0.0301, 0.1, 0.9 + 1e-7, 0.});
        observeBody("bsktball");
        observeBodyQuat("bsktball");
    }

    @Override
    protected double[] resetModel() {
        resetHand();
        setModelBodyPos("basket_goal", BASKET_POS);
        double[] v = stateRandVecApart(0.15);
        objInitPos = new double[] {v[0], v[1], objInitPos[2]};
        setModelBodyPos("basket_goal", new double[] {v[3], v[4], v[5]});
        setObjXyz(objInitPos);
        targetPos = sitePos("goal");
        return getObs();
    }

    @Override
    protected Evaluation evaluateState(double[] obs, double[] action) {
        return evaluate(obs, action, tcpCenter(), initTcp, leftPadY(), rightPadY(), targetPos, objInitPos);
    }

    /** evaluate_state and compute_reward. */
    static Evaluation evaluate(double[] obs, double[] action, double[] tcp, double[] initTcp, double leftPadY,
                               double rightPadY, double[] targetPos, double[] objInitPos) {
        double[] obj = {obs[4], obs[5], obs[6]};
        // Aim just above the hoop; the z error counts double.
        double[] target = {targetPos[0], targetPos[1], 0.3};
        double targetToObj = RewardUtils.norm(obj[0] - target[0], obj[1] - target[1], (obj[2] - target[2]) * 2.);
        double targetToObjInit = RewardUtils.norm(objInitPos[0] - target[0], objInitPos[1] - target[1],
                (objInitPos[2] - target[2]) * 2.);
        double inPlace = RewardUtils.tolerance(targetToObj, 0, BASKET_TARGET_RADIUS, targetToObjInit, Sigmoid.LONG_TAIL);
        double tcpOpened = obs[3];
        double tcpToObj = RewardUtils.dist(obj, tcp);

        double objectGrasped = CagingReward.compute(action, obj, objInitPos, tcp, initTcp, leftPadY, rightPadY, CAGING);
        boolean lifted = tcpToObj < 0.035 && tcpOpened > 0 && obj[2] - 0.01 > objInitPos[2];
        if (lifted) {
            objectGrasped = 1;
        }
        double reward = RewardUtils.hamacherProduct(objectGrasped, inPlace);
        if (lifted) {
            reward += 1. + 5. * inPlace;
        }
        if (targetToObj < BASKET_TARGET_RADIUS) {
            reward = 10.;
        }
        return new Evaluation(reward, new StepInfo(
                targetToObj <= BASKET_TARGET_RADIUS ? 1.0 : 0.0,
                tcpToObj <= 0.05 ? 1.0 : 0.0,
                tcpOpened > 0 && obj[2] - 0.03 > objInitPos[2] ? 1.0 : 0.0,
                objectGrasped,
                inPlace,
                targetToObj,
                reward));
    }
}
