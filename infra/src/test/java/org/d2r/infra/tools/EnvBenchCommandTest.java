package org.d2r.infra.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.d2r.cli.Cli;
import org.d2r.metaworld.GoalMode;
import org.d2r.metaworld.Mt10;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.ParameterException;

class EnvBenchCommandTest {

    /** Parses without running, as the command parses; null when help was asked for. */
    static EnvBenchCommand.Options parse(String[] args) {
        EnvBenchCommand c = new EnvBenchCommand();
        return Cli.commandLine(c).parseArgs(args).isUsageHelpRequested() ? null : c.options();
    }

    @Test
    void parsesOptionsAndRejectsBadOnesWithTheirNames() throws Exception {
        EnvBenchCommand.Options o = parse(new String[] {"--tasks", "reach-v2, push-v2", "--steps", "50",
            "--format", "json", "--max-steps", "200"});
        assertEquals(List.of("reach-v2", "push-v2"), o.tasks());
        assertEquals(50, o.steps());
        assertEquals(200, o.maxSteps());
        assertTrue(o.json());
        assertEquals(Mt10.TASKS, parse(new String[0]).tasks());
        assertNull(parse(new String[] {"--help"}));
        assertMessage("--steps", "--steps", "ten");
        assertMessage("--format", "--format", "xml");
        assertMessage("bogus-v2", "--tasks", "bogus-v2");
        assertMessage("--max-steps", "--max-steps", "501");
        assertMessage("Missing required parameter for option '--steps'", "--steps");
        assertMessage("Unknown option: '--fast'", "--fast");
        assertEquals(GoalMode.RAND, o.mode());
        assertTrue(o.replay());
        EnvBenchCommand.Options f = parse(new String[] {"--mode", "fixed", "--no-replay"});
        assertEquals(GoalMode.FIXED, f.mode());
        assertFalse(f.replay());
        assertMessage("--mode must be 'rand' or 'fixed'", "--mode", "random");
    }

    private static void assertMessage(String expected, String... args) {
        ParameterException e = assertThrows(ParameterException.class,
                () -> parse(args));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void measuresEnvironmentAndPhysicsRatesInOneRun() throws Exception {
        EnvBenchCommand.Options o = parse(new String[] {"--tasks", "reach-v2", "--steps", "300",
            "--warmup", "10", "--max-steps", "100", "--format", "json"});
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        List<EnvBenchCommand.Result> results = EnvBenchCommand.run(o, new PrintStream(buf, true, StandardCharsets.UTF_8));
        EnvBenchCommand.Result r = results.get(0);
        assertEquals(3, r.resets(), "300 steps of 100-step episodes end three episodes");
        assertTrue(r.envStepsPerSec() > 0 && r.mjStepMicros() > 0);
        assertTrue(r.inRunPhysicsMicros() > 0 && r.inRunPhysicsMicros() < 1e6 / r.envStepsPerSec());
        String out = buf.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("\"task\":\"reach-v2\""), out);
        assertTrue(out.contains("\"summary\":true"), out);
    }
}
