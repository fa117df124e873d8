package org.d2r.infra.tools;

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
            if (m != Method.D2R) {
                assertTrue(r.perTask().isEmpty() && Double.isNaN(r.modulesSingle()), r.toString());
                continue;
            }
            // top-2 routing over 16 modules: at least the output's two sources, never more than all
            for (double mods : new double[] {r.modulesLockstep(), r.modulesSingle()}) assertTrue(mods >= 2 && mods <= 16, r.toString());
            assertEquals(10, r.perTask().size());
            for (ActingBenchCommand.TaskFigures t : r.perTask()) {
                assertTrue(t.usPerAction() > 0 && t.modules() >= 2 && t.modules() <= 16, t.toString());
            }
            // the forced routes compute exactly the modules the sweep names
            assertEquals(ActingBenchCommand.SWEEP.length, r.byDepth().size());
            for (ActingBenchCommand.DepthFigures d : r.byDepth()) {
                assertEquals(d.modules(), d.modulesComputed(), 0.0, d.toString());
                assertTrue(d.usPerRowSingle() > 0 && d.usPerRowLockstep() > 0, d.toString());
            }
        }
    }

    @Test
    void mt50ActsWithFiftyTasksAndALockstepOfFifty() {
        java.io.PrintStream old = System.out;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            assertEquals(0, org.d2r.cli.Cli.execute(new ActingBenchCommand(), "--benchmark", "mt50", "--method", "mtsac", "--calls", "2",
                    "--warmup", "1"));
        } finally {
            System.setOut(old);
        }
        String text = out.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(text.contains("MT50 sizes, 50 rows per lockstep"), text);
        ActingBenchCommand.Result r = ActingBenchCommand.run(Method.D2R, 50, 50, 2, 1);
        assertEquals(50, r.perTask().size());
    }
}
