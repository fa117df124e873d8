package org.d2r.roles.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import org.d2r.cli.Cli;
import org.d2r.cli.RunOptions;
import org.d2r.metaworld.Mt10;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The rules every command shares: number syntax, option syntax, exit codes, the run-wide options' checks. */
class CliTest {

    @Command(name = "probe", mixinStandardHelpOptions = true)
    static final class Probe implements Callable<Integer> {
        @Mixin
        RoleOptions.Tasks tasks;
        @Mixin
        RunOptions.Seed seed;
        @Mixin
        RunOptions.Format format;
        @Mixin
        RoleOptions.Ablations ablations;
        @Option(names = "--steps")
        long steps;
        @Option(names = "--rate")
        double rate;
        @Option(names = "--fail")
        boolean fail;

        @Override
        public Integer call() {
            if (fail) throw new IllegalStateException("the broker went away");
            return 0;
        }
    }

    @Test
    void numbersTakeUnderscoresAndOptionsTakeEquals() {
        Probe p = Cli.parse(new Probe(), "--steps=1_000_000", "--seed", "-3", "--rate", "3e-4", "--format=JSON",
                "--ablation", "hard", "--ablation=no-resrouting");
        assertEquals(1_000_000, p.steps);
        assertEquals(-3, p.seed.orElse(1));
        assertEquals(3e-4, p.rate);
        assertTrue(p.format.json());
        assertEquals(List.of("hard", "no-resrouting"), p.ablations.names());
        Probe d = Cli.parse(new Probe());
        assertNull(d.seed.given());
        assertFalse(d.format.json());
        assertFalse(Cli.parse(new Probe(), "--format", "text").format.json(), "text: the table's older name");
        assertEquals(20, Cli.parse(new Probe(), "--steps", "10", "--steps", "20").steps, "the last one wins");
    }

    @Test
    void theTaskListIsMetaWorldsAndABadOneIsAUsageError() {
        assertEquals(Mt10.TASKS, Cli.parse(new Probe()).tasks.list("mt10"));
        assertEquals(List.of("push-v2", "reach-v2"), Cli.parse(new Probe(), "--tasks", "push-v2,reach-v2").tasks.list("mt10"));
        ParameterException e = assertThrows(ParameterException.class, () -> Cli.parse(new Probe(), "--tasks", "fly-v2").tasks.list("mt10"));
        assertTrue(e.getMessage().contains("--tasks") && e.getMessage().contains("'fly-v2'"), e.getMessage());
        assertTrue(assertThrows(ParameterException.class, () -> Cli.parse(new Probe()).tasks.list(null)).getMessage()
                .contains("--tasks is required"));
    }

    @Test
    void exitCodesTwoForUsageOneForFailuresWithoutStackTraces() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertEquals(0, Cli.execute(new Probe(), out, errStream));
        assertEquals(0, Cli.execute(new Probe(), out, errStream, "--help"));
        assertEquals(2, Cli.execute(new Probe(), out, errStream, "--steps", "ten"));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("d2r probe: Invalid value for option '--steps': 'ten' is not a whole number"),
                err.toString(StandardCharsets.UTF_8));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("See 'bin/d2r probe --help'"));
        err.reset();
        assertEquals(2, Cli.execute(new Probe(), out, errStream, "--stepz", "1"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("Unknown options: '--stepz'"), err.toString(StandardCharsets.UTF_8));
        err.reset();
        assertEquals(1, Cli.execute(new Probe(), out, errStream, "--fail"));
        String failed = err.toString(StandardCharsets.UTF_8);
        assertTrue(failed.startsWith("d2r probe: the broker went away") && !failed.contains("\tat "), failed);
    }
}
