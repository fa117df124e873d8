package org.d2r.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.d2r.core.baselines.Method;
import org.d2r.replay.ReplayConfig;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.ParameterException;
import org.junit.jupiter.api.io.TempDir;

class TrainOptionsTest {

    @Test
    void theMethodDefaultsToD2rAndAnUnknownOneIsNamed(@TempDir Path dir) throws Exception {
        assertEquals(Method.D2R, TrainRuns.parse(new String[] {"--run-dir", dir.toString()}).method());
        assertEquals(Method.SOFTMOD, TrainRuns.parse(new String[] {"--method", "softmod", "--run-dir", dir.toString()}).method());
        assertEquals(Method.CARE, TrainRuns.parse(new String[] {"--method", "care", "--run-dir", dir.toString()}).method());
        assertEquals(Method.PACO, TrainRuns.parse(new String[] {"--method", "PaCo", "--run-dir", dir.toString()}).method());
        ParameterException e = assertThrows(ParameterException.class,
                () -> TrainRuns.parse(new String[] {"--method", "pcgrad", "--run-dir", dir.toString()}));
        assertTrue(e.getMessage().contains("'pcgrad'") && e.getMessage().contains("mtsac") && e.getMessage().contains("paco"),
                e.getMessage());
    }

    @Test
    void theRunMonitorIsOnByDefaultAndItsPortOrItsAbsenceAreOptions(@TempDir Path dir) {
        String run = dir.toString();
        assertEquals(org.d2r.monitor.MonitorConfig.DEFAULT_PORT, TrainRuns.parse(new String[] {"--run-dir", run}).monitorPort());
        assertEquals(0, TrainRuns.parse(new String[] {"--run-dir", run, "--monitor-port", "0"}).monitorPort());
        assertEquals(TrainOptions.NO_MONITOR, TrainRuns.parse(new String[] {"--run-dir", run, "--no-monitor"}).monitorPort());
        ParameterException both = assertThrows(ParameterException.class,
                () -> TrainRuns.parse(new String[] {"--run-dir", run, "--no-monitor", "--monitor-port", "9000"}));
        assertTrue(both.getMessage().contains("--monitor-port") && both.getMessage().contains("--no-monitor"), both.getMessage());
        ParameterException port = assertThrows(ParameterException.class,
                () -> TrainRuns.parse(new String[] {"--run-dir", run, "--monitor-port", "70000"}));
        assertTrue(port.getMessage().contains("70000") && port.getMessage().contains("1-65535"), port.getMessage());
    }

    @Test
    void ablationsAreCheckedAndAResumedRunKeepsItsOwn(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");
        TrainOptions first = TrainRuns.parse(new String[] {"--preset", "smoke", "--tasks", "reach-v2,push-v2",
                "--ablation", "no-resrouting", "--run-dir", run.toString()});
        assertEquals(List.of("no-resrouting"), first.ablations());
        java.nio.file.Files.createDirectories(run);
        TrainCommand.writeConfig(first, run);
        assertEquals(List.of("no-resrouting"), TrainRuns.parse(new String[] {"--resume", run.toString()}).ablations());
        assertEquals(List.of("no-resrouting"), TrainRuns.parse(new String[] {"--resume", run.toString(), "--ablation",
                " No-ResRouting"}).ablations(), "the same ablation spelt otherwise is the run's own");
        ParameterException e = assertThrows(ParameterException.class,
                () -> TrainRuns.parse(new String[] {"--resume", run.toString(), "--ablation", "hard"}));
        assertTrue(e.getMessage().contains("[no-resrouting]"), e.getMessage());
        e = assertThrows(ParameterException.class,
                () -> TrainRuns.parse(new String[] {"--ablation", "no-thinking", "--run-dir", dir.resolve("b").toString()}));
        assertTrue(e.getMessage().contains("no-thinking"), e.getMessage());
        e = assertThrows(ParameterException.class,
                () -> TrainRuns.parse(new String[] {"--ablation", "No-SampleK", "--run-dir", dir.resolve("c").toString()}));
        assertTrue(e.getMessage().contains("producers"), e.getMessage());
        // recorded by LearnerConfig's names, as train --local records them, so that the report labels both alike
        assertEquals(List.of("no-resrouting", "top-k=3"), TrainRuns.parse(new String[] {"--ablation", " No-ResRouting",
                "--ablation", "TOP-K=3", "--run-dir", dir.resolve("d").toString()}).ablations());
    }

