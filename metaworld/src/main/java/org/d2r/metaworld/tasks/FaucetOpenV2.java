package org.d2r.metaworld.tasks;

import org.d2r.metaworld.EnvConfig;

/**
 * faucet-open-v2 (SawyerFaucetOpenEnvV2): turn the faucet's handle to +x until the handle's end
 * is within 7 cm of the goal, one handle length (17.5 cm) to +x of the base and 12.5 cm up.
 */
public final class FaucetOpenV2 extends Faucet {

    public FaucetOpenV2(EnvConfig cfg) {
        super("faucet-open-v2", cfg, true, F32.of(-0.05, 0.8, 0.0), F32.of(0.05, 0.85, 0.0));
    }
}
