package org.d2r.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.d2r.core.baselines.Method;
import org.d2r.replay.ReplayConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainOptionsTest {

    @Test
    void theMethodDefaultsToD2rAndAnUnknownOneIsNamed(@TempDir Path dir) throws Exception {
        assertEquals(Method.D2R, TrainOptions.parse(new String[] {"--run-dir", dir.toString()}).method());
        assertEquals(Method.SOFTMOD, TrainOptions.parse(new String[] {"--method", "softmod", "--run-dir", dir.toString()}).method());
        TrainOptions.UsageException e = assertThrows(TrainOptions.UsageException.class,
                () -> TrainOptions.parse(new String[] {"--method", "care", "--run-dir", dir.toString()}));
        assertTrue(e.getMessage().contains("'care'") && e.getMessage().contains("mtsac"), e.getMessage());
    }

    @Test
    void aResumedRunKeepsTheOptionsItWasStartedWith(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");
        TrainOptions first = TrainOptions.parse(new String[] {"--preset", "smoke", "--method", "mtsac", "--tasks",
                "reach-v2,push-v2", "--seed", "4", "--steps", "900", "--run-dir", run.toString(), "--snapshot-every", "7",
                "--checkpoint-every", "70", "--eval-every", "300", "--final-episodes", "5", "--max-lead", "33",
                "--batch-rows", "inline"});
        java.nio.file.Files.createDirectories(run);
        TrainCommand.writeConfig(first, run);

        TrainOptions resumed = TrainOptions.parse(new String[] {"--resume", run.toString()});
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
        TrainOptions longer = TrainOptions.parse(new String[] {"--resume", run.toString(), "--steps", "1200", "--method", "MTSAC"});
        assertEquals(1200, longer.stepsPerTask());
        // another network or other tasks would be another run
        TrainOptions.UsageException e = assertThrows(TrainOptions.UsageException.class,
                () -> TrainOptions.parse(new String[] {"--resume", run.toString(), "--method", "d2r"}));
        assertTrue(e.getMessage().contains("--method mtsac") && e.getMessage().contains("not d2r"), e.getMessage());
        assertThrows(TrainOptions.UsageException.class,
                () -> TrainOptions.parse(new String[] {"--resume", run.toString(), "--tasks", "reach-v2"}));
        e = assertThrows(TrainOptions.UsageException.class,
                () -> TrainOptions.parse(new String[] {"--resume", dir.resolve("nowhere").toString()}));
        assertTrue(e.getMessage().contains("no such run folder"), e.getMessage());
    }
}