    @Test
    void aResumedRunKeepsTheOptionsItWasStartedWith(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");
        TrainOptions first = TrainRuns.parse(new String[] {"--preset", "smoke", "--method", "mtsac", "--tasks",
                "reach-v2,push-v2", "--seed", "4", "--steps", "900", "--run-dir", run.toString(), "--snapshot-every", "7",
                "--checkpoint-every", "70", "--eval-every", "300", "--final-episodes", "5", "--max-lead", "33",
                "--batch-rows", "inline"});
        java.nio.file.Files.createDirectories(run);
        TrainCommand.writeConfig(first, run);

        TrainOptions resumed = TrainRuns.parse(new String[] {"--resume", run.toString()});
        assertTrue(resumed.resume());
        assertEquals(run, resumed.runDir());
        assertEquals("smoke", resumed.preset());
        assertEquals(Method.MTSAC, resumed.method());
        assertEquals(List.of("reach-v2", "push-v2"), resumed.tasks());
        assertEquals(4, resumed.seed());
        assertEquals(900, resumed.stepsPerTask());
        assertEquals(7, resumed.snapshotEvery());
        assertEquals(70, resumed.checkpointEvery());
        assertEquals(300, resumed.evalEvery());
        assertEquals(5, resumed.finalEpisodes());
        assertEquals(33, resumed.maxLead());
        assertEquals(ReplayConfig.BatchRows.INLINE, resumed.batchRows());

        // a longer budget is a continuation; the same identity given again is fine
        TrainOptions longer = TrainRuns.parse(new String[] {"--resume", run.toString(), "--steps", "1200", "--method", "MTSAC"});
        assertEquals(1200, longer.stepsPerTask());
        // another network or other tasks would be another run
        ParameterException e = assertThrows(ParameterException.class,
                () -> TrainRuns.parse(new String[] {"--resume", run.toString(), "--method", "d2r"}));
        assertTrue(e.getMessage().contains("--method mtsac") && e.getMessage().contains("not d2r"), e.getMessage());
        e = assertThrows(ParameterException.class,
                () -> TrainRuns.parse(new String[] {"--resume", run.toString(), "--tasks", "reach-v2"}));
        assertTrue(e.getMessage().contains("--tasks [reach-v2, push-v2], not [reach-v2]")
                && e.getMessage().contains("cannot change"), e.getMessage());
        // the replay job restored from its checkpoint keeps the batch form it started with
        e = assertThrows(ParameterException.class,
                () -> TrainRuns.parse(new String[] {"--resume", run.toString(), "--batch-rows", "references"}));
        assertTrue(e.getMessage().contains("--batch-rows inline, not references"), e.getMessage());
        assertEquals(ReplayConfig.BatchRows.INLINE, TrainRuns.parse(new String[] {"--resume", run.toString(),
                "--batch-rows", "INLINE"}).batchRows());
        // budgets and cadences may change, each on its own
        TrainOptions cadence = TrainRuns.parse(new String[] {"--resume", run.toString(), "--snapshot-every", "9",
                "--checkpoint-every", "90", "--eval-every", "400", "--final-episodes", "6", "--max-lead", "44"});
        assertEquals(List.of(9L, 90L, 400L, 6L, 44L, 900L), List.of((long) cadence.snapshotEvery(), (long) cadence.checkpointEvery(),
                cadence.evalEvery(), (long) cadence.finalEpisodes(), cadence.maxLead(), cadence.stepsPerTask()));
        // a stored setting this build cannot read is named with the file it is in
        java.nio.file.Files.writeString(run.resolve("config.json"), java.nio.file.Files.readString(run.resolve("config.json"))
                .replace("\"mtsac\"", "\"pcgrad\""));
        e = assertThrows(ParameterException.class, () -> TrainRuns.parse(new String[] {"--resume", run.toString()}));
        assertTrue(e.getMessage().contains("pcgrad") && e.getMessage().contains("config.json"), e.getMessage());
        e = assertThrows(ParameterException.class,
                () -> TrainRuns.parse(new String[] {"--resume", dir.resolve("nowhere").toString()}));
        assertTrue(e.getMessage().contains("no such run folder"), e.getMessage());
    }

