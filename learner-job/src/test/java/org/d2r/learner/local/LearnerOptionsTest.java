package org.d2r.learner.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.d2r.cli.Cli;
import org.d2r.core.baselines.Method;
import org.d2r.core.config.LearnerConfig;
import org.d2r.metaworld.Mt10;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.ParameterException;

class LearnerOptionsTest {

    @Test
    void parsesEveryOptionInBothSpellings() throws Exception {
        String[] args = {"--local", "--preset", "Smoke", "--tasks=reach-v2, push-v2", "--method", "softmod", "--seed", "7",
                "--run-dir", "out/x", "--steps=12_000", "--eval-every", "500", "--eval-episodes", "3"};
        LocalPlan o = Cli.parse(new LocalTrainCommand(), args).plan();
        assertEquals("smoke", o.preset());
        assertEquals(List.of("reach-v2", "push-v2"), o.tasks());
        assertEquals(Method.SOFTMOD, o.method());
        assertEquals(7, o.seed());
        assertEquals(Path.of("out/x"), Cli.parse(new LocalTrainCommand(), args).learner.runDir);
        assertEquals(12_000L, o.stepsPerTask());
        assertEquals(500L, o.evalEvery());
        assertEquals(3, o.evalEpisodes());
    }

    @Test
    void defaultsLeaveThePresetInCharge() throws Exception {
        LocalPlan o = Cli.parse(new LocalTrainCommand(), new String[] {"--preset", "mt10-rand"}).plan();
        assertEquals(Method.D2R, o.method());
        assertEquals(Mt10.TASKS, o.tasks());
        assertEquals(LearnerConfig.preset("mt10-rand").stepsPerTask(), o.stepsPerTask());
        assertNull(Cli.parse(new LocalTrainCommand(), "--preset", "mt10-rand").learner.runDir);
    }

    @Test
    void badUsageNamesTheProblem() {
        assertTrue(usageError("--method", "d2r").contains("--preset is required"));
        String m = usageError("--preset", "smoke", "--method", "pcgrad");
        assertTrue(m.contains("pcgrad") && m.contains("mtsac") && m.contains("care") && m.contains("paco"), m);
        assertEquals(Method.PACO, Cli.parse(new LocalTrainCommand(), new String[] {"--preset", "smoke", "--method", "paco"}).plan().method());
        assertTrue(usageError("--preset", "smoke", "--steps", "-3").contains("--steps must be at least 1"));
        assertTrue(usageError("--preset", "smoke", "--seed").contains("Missing required parameter for option '--seed'"));
        assertTrue(usageError("--preset", "smoke", "--tasks", "a,a").contains("twice"));
        assertTrue(usageError("--preset", "smoke", "--bogus").contains("--bogus"));
        assertTrue(usageError("--preset", "smoke", "--goals", "sometimes").contains("fixed or rand"));
    }

    private static String usageError(String... args) {
        return assertThrows(ParameterException.class, () -> Cli.parse(new LocalTrainCommand(), args).plan()).getMessage();
    }
}
