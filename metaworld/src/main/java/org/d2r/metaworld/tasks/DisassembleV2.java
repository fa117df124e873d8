package org.d2r.metaworld.tasks;

import org.d2r.metaworld.EnvConfig;

/**
 * disassemble-v2 (SawyerNutDisassembleEnvV2): the round nut starts on the peg; lift it off.
 * Success when the observed handle end is higher than the target, 15 cm above the nut's start.
 *
 * <p>Kept from Meta-World: the nut's x range is given high-to-low (0.1 to 0.0), which samples the
 * same interval; the goal half of the reset vector only takes part in the redraw check.
 */
public final class DisassembleV2 extends RoundNut {

    public DisassembleV2(EnvConfig cfg) {
        super("disassemble-v2", cfg, false);
        // hand_init_pos is a float32 array in Meta-World, obj_init_pos and goal are not.
        handInitPos = F32.of(0, 0.4, 0.2);
        objInitPos = new double[] {0, 0.7, 0.025};
        targetPos = new double[] {0, 0.8, 0.17};
        setRandomResetSpace(new double[] {0.1, 0.6, 0.025, -0.1, 0.6, 0.1699},
                new double[] {0., 0.75, 0.02501, 0.1, 0.75, 0.1701});
    }

    @Override
    protected double[] resetModel() {
        resetHand();
        double[] v = stateRandVecApart(0.1);
        objInitPos = new double[] {v[0], v[1], v[2]};
        targetPos = new double[] {v[0], v[1], v[2] + 0.15};
        setModelBodyPos("peg", new double[] {v[0], v[1], v[2] + 0.03});
        setModelSitePos("pegTop", new double[] {v[0], v[1], v[2] + 0.08});
        setObjXyz(objInitPos);
        return getObs();
    }
}
