package org.d2r.core.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.d2r.core.baselines.Method;
import org.junit.jupiter.api.Test;

class ActingBenchCommandTest {

    @Test
    void timesEveryMethodsActorOnItsOwnSnapshot() {
        for (Method m : Method.values()) {
            ActingBenchCommand.Result r = ActingBenchCommand.run(m, 10, 10, 3, 1);
            assertEquals(m, r.method());
            assertTrue(r.usPerRowLockstep() > 0 && r.usPerRowSingle() > 0, r.toString());
        }
    }
}
