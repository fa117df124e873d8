package org.d2r.metaworld.tasks;

import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.RewardUtils;
import org.d2r.metaworld.RewardUtils.Sigmoid;
import org.d2r.metaworld.Rotations;
import org.d2r.metaworld.SawyerXYZEnv;

/**
 * peg-insert-side-v2 (SawyerPegInsertionSideEnvV2): pick up the peg and push its head into the
 * hole in the side of the box, to within 0.07 of the goal (y and z errors counted twice).
 *
 * <p>Kept from Meta-World: the observed object is the {@code pegGrasp} site with scipy's
 * scalar-last quaternion of the site's rotation matrix; the initial peg-head position used for the
 * in-place margin is read before the peg is moved, so it is where the peg lay after the hand
 * reset (at the scene's peg position), not where the episode puts it.
 */
public final class PegInsertSideV2 extends SawyerXYZEnv {

    /** This task's own target radius (the base class's is 0.05). */
    static final double PEG_TARGET_RADIUS = 0.07;
    private static final CagingReward.Params CAGING = new CagingReward.Params(0.0075, 0.03, 0.01, 0.005, 1.0, true, false);

    private final int pegHeadSite, brc1, tlc1, brc2, tlc2;
    private double[] pegHeadPosInit = new double[3];

    public PegInsertSideV2(EnvConfig cfg) {
        super("peg-insert-side-v2", "sawyer_peg_insertion_side.xml", cfg);
        handInitPos = new double[] {0, 0.6, 0.2};
        objInitPos = new double[] {0, 0.6, 0.02};
        // peg position (obj) then box position (goal)
        setRandomResetSpace(new double[] {.0, 0.5, 0.02, -0.35, 0.4, -0.001},
                new double[] {.2, 0.7, 0.02, -0.25, 0.7, 0.001});
        pegHeadSite = siteId("pegHead");
        brc1 = siteId("bottom_right_corner_collision_box_1");
        tlc1 = siteId("top_left_corner_collision_box_1");
        brc2 = siteId("bottom_right_corner_collision_box_2");
        tlc2 = siteId("top_left_corner_collision_box_2");
        observeSite("pegGrasp");
    }

    @Override
    protected void objectQuaternions(double[] out) {
        Rotations.matrixToQuatXyzw(siteXmat("pegGrasp"), out);
    }

    @Override
    protected double[] resetModel() {
        resetHand();
        // Redraw while peg and box are closer than 10 cm in x-y (cannot happen with these ranges,
        // but Meta-World checks, and a redraw would consume the random stream).
        double[] v = stateRandVecApart(0.1);
        double[] peg = {v[0], v[1], v[2]};
        double[] box = {v[3], v[4], v[5]};
        objInitPos = peg;
        pegHeadPosInit = sitePos(pegHeadSite);
        setObjXyz(objInitPos);
        setModelBodyPos("box", box);
        targetPos = new double[] {box[0] + .03, box[1], box[2] + .13};
        return getObs();
    }

    @Override
    protected Evaluation evaluateState(double[] obs, double[] action) {
        double[] obj = {obs[4], obs[5], obs[6]};
        double caging = CagingReward.compute(action, obj, objInitPos, tcpCenter(), initTcp, leftPadY(), rightPadY(), CAGING);
        double[][] collisionCorners = {sitePos(brc1), sitePos(tlc1), sitePos(brc2), sitePos(tlc2)};
        return evaluate(obs, tcpCenter(), sitePos(pegHeadSite), targetPos, pegHeadPosInit, objInitPos,
                collisionCorners, caging);
    }

    /**
     * evaluate_state and compute_reward. {@code collisionCorners}: sites bottom_right / top_left corner of
     * collision box 1, then of box 2; {@code caging}: the base class's gripper caging reward (high density).
     */
    static Evaluation evaluate(double[] obs, double[] tcp, double[] objHead, double[] targetPos,
                               double[] pegHeadPosInit, double[] objInitPos, double[][] collisionCorners,
                               double caging) {
        double[] obj = {obs[4], obs[5], obs[6]};
        double tcpOpened = obs[3];
        double tcpToObj = RewardUtils.dist(obj, tcp);
        // y and z errors count double: the peg must be lifted and lined up before it goes in.
        double objToTarget = RewardUtils.norm(objHead[0] - targetPos[0], 2. * (objHead[1] - targetPos[1]),
                2. * (objHead[2] - targetPos[2]));
        double inPlaceMargin = RewardUtils.norm(pegHeadPosInit[0] - targetPos[0],
                2. * (pegHeadPosInit[1] - targetPos[1]), 2. * (pegHeadPosInit[2] - targetPos[2]));
        double inPlace = RewardUtils.tolerance(objToTarget, 0, PEG_TARGET_RADIUS, inPlaceMargin,
                Sigmoid.LONG_TAIL);

        double collisionBox1 = RectPrism.tolerance(objHead, collisionCorners[0], collisionCorners[1]);
        double collisionBox2 = RectPrism.tolerance(objHead, collisionCorners[2], collisionCorners[3]);
        double collisionBoxes = RewardUtils.hamacherProduct(collisionBox2, collisionBox1);
        inPlace = RewardUtils.hamacherProduct(inPlace, collisionBoxes);

        double objectGrasped = caging;
        boolean lifted = tcpToObj < 0.08 && tcpOpened > 0 && obj[2] - 0.01 > objInitPos[2];
        if (lifted) {
            objectGrasped = 1.;
        }
        double reward = RewardUtils.hamacherProduct(objectGrasped, inPlace);
        if (lifted) {
            reward += 1. + 5 * inPlace;
        }
        boolean success = objToTarget <= PEG_TARGET_RADIUS;
        if (success) {
            reward = 10.;
        }
        boolean graspSuccess = tcpToObj < 0.02 && tcpOpened > 0 && obj[2] - 0.01 > objInitPos[2];
        return GraspRewards.placeEvaluation(reward, success, objToTarget, tcpToObj, graspSuccess ? 1.0 : 0.0,
                objectGrasped, inPlace);
    }
}
