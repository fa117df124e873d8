package org.d2r.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.LongStream;
import org.d2r.infra.CommandLineHelpTest.Outcome;
import org.d2r.roles.RunConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs started through {@code bin/d2r} resume through it. Under the launcher picocli hands a command the whole command
 * line, its name first; config.json once kept that name in "args", and {@code train --local --resume} then failed
 * with "Unmatched argument 'train-local'" for every run a user had started (the learner's own tests call the command
 * directly and never saw it).
 */
class LauncherResumeTest {

    private static Outcome d2r(String... args) {
        return CommandLineHelpTest.d2r(args);
    }

    @Test
    void trainLocalAndTrainOfflineStartedThroughTheLauncherResumeThroughIt(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("local");
        Path rec = tmp.resolve("rec.avro");
        // 150 steps: 120 updates, checkpoints every 40
        Outcome first = d2r("train", "--local", "--preset", "smoke", "--tasks", "reach-v2", "--steps", "150", "--eval-every",
                "150", "--eval-episodes", "1", "--checkpoint-every", "40", "--run-dir", run.toString(), "--record", rec.toString());
        assertEquals(0, first.code(), first.err());
        RunConfig config = RunConfig.read(run.resolve("config.json"));
        assertEquals("--preset", config.args().get(0), "the command's own arguments: " + config.args());
        assertTrue(config.command().startsWith("bin/d2r train --local --preset smoke"), config.command());

        Files.delete(run.resolve("checkpoints").resolve("local-000000000120.ckpt")); // killed after update 80's checkpoint
        Outcome resumed = d2r("train", "--local", "--resume", run.toString());
        assertEquals(0, resumed.code(), resumed.err());
        List<Long> updates = Files.readAllLines(run.resolve("metrics.csv")).stream().skip(1)
                .map(l -> Long.parseLong(l.split(",")[0])).toList();
        assertEquals(LongStream.rangeClosed(1, 91).boxed().toList(), updates, "resumed at 80, refilled, on to the budget");

        Path offline = tmp.resolve("offline");
        Outcome part = d2r("train-offline", "--preset", "smoke", "--tasks", "reach-v2", "--from", rec.toString(), "--run-dir",
                offline.toString(), "--updates", "20", "--checkpoint-every", "10");
        assertEquals(0, part.code(), part.err());
        assertEquals("--preset", RunConfig.read(offline.resolve("config.json")).args().get(0));
        Outcome more = d2r("train-offline", "--resume", offline.toString(), "--updates", "40");
        assertEquals(0, more.code(), more.err());
        assertEquals(41, Files.readAllLines(offline.resolve("metrics.csv")).size(), "header + updates 1-40");
    }
}
