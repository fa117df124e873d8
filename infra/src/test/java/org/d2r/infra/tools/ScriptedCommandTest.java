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

class ScriptedCommandTest {

    /** Parses without running, as the command parses; null when help was asked for. */
    static ScriptedCommand.Options parse(String[] args) {
        ScriptedCommand c = new ScriptedCommand();
        return Cli.commandLine(c).parseArgs(args).isUsageHelpRequested() ? null : c.options();
    }

    @Test
    void parsesTheIssuesExampleAndDefaults() throws Exception {
        ScriptedCommand.Options o = parse(new String[] {"--tasks", "mt10", "--mode", "fixed",
            "--episodes", "7", "--max-steps", "500", "--action-noise", "0.1", "--seed", "3", "--format", "json"});
        assertEquals(Mt10.TASKS, o.tasks());
        assertEquals(GoalMode.FIXED, o.mode());
        assertEquals(7, o.episodes());
        assertEquals(500, o.maxSteps());
        assertEquals(0.1, o.actionNoise());
        assertEquals(3L, o.seed());
        assertTrue(o.json());
        ScriptedCommand.Options d = parse(new String[0]);
        assertEquals(GoalMode.RAND, d.mode());
        assertEquals(100, d.episodes());
        assertEquals(200, d.maxSteps());
        assertEquals(0.0, d.actionNoise());
        assertFalse(d.json());
        assertFalse(d.stopAtSuccess());
        assertNull(parse(new String[] {"--help"}));
        assertEquals(List.of("door-open-v2", "reach-v2"),
                parse(new String[] {"--tasks", "door-open-v2,reach-v2,door-open-v2"}).tasks());
    }

    @Test
    void badUsageNamesTheOptionAndTheFix() {
        String[][] bad = {
            {"--mode", "random"}, {"--episodes", "0"}, {"--episodes", "x"}, {"--max-steps", "501"},
            {"--action-noise", "-1"}, {"--format", "yaml"}, {"--tasks", "reach-v1"}, {"--seed"}, {"--bogus"},
            {"--min-success", "2"}, {"--assets", "/nonexistent"}};
        for (String[] args : bad) {
            ParameterException e = assertThrows(ParameterException.class,
                    () -> parse(args), String.join(" ", args));
            assertTrue(e.getMessage().contains(args[0]) || e.getMessage().contains("unknown option"),
                    e.getMessage());
        }
        ParameterException t = assertThrows(ParameterException.class,
                () -> parse(new String[] {"--tasks", "reach-v1"}));
        assertTrue(t.getMessage().contains("reach-v2"), "lists the valid names: " + t.getMessage());
    }

    @Test
    void jsonLinesCarryTheRequiredAndExtraFields() throws Exception {
        ScriptedCommand.Options o = parse(new String[] {"--tasks", "reach-v2,drawer-close-v2",
            "--episodes", "3", "--max-steps", "150", "--format", "json", "--quiet", "--min-success", "0.5"});
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        boolean passed = ScriptedCommand.run(o, new PrintStream(buf, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertTrue(passed);
        List<String> lines = buf.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(2, lines.size());
        String reach = lines.get(0);
        assertTrue(reach.startsWith("{\"task\":\"reach-v2\",\"episodes\":3,"), reach);
        for (String f : List.of("\"success_rate\":1.0", "\"mean_return\":", "\"mean_steps_to_success\":",
            "\"mode\":\"rand\"", "\"max_steps\":150", "\"seed\":0", "\"action_noise\":0.0")) {
            assertTrue(reach.contains(f), f + " missing in " + reach);
        }
        assertTrue(lines.get(1).contains("\"task\":\"drawer-close-v2\""));
    }

    @Test
    void textFormatHasAHeaderAndOneRowPerTaskAndMinSuccessFailsTheRun() throws Exception {
        ScriptedCommand.Options o = parse(new String[] {"--tasks", "reach-v2", "--episodes", "2",
            "--max-steps", "5", "--quiet", "--min-success", "0.5"});
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        boolean passed = ScriptedCommand.run(o, new PrintStream(buf, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        // five steps cannot reach the goal: the run reports 0.00 and fails the 0.5 bar
        assertFalse(passed);
        String text = buf.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("mode=rand max_steps=5 episodes=2"), text);
        assertTrue(text.lines().anyMatch(l -> l.startsWith("reach-v2") && l.contains("0.00")), text);
    }
}
