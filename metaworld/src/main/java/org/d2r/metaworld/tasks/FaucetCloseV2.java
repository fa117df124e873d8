package org.d2r.metaworld.tasks;

import org.d2r.metaworld.EnvConfig;

/**
 * faucet-close-v2 (SawyerFaucetCloseEnvV2): turn the faucet's handle to -x until the handle's end
 * is within 7 cm of the goal, one handle length (17.5 cm) to -x of the base and 12.5 cm up.
 */
public final class FaucetCloseV2 extends Faucet {

    public FaucetCloseV2(EnvConfig cfg) {
        super("faucet-close-v2", cfg, false, F32.of(-0.1, 0.8, 0.0), F32.of(0.1, 0.85, 0.0));
    }
}
