package org.d2r.evaluator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.d2r.metaworld.GoalMode;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.ParameterException;

class EvaluatorCommandTest {

    @Test
    void parsesOptionsAndPicksGoalStreams() {
        EvaluatorConfig c = parse(new String[] {"--bootstrap", "h:9092", "--run-id", "r", "--run-dir", "/tmp/x",
                "--tasks", "reach-v2", "--eval-every", "500", "--episodes", "4", "--goals", "fixed"});
        assertEquals(500, c.evalEvery());
        assertEquals(4, c.episodes());
        assertEquals(Path.of("/tmp/x"), c.runDir());
        assertEquals(0, c.envIndex(), "fixed goals: the producers' env index 0");
        assertEquals(GoalMode.RAND, parse(new String[] {"--bootstrap", "h:1", "--run-id", "r", "--run-dir", "d"})
                .goalMode());
        assertEquals("h:2", parse(new String[] {"--bootstrap-servers", "h:2", "--run-id", "r", "--run-dir", "d"})
                .kafka().bootstrapServers(), "Kafka's own option name works as the short one does");
        assertEquals(EvaluatorConfig.RAND_ENV_INDEX,
                parse(new String[] {"--bootstrap", "h:1", "--run-id", "r", "--run-dir", "d"}).envIndex());
    }

    @Test
    void badInputNamesTheProblem() {
        assertTrue(assertThrows(ParameterException.class,
                () -> parse(new String[] {"--bootstrap", "h:1", "--run-id", "r"})).getMessage().contains("--run-dir"));
        assertTrue(assertThrows(ParameterException.class, () -> parse(new String[] {"--bootstrap", "h:1",
                "--run-id", "r", "--run-dir", "d", "--eval-every", "0"})).getMessage().contains("evaluation interval"));
        assertTrue(assertThrows(ParameterException.class, () -> parse(new String[] {"--bootstrap", "h:1",
                "--run-id", "r", "--run-dir", "d", "--goals", "sometimes"})).getMessage().contains("rand or fixed"));
    }

    @Test
    void aFinalEvaluationIsAskedForWithTheLearnersBudget() {
        String[] base = {"--bootstrap", "h:1", "--run-id", "r", "--run-dir", "d"};
        assertEquals(null, parseFinal(base));
        assertEquals(null, parseFinal(with(base, "--final-at", "0")), "compose's default: none");
        assertEquals(new EvaluatorCommand.Final(5000, 100), parseFinal(with(base, "--final-at", "5000")));
        assertEquals(new EvaluatorCommand.Final(5000, 10),
                parseFinal(with(base, "--final-at", "5000", "--final-episodes", "10")));
        assertEquals(32, parse(with(base, "--final-at", "5000")).episodes(), "periodic evaluations unchanged");
        assertTrue(assertThrows(ParameterException.class,
                () -> parseFinal(with(base, "--final-episodes", "10"))).getMessage().contains("--final-at"));
        assertThrows(ParameterException.class, () -> parseFinal(with(base, "--final-at", "-3")));
    }

    private static String[] with(String[] base, String... more) {
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    private static EvaluatorConfig parse(String[] args) {
        return org.d2r.cli.Cli.parse(new EvaluatorCommand(), args).config();
    }

    private static EvaluatorCommand.Final parseFinal(String[] args) {
        return org.d2r.cli.Cli.parse(new EvaluatorCommand(), args).finalEvaluation();
    }
}
