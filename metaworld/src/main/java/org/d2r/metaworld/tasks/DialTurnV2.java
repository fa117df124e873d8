package org.d2r.metaworld.tasks;

import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.RewardUtils;
import org.d2r.metaworld.RewardUtils.Sigmoid;
import org.d2r.metaworld.SawyerXYZEnv;

/**
 * dial-turn-v2 (SawyerDialTurnEnvV2): turn the dial until the point on its rim (5 cm from the
 * centre, at the knob's angle) is within 7 cm of the goal.
 *
 * <p>Kept from Meta-World: the dial is moved in the model and nothing forwards the state before the
 * reset's observation, so that observation and the "initial" push position (which only scales the
 * reward's margins) show the dial where it stood before the move (the previous reset's dial, or
 * the scene's for the first one); the first step brings it to this episode's place.
 */
public final class DialTurnV2 extends SawyerXYZEnv {

    static final double TARGET_RADIUS = 0.07;
    static final double DIAL_RADIUS = 0.05;

    private final int dialBody;
    private double[] dialPushPosition = new double[3];

    public DialTurnV2(EnvConfig cfg) {
        super("dial-turn-v2", "sawyer_dial.xml", cfg);
        handInitPos = F32.of(0, 0.6, 0.2);
        objInitPos = new double[] {0, 0.7, 0.0};
        targetPos = new double[] {0., 0.73, 0.08};
        setRandomResetSpace(new double[] {-0.1, 0.7, 0.0}, new double[] {0.1, 0.8, 0.0});
        dialBody = bodyId("dial");
        observeBodyQuat("dial");
    }

    @Override
    protected int objectPositions(double[] out) {
        bodyComInto(dialBody, out, 0);
        double angle = jointQpos("knob_Joint_1");
        out[0] += Math.sin(angle) * DIAL_RADIUS;
        out[1] += -Math.cos(angle) * DIAL_RADIUS;
        out[2] += 0.0;
        return 1;
    }

    @Override
    protected double[] resetModel() {
        resetHand();
        double[] v = stateRandVec();
        objInitPos = new double[] {v[0], v[1], v[2]};
        targetPos = new double[] {v[0] + 0, v[1] + 0.03, v[2] + 0.03};
        setModelBodyPos("dial", objInitPos);
        double[] dial = new double[3];
        objectPositions(dial);
        dialPushPosition = pushPosition(dial);
        return getObs();
    }

    /** The point the policy pushes on: 5 cm beside, 2 cm behind and 9 cm above the rim point. */
    static double[] pushPosition(double[] dial) {
        return new double[] {dial[0] + 0.05, dial[1] + 0.02, dial[2] + 0.09};
    }

    @Override
    protected Evaluation evaluateState(double[] obs, double[] action) {
        double[] dial = new double[3];
        objectPositions(dial);
        return evaluate(dial, action, tcpCenter(), targetPos, dialPushPosition, initTcp);
    }

    /**
     * compute_reward and evaluate_state.
     *
     * @param dial the rim point (_get_pos_objects) of the current state
     * @param dialPushInit the push position computed at reset
     */
    static Evaluation evaluate(double[] dial, double[] action, double[] tcp, double[] target, double[] dialPushInit,
                               double[] initTcp) {
        double[] push = pushPosition(dial);
        double targetToObj = RewardUtils.dist(dial, target);
        double targetToObjInit = RewardUtils.dist(dialPushInit, target);
        double inPlace = RewardUtils.tolerance(targetToObj, 0, TARGET_RADIUS,
                Math.abs(targetToObjInit - TARGET_RADIUS), Sigmoid.LONG_TAIL);

        double dialReachRadius = 0.005;
        double tcpToObj = RewardUtils.dist(push, tcp);
        double tcpToObjInit = RewardUtils.dist(dialPushInit, initTcp);
        double reach = RewardUtils.tolerance(tcpToObj, 0, dialReachRadius,
                Math.abs(tcpToObjInit - dialReachRadius), Sigmoid.GAUSSIAN);
        double gripperClosed = Math.min(Math.max(0, action[3]), 1);
        reach = RewardUtils.hamacherProduct(reach, gripperClosed);

        double reward = 10 * RewardUtils.hamacherProduct(reach, inPlace);
        return GraspRewards.reachEvaluation(reward, targetToObj <= TARGET_RADIUS, tcpToObj <= 0.01, reach, inPlace,
                targetToObj);
    }
}
