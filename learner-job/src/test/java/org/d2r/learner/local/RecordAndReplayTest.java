package org.d2r.learner.local;

import org.d2r.cli.Cli;
import org.d2r.cli.PrintingCommand;
import org.d2r.recording.RecordingSink;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.d2r.core.io.Checkpoint;
import org.d2r.roles.learner.RecordedBatchSource;
import org.d2r.roles.recording.TransitionFileReader;
import org.d2r.schemas.Transition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Run mode 4 end to end on Meta-World: train --local records its experience, train-offline replays
 * it, and with the same preset, method and seed ends with exactly the online run's parameters.
 */
class RecordAndReplayTest {

    @Test
    void anOfflineReplayOfARecordedLocalRunReproducesItsParameters(@TempDir Path tmp) throws Exception {
        assumeTrue(LocalTrainCommandTest.metaWorldAvailable(), "Meta-World (MuJoCo binding and scene assets) is not available here");
        String[] common = {"--preset", "smoke", "--tasks", "reach-v2,push-v2", "--seed", "5"};
        // 50 steps per task: warm-up capped at 10, then one update per step of both environments (40 updates).
        LocalPlan plan = Cli.parse(new LocalTrainCommand(), concat(common, "--steps", "50", "--eval-every", "50",
                "--eval-episodes", "1")).plan();
        Path online = Files.createDirectories(tmp.resolve("online"));
        Path recording = tmp.resolve("online.avro");
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        LocalTrainer trainer = new LocalTrainer(plan, online, new PrintStream(sink, true, StandardCharsets.UTF_8),
                LocalTrainer.DEFAULT_CHECKPOINT_EVERY);
        try (RecordingSink recorder = new RecordingSink(recording, "online", plan.tasks(), "test")) {
            trainer.run(recorder);
        }
        assertEquals(40, trainer.sac.updateCount());

        try (TransitionFileReader r = TransitionFileReader.open(recording)) {
            Transition t = null;
            int count = 0;
            while (r.hasNext()) {
                t = r.next(t);
                assertEquals(count % 2, t.getTaskId(), "lock-stepped tasks, stored in task order");
                assertEquals(count / 2, t.getStep(), "step index within the (200-step) episode");
                assertEquals(count / 2 < 10 ? -1 : count / 2 - 10, t.getSnapshotVersion(), "-1 in the warm-up, then updates");
                assertEquals(2, t.getRoutingPath().remaining(), "D2R's acting path (4 modules: 10 bits)");
                count++;
            }
            assertEquals(100, count);
        }

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path offline = tmp.resolve("offline");
        int code = PrintingCommand.run(new OfflineTrainCommand(),
                concat(common, "--from", recording.toString(), "--run-dir", offline.toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("warm-up 10 per task"), out.toString(StandardCharsets.UTF_8));

        ByteArrayOutputStream onlineState = new ByteArrayOutputStream();
        Checkpoint.write(trainer.sac, Map.of(RecordedBatchSource.RECORDS_READ, "100".getBytes()), onlineState);
        // the offline checkpoint carries its own resume extras too: compare the learner state both hold
        Map<String, byte[]> extras = Checkpoint.restore(trainer.sac,
                offline.resolve("checkpoints").resolve(OfflineTrainCommand.FINAL_CHECKPOINT));
        assertEquals("100", new String(extras.get(RecordedBatchSource.RECORDS_READ), StandardCharsets.US_ASCII));
        ByteArrayOutputStream offlineState = new ByteArrayOutputStream();
        Checkpoint.write(trainer.sac, Map.of(RecordedBatchSource.RECORDS_READ, "100".getBytes()), offlineState);
        assertArrayEquals(onlineState.toByteArray(), offlineState.toByteArray(),
                "the offline learner must end with the online learner's parameters, optimiser and random state");
    }

    @Test
    void trainLocalRecordWritesTheFileAndRefusesAnExistingOne(@TempDir Path tmp) throws Exception {
        assumeTrue(LocalTrainCommandTest.metaWorldAvailable(), "Meta-World (MuJoCo binding and scene assets) is not available here");
        Path file = tmp.resolve("rec.avro");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] args = {"--local", "--preset", "smoke", "--tasks", "reach-v2", "--method", "mtsac", "--steps", "20",
                "--eval-every", "20", "--eval-episodes", "1", "--run-dir", tmp.resolve("run").toString(), "--record", file.toString()};
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertEquals(0, PrintingCommand.run(new LocalTrainCommand(), args, o, e), err.toString(StandardCharsets.UTF_8));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("recorded 20 transitions"), out.toString(StandardCharsets.UTF_8));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("bin/d2r train-offline --from " + file + " --preset smoke --tasks reach-v2 --method mtsac --seed 1"),
                out.toString(StandardCharsets.UTF_8));
        RecordingSummary s = RecordingSummary.of(file);
        assertEquals(Map.of(0, "reach-v2"), s.taskNames());
        assertEquals(java.util.List.of(0), s.pathBytes(), "MT-SAC has no routing paths");
        assertEquals(4, s.recordedWarmup());
        args[args.length - 3] = tmp.resolve("run2").toString();
        assertEquals(2, PrintingCommand.run(new LocalTrainCommand(), args, o, e));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("already exists"), err.toString(StandardCharsets.UTF_8));
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
