package org.d2r.metaworld.tasks;

import org.d2r.metaworld.EnvConfig;

/**
 * assembly-v2 (SawyerNutAssemblyEnvV2): pick up the round nut by its handle and drop it over the
 * peg. Success when the nut's centre is within 2 cm of the peg's top in x-y and below it.
 *
 * <p>Kept from Meta-World: the peg is moved in the model after the nut is placed, so the first
 * observation's physics still sees last episode's peg.
 */
public final class AssemblyV2 extends RoundNut {

    public AssemblyV2(EnvConfig cfg) {
        super("assembly-v2", cfg, true);
        handInitPos = F32.of(0, 0.6, 0.2);
        objInitPos = F32.of(0, 0.6, 0.02);
        targetPos = F32.of(0.1, 0.8, 0.1);
        // nut position, then peg top (the goal)
        setRandomResetSpace(new double[] {0, 0.6, 0.02, -0.1, 0.75, 0.1}, new double[] {0, 0.6, 0.02, 0.1, 0.85, 0.1});
    }

    @Override
    protected double[] resetModel() {
        resetHand();
        double[] v = stateRandVecApart(0.1);
        objInitPos = new double[] {v[0], v[1], v[2]};
        targetPos = new double[] {v[3], v[4], v[5]};
        double[] pegPos = {targetPos[0], targetPos[1], targetPos[2] - 0.05};
        setObjXyz(objInitPos);
        setModelBodyPos("peg", pegPos);
        setModelSitePos("pegTop", targetPos);
        return getObs();
    }
}
