package org.d2r.metaworld.tasks;

import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.RewardUtils;
import org.d2r.metaworld.RewardUtils.Sigmoid;
import org.d2r.metaworld.SawyerXYZEnv;

/**
 * The button-box family (button-press, -wall, -topdown, -topdown-wall): a box with a button on a
 * slide joint; the goal is the box's {@code hole} site and the button counts as pressed when it
 * is within a few cm of it along the press axis (y for the wall-mounted button, z for top-down).
 *
 * <p>Kept from Meta-World: the wall-mounted variants set the button's slide joint (and forward)
 * before the hole is read, so their goal follows this episode's box; the top-down variants read
 * the hole right after the box is moved in the model, without a forward, so their goal is where
 * the hole was before the move (the previous reset's box, or the scene's for the first one; only
 * its z counts for reward and success, 0.005 higher in an environment's first episode). The
 * near-button term is measured from the button's current position, as in Meta-World.
 */
final class ButtonBox extends SawyerXYZEnv {

    /** How a variant presses and rewards: the press axis and its compute_reward. */
    enum Style {
        /** button-press: closed gripper near the button, then pressing (success within 2 cm). */
        PRESS(1, 0.05, 0.02),
        /** button-press-wall: an open gripper is rewarded within 7 cm (up to 4 for standing there). */
        WALL(1, 0.01, 0.03),
        /** button-press-topdown(-wall): pressing along z. */
        TOPDOWN(2, 0.01, 0.02);

        final int axis;
        final double nearMargin;
        final double successDist;

        Style(int axis, double nearMargin, double successDist) {
            this.axis = axis;
            this.nearMargin = nearMargin;
            this.successDist = successDist;
        }
    }

    private final Style style;
    private final int buttonBody;
    private double objToTargetInit;

    /**
     * @param objInitY the button's default y (a float32 in Meta-World)
     */
    ButtonBox(String task, String scene, EnvConfig cfg, Style style, double objInitY, double[] resetLow,
              double[] resetHigh) {
        super(task, scene, cfg);
        this.style = style;
        handInitPos = F32.of(0, 0.4, 0.2);
        objInitPos = F32.of(0, objInitY, 0.115);
        setRandomResetSpace(resetLow, resetHigh);
        buttonBody = bodyId("button");
        observeBodyQuat("button");
        mainObjectGeom("btnGeom");
        targetSite(null);
    }

    @Override
    protected int objectPositions(double[] out) {
        bodyComInto(buttonBody, out, 0);
        if (style == Style.TOPDOWN) {
            out[2] += 0.193;
        } else {
            out[1] += -0.193;
        }
        return 1;
    }

    @Override
    protected double[] resetModel() {
        resetHand();
        objInitPos = stateRandVec();
        setModelBodyPos("box", objInitPos);
        if (style != Style.TOPDOWN) {
            setObjJoint(9, 0);
        }
        targetPos = sitePos("hole");
        objToTargetInit = Math.abs(targetPos[style.axis] - sitePos("buttonStart")[style.axis]);
        return getObs();
    }

    @Override
    protected Evaluation evaluateState(double[] obs, double[] action) {
        return evaluate(style, obs, tcpCenter(), initTcp, targetPos, objToTargetInit);
    }

    /** evaluate_state and compute_reward with the current tool-centre point {@code tcp}. */
    static Evaluation evaluate(Style style, double[] obs, double[] tcp, double[] initTcp, double[] targetPos,
                               double objToTargetInit) {
        double ox = obs[4], oy = obs[5], oz = obs[6];
        double tcpToObj = RewardUtils.norm(ox - tcp[0], oy - tcp[1], oz - tcp[2]);
        double tcpToObjInit = RewardUtils.norm(ox - initTcp[0], oy - initTcp[1], oz - initTcp[2]);
        double objToTarget = Math.abs(targetPos[style.axis] - obs[4 + style.axis]);

        double tcpClosed = style == Style.TOPDOWN ? 1 - obs[3] : Math.max(obs[3], 0.0);
        double nearButton = RewardUtils.tolerance(tcpToObj, 0, style.nearMargin, tcpToObjInit, Sigmoid.LONG_TAIL);
        double buttonPressed = RewardUtils.tolerance(objToTarget, 0, 0.005, objToTargetInit, Sigmoid.LONG_TAIL);

        double reward = switch (style) {
            case PRESS -> 2 * RewardUtils.hamacherProduct(tcpClosed, nearButton)
                    + (tcpToObj <= 0.05 ? 8 * buttonPressed : 0);
            case TOPDOWN -> 5 * RewardUtils.hamacherProduct(tcpClosed, nearButton)
                    + (tcpToObj <= 0.03 ? 5 * buttonPressed : 0);
            case WALL -> tcpToObj > 0.07
                    ? 2 * RewardUtils.hamacherProduct((1 - obs[3]) / 2.0, nearButton)
                    : 2 + 2 * (1 + obs[3]) + 4 * (buttonPressed * buttonPressed);
        };
        return GraspRewards.pressEvaluation(reward, objToTarget <= style.successDist, tcpToObj <= 0.05, obs, nearButton,
                buttonPressed, objToTarget);
    }
}
