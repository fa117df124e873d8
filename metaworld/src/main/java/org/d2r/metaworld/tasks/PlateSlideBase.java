package org.d2r.metaworld.tasks;

import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.RewardUtils;
import org.d2r.metaworld.RewardUtils.Sigmoid;
import org.d2r.metaworld.SawyerXYZEnv;

/**
 * The four plate-slide tasks (SawyerPlateSlide*EnvV2): slide the puck (a plate on two slide
 * joints, qpos[9:11]) across the table into the goal, success within 7 cm. They differ in the
 * scene (the goal frame straight ahead or to the side), in where the plate starts, in which body
 * the reset moves to the goal or to the start, and in the reward's shape ({@link Shape}).
 *
 * <p>Kept from Meta-World: the plate is placed by writing its two slide joints with their
 * velocities left as they are; the {@code puck_goal} body is moved in the model (to the goal for
 * plate-slide and plate-slide-side, to the start for the two "back" tasks); the observation's
 * object is the {@code puck} geom with scipy's scalar-last quaternion of its rotation matrix.
 */
final class PlateSlideBase extends SawyerXYZEnv {

    static final double SLIDE_TARGET_RADIUS = 0.05;

    /** plate-slide's reward, or the shape the other three share. */
    enum Shape { FORWARD, BONUS }

    private final boolean goalBodyAtTarget;
    private final double[] puckSlide;
    private final Shape shape;

    PlateSlideBase(String task, String scene, EnvConfig cfg, double[] resetLow, double[] resetHigh,
                   double[] objInit, double[] goal, boolean goalBodyAtTarget, double[] puckSlide, Shape shape) {
        super(task, scene, cfg);
        handInitPos = F32.of(0, 0.6, 0.2);
        objInitPos = objInit.clone();
        targetPos = goal.clone();
        setRandomResetSpace(resetLow, resetHigh);
        this.goalBodyAtTarget = goalBodyAtTarget;
        this.puckSlide = puckSlide.clone();
        this.shape = shape;
        observeGeom("puck");
    }

    @Override
    protected final double[] resetModel() {
        resetHand();
        double[] v = stateRandVec();
        if (shape == Shape.FORWARD) {
            // plate-slide alone re-reads the tool-centre point here (unchanged since the hand reset)
            initTcp = tcpCenter();
        }
        objInitPos = new double[] {v[0], v[1], v[2]};
        targetPos = new double[] {v[3], v[4], v[5]};
        setModelBodyPos("puck_goal", goalBodyAtTarget ? targetPos : objInitPos);
        // this family's _set_obj_xyz: the two slide joints; velocities are kept
        double[] q = qpos();
        q[9] = puckSlide[0];
        q[10] = puckSlide[1];
        setState(q, qvel());
        return getObs();
    }

    @Override
    protected final Evaluation evaluateState(double[] obs, double[] action) {
        return evaluate(shape, obs, tcpCenter(), targetPos, objInitPos, initTcp);
    }

    /** evaluate_state and compute_reward. */
    static Evaluation evaluate(Shape shape, double[] obs, double[] tcp, double[] targetPos, double[] objInitPos,
                               double[] initTcp) {
        double[] obj = {obs[4], obs[5], obs[6]};
        double objToTarget = RewardUtils.dist(obj, targetPos);
        double inPlaceMargin = RewardUtils.dist(objInitPos, targetPos);
        double tcpToObj = RewardUtils.dist(tcp, obj);
        double graspMargin = RewardUtils.dist(initTcp, objInitPos);
        double inPlace;
        double objectGrasped;
        double reward;
        if (shape == Shape.FORWARD) {
            inPlace = RewardUtils.tolerance(objToTarget, 0, SLIDE_TARGET_RADIUS, inPlaceMargin, Sigmoid.LONG_TAIL);
            objectGrasped = RewardUtils.tolerance(tcpToObj, 0, SLIDE_TARGET_RADIUS, graspMargin, Sigmoid.LONG_TAIL);
            reward = 8 * RewardUtils.hamacherProduct(objectGrasped, inPlace);
        } else {
            inPlace = RewardUtils.tolerance(objToTarget, 0, SLIDE_TARGET_RADIUS,
                    inPlaceMargin - SLIDE_TARGET_RADIUS, Sigmoid.LONG_TAIL);
            objectGrasped = RewardUtils.tolerance(tcpToObj, 0, SLIDE_TARGET_RADIUS,
                    graspMargin - SLIDE_TARGET_RADIUS, Sigmoid.LONG_TAIL);
            reward = 1.5 * objectGrasped;
            if (tcp[2] <= 0.03 && tcpToObj < 0.07) {
                reward = 2 + (7 * inPlace);
            }
        }
        if (objToTarget < SLIDE_TARGET_RADIUS) {
            reward = 10.;
        }
        return GraspRewards.placeEvaluation(reward, objToTarget, tcpToObj, 0.0, objectGrasped, inPlace);
    }
}