    @Test
    void aSecondResumeKeepsTheFirstResumesBudgetAndTheBrokerIsTheRunsOwn(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");
        java.nio.file.Files.createDirectories(run);
        TrainCommand.writeConfig(TrainRuns.parse(new String[] {"--preset", "smoke", "--tasks", "reach-v2", "--steps", "900",
                "--run-dir", run.toString()}), run);
        // the first resume extends the budget; it writes config.resumed.json as train does
        TrainOptions longer = TrainRuns.parse(new String[] {"--resume", run.toString(), "--steps", "2000", "--eval-every", "77"});
        TrainCommand.writeConfig(longer, run);
        TrainOptions again = TrainRuns.parse(new String[] {"--resume", run.toString()});
        assertEquals(2000, again.stepsPerTask(), "not back to the first start's 900");
        assertEquals(77, again.evalEvery());
        assertEquals(List.of("reach-v2"), again.tasks());

        // the run's broker was its own: an external one would not have its offsets
        ParameterException e = assertThrows(ParameterException.class, () -> TrainRuns.parse(
                new String[] {"--resume", run.toString(), "--bootstrap-servers", "kafka:9092"}));
        assertTrue(e.getMessage().contains("embedded broker"), e.getMessage());
        Path external = dir.resolve("external");
        java.nio.file.Files.createDirectories(external);
        TrainCommand.writeConfig(TrainRuns.parse(new String[] {"--preset", "smoke", "--run-dir", external.toString(),
                "--bootstrap-servers", "kafka:9092"}), external);
        e = assertThrows(ParameterException.class, () -> TrainRuns.parse(new String[] {"--resume", external.toString()}));
        assertTrue(e.getMessage().contains("--bootstrap-servers kafka:9092"), e.getMessage());
        assertEquals("kafka:9092", TrainRuns.parse(new String[] {"--resume", external.toString(), "--bootstrap-servers",
                "kafka:9092"}).bootstrapServers());

        // another mode's run folder, and a stored value that does not parse, say where they come from
        Path local = dir.resolve("local");
        java.nio.file.Files.createDirectories(local);
        java.nio.file.Files.writeString(local.resolve("config.json"), "{\"mode\": \"local\", \"preset\": \"smoke\"}");
        e = assertThrows(ParameterException.class, () -> TrainRuns.parse(new String[] {"--resume", local.toString()}));
        assertTrue(e.getMessage().contains("'local' run"), e.getMessage());
        Path edited = dir.resolve("edited");
        java.nio.file.Files.createDirectories(edited);
        java.nio.file.Files.writeString(edited.resolve("config.json"), "{\"mode\": \"embedded\", \"seed\": \"abc\"}");
        e = assertThrows(ParameterException.class, () -> TrainRuns.parse(new String[] {"--resume", edited.toString()}));
        assertTrue(e.getMessage().contains("\"seed\" is \"abc\"") && e.getMessage().contains("config.json"), e.getMessage());
    }

    @Test
    void anUnknownTaskIsNamedWithTheValidOnes(@TempDir Path dir) {
        ParameterException e = assertThrows(ParameterException.class, () -> TrainRuns.parse(
                new String[] {"--tasks", "reach-v2,nope-v2", "--run-dir", dir.resolve("r").toString()}));
        assertTrue(e.getMessage().contains("'nope-v2'") && e.getMessage().contains("push-v2"), e.getMessage());
    }

    @Test
    void aFolderThatIsNotARunIsNotResumedAndARunIsNotStartedAgain(@TempDir Path dir) throws Exception {
        Path notRun = java.nio.file.Files.createDirectories(dir.resolve("photos"));
        ParameterException e = assertThrows(ParameterException.class,
                () -> TrainRuns.parse(new String[] {"--resume", notRun.toString()}));
        assertTrue(e.getMessage().contains("not a run folder") && e.getMessage().contains("--run-dir"), e.getMessage());

        Path run = java.nio.file.Files.createDirectories(dir.resolve("run"));
        TrainCommand.writeConfig(TrainRuns.parse(new String[] {"--preset", "smoke", "--run-dir", run.toString()}), run);
        e = assertThrows(ParameterException.class,
                () -> TrainRuns.parse(new String[] {"--preset", "smoke", "--run-dir", run.toString()}));
        assertTrue(e.getMessage().contains("already holds a run") && e.getMessage().contains("--resume " + run), e.getMessage());
        assertTrue(TrainRuns.parse(new String[] {"--resume", run.toString()}).resume(), "--resume is the way to continue it");
    }
}
