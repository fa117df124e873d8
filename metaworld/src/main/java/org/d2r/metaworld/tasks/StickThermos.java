package org.d2r.metaworld.tasks;

import java.util.Arrays;
import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.Rotations;
import org.d2r.metaworld.SawyerXYZEnv;

/**
 * The stick tasks (stick-push, stick-pull) on one scene: a stick on the table and a thermos on x-y
 * slide joints, to be pushed or pulled to the goal with the stick. One rand vector places the
 * stick and the goal at least 10 cm apart; the thermos starts at its slides' (0, 0) for
 * stick-push and (0, 0.09) for stick-pull, and its position then is the initial object position.
 *
 * <p>Kept from Meta-World: the thermos is reset through qpos[16:18] with only qvel[16] zeroed
 * (numpy clips the slice at nv = 17); stick-push's goal z is the insertion site's before the stick
 * and thermos are placed. The stick's observed quaternion is scipy's (x, y, z, w) of its body
 * rotation, read from the {@code stick_end} site, which sits unrotated in the stick body; the
 * thermos's is zero.
 */
abstract class StickThermos extends SawyerXYZEnv {

    private final boolean push;
    final int stickBody, insertionSite;
    private final int thermosBody;
    double[] stickInitPos;

    StickThermos(String task, EnvConfig cfg, boolean push, double handLowY, double[] objInit, double[] stickInit,
                 double[] resetLow, double[] resetHigh) {
        super(task, "sawyer_stick_obj.xml", cfg, new double[] {-0.5, handLowY, 0.05});
        this.push = push;
        handInitPos = new double[] {0, 0.6, 0.2};
        objInitPos = objInit;
        stickInitPos = stickInit;
        // stick position, then goal
        setRandomResetSpace(resetLow, resetHigh);
        stickBody = bodyId("stick");
        insertionSite = siteId("insertion");
        thermosBody = bodyId("object");
    }

    @Override
    protected void objectQuaternions(double[] out) {
        Rotations.matrixToQuatXyzw(siteXmat("stick_end"), out);
        Arrays.fill(out, 4, 8, 0.0);
    }

    @Override
    protected double[] resetModel() {
        resetHand();
        double[] v = stateRandVecApart(0.1);
        stickInitPos = new double[] {v[0], v[1], 0.02};
        targetPos = new double[] {v[3], v[4], push ? sitePos(insertionSite)[2] : 0.02};
        setObjXyz(stickInitPos);
        double[] q = qpos();
        double[] qv = qvel();
        q[16] = 0.;
        q[17] = push ? 0. : 0.09;
        qv[16] = 0;
        setState(q, qv);
        objInitPos = bodyCom(thermosBody);
        return getObs();
    }
}
