package org.d2r.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.d2r.cli.Cli;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.ParameterException;

class ReplayConfigTest {

    /** The job's command-line options (flink run, bin/d2r replay-job) as a config, as the job parses them. */
    static ReplayConfig parse(String... args) {
        return Cli.parse(new ReplayArgs(), args).config();
    }

    @Test
    void paperSettingsGiveTheReplayRatioPerTask() {
        ReplayConfig mt10 = parse(new String[] {"--bootstrap", "h:9092", "--run-id", "r", "--tasks", "10"});
        assertEquals(100_000, mt10.windowPerTask());
        assertEquals(4_000, mt10.warmupPerTask(), "the first batch after the 4,000 random actions per task of the warm-up");
        assertEquals(1, mt10.stepPerTask(), "one update per 10 new transitions = one per task step");
        assertEquals(4_000 + 7, mt10.warmupPerTask() + 7 * mt10.stepPerTask(), "batch 7 after 4,007 transitions of each task");
        assertEquals(128, mt10.rowsPerTask());
        ReplayConfig mt50 = parse(new String[] {"--bootstrap", "h:9092", "--run-id", "r", "--tasks", "50",
                "--transitions-per-update", "100", "--bounded"});
        assertEquals(200_000, mt50.windowPerTask());
        assertEquals(4_000, mt50.warmupPerTask());
        ReplayConfig small = parse(new String[] {"--bootstrap", "h:9092", "--run-id", "r", "--tasks", "10",
                "--warmup", "1000"});
        assertEquals(100, small.warmupPerTask(), "--warmup sets the transitions stored before the first batch");
        assertEquals(2, mt50.stepPerTask());
        assertTrue(mt50.bounded());
    }

    @Test
    void aPresetAndATaskListGiveTheWindowsBinD2rTrainRunsWith() {
        ReplayConfig smoke = parse(new String[] {"--bootstrap", "h:9092", "--run-id", "r", "--tasks",
                "reach-v2,push-v2", "--preset", "smoke"});
        org.d2r.core.config.SacConfig sac = org.d2r.core.config.LearnerConfig.preset("smoke").sac();
        assertEquals(2, smoke.tasks(), "the producers' task list counts the tasks");
        assertEquals(sac.batchPerTask(), smoke.rowsPerTask());
        assertEquals(Math.max(sac.minTransitions(), 2L * sac.warmupStepsPerTask()), smoke.warmup());
        assertEquals(100_000, smoke.windowPerTask(), "a subset keeps the paper's window per task");
        assertEquals(ReplayConfig.forRun("h:9092", "r", 2, 0, sac.warmupStepsPerTask(), sac.minTransitions(), sac.batchPerTask()),
                smoke);
        assertEquals(10, parse(new String[] {"--bootstrap", "h:9092", "--run-id", "r", "--tasks", "mt10"}).tasks());
        assertEquals("h:9093", parse(new String[] {"--bootstrap-servers", "h:9093", "--run-id", "r", "--tasks", "mt10"})
                .bootstrapServers(), "Kafka's own option name works as the short one does");
        ParameterException preset = assertThrows(ParameterException.class, () -> parse(new String[] {
                "--bootstrap", "h:9092", "--run-id", "r", "--tasks", "10", "--preset", "mt11"}));
        assertTrue(preset.getMessage().contains("--preset") && preset.getMessage().contains("smoke"), preset.getMessage());
    }

    @Test
    void theJobsPresetTableIsTheLearnersPresets() {
        // the job's jar carries no learner classes, so it keeps what it needs of each preset itself
        assertEquals(new java.util.TreeSet<>(org.d2r.core.config.LearnerConfig.PRESETS), new java.util.TreeSet<>(ReplayArgs.PRESETS.keySet()));
        for (String name : org.d2r.core.config.LearnerConfig.PRESETS) {
            org.d2r.core.config.SacConfig sac = org.d2r.core.config.LearnerConfig.preset(name).sac();
            assertEquals(java.util.List.of(sac.warmupStepsPerTask(), sac.minTransitions(), sac.batchPerTask()),
                    java.util.Arrays.stream(ReplayArgs.PRESETS.get(name)).boxed().toList(), name);
        }
        assertEquals(50, parse(new String[] {"--bootstrap", "h:9092", "--run-id", "r", "--tasks", " mt50 "}).tasks());
        assertEquals(10, parse(new String[] {"--bootstrap", "h:9092", "--run-id", "r", "--tasks", " 10"}).tasks());
    }

    @Test
    void badSettingsAreRefusedWithTheFix() {
        ParameterException ratio = assertThrows(ParameterException.class, () -> parse(new String[] {
                "--bootstrap", "h:9092", "--run-id", "r", "--tasks", "10", "--transitions-per-update", "15"}));
        assertTrue(ratio.getMessage().contains("multiple of the task count 10"), ratio.getMessage());
        ParameterException missing = assertThrows(ParameterException.class,
                () -> parse(new String[] {"--run-id", "r", "--tasks", "10"}));
        assertTrue(missing.getMessage().contains("--bootstrap"), missing.getMessage());
        ParameterException number = assertThrows(ParameterException.class, () -> parse(new String[] {
                "--bootstrap", "h:9092", "--run-id", "r", "--tasks", "ten"}));
        assertTrue(number.getMessage().contains("--tasks expects a task count, mt10, mt50 or a list")
                && number.getMessage().contains("'ten'"), number.getMessage());
        assertThrows(ParameterException.class, () -> parse(new String[] {
                "--bootstrap", "h:9092", "--run-id", "r", "--tasks", "10", "--capacity", "5"}));
        java.io.ByteArrayOutputStream help = new java.io.ByteArrayOutputStream();
        assertEquals(0, org.d2r.cli.Cli.execute(new ReplayArgs(), new java.io.PrintStream(help), System.err, "--help"));
        assertTrue(help.toString().contains("--checkpoint-dir"), help.toString());
    }

    @Test
    void samplerSeedsDifferPerTaskAndBatch() {
        assertTrue(TaskReplay.samplerSeed(1, 0, 0) != TaskReplay.samplerSeed(1, 1, 0));
        assertTrue(TaskReplay.samplerSeed(1, 0, 0) != TaskReplay.samplerSeed(1, 0, 1));
        assertTrue(TaskReplay.samplerSeed(1, 0, 0) != TaskReplay.samplerSeed(2, 0, 0));
    }
}
