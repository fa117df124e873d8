package org.d2r.learner.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.d2r.cli.PrintingCommand;
import org.d2r.roles.report.EvalCsv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train-offline on small recordings: determinism, ablations, the replay ratio, refusals. */
class OfflineTrainCommandTest {

    private static final List<String> TASKS = List.of("reach-v2", "push-v2");

    private record Outcome(int code, String out, String err) {}

    private static Outcome run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = PrintingCommand.run(new OfflineTrainCommand(), args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Outcome train(Path recording, Path runDir, String... extra) {
        List<String> args = new ArrayList<>(List.of("--from", recording.toString(), "--preset", "smoke", "--tasks",
                String.join(",", TASKS), "--run-dir", runDir.toString()));
        args.addAll(Arrays.asList(extra));
        return run(args.toArray(String[]::new));
    }

    private static byte[] finalCheckpoint(Path runDir) throws Exception {
        return Files.readAllBytes(runDir.resolve("checkpoints").resolve(OfflineTrainCommand.FINAL_CHECKPOINT));
    }

    @Test
    void sameSeedGivesBitIdenticalParametersAndAnotherAblationDoesNot(@TempDir Path tmp) throws Exception {
        // 120 lock-stepped steps of two tasks, the first 30 random actions: 90 updates at one per 2 transitions.
        Path rec = Recordings.write(tmp.resolve("rec.avro"), TASKS, 120, 30, 39, 2);
        Outcome a = train(rec, tmp.resolve("a"), "--seed", "3");
        assertEquals(0, a.code(), a.err());
        Outcome b = train(rec, tmp.resolve("b"), "--seed", "3");
        assertEquals(0, b.code(), b.err());
        assertArrayEquals(finalCheckpoint(tmp.resolve("a")), finalCheckpoint(tmp.resolve("b")),
                "the same recording, preset and seed must give bit-identical parameters");
        Outcome c = train(rec, tmp.resolve("c"), "--seed", "3", "--ablation", "no-resrouting");
        assertEquals(0, c.code(), c.err());
        byte[] ca = finalCheckpoint(tmp.resolve("a"));
        byte[] cc = finalCheckpoint(tmp.resolve("c"));
        assertEquals(ca.length, cc.length, "no-resrouting keeps the network's shapes");
        assertFalse(Arrays.equals(ca, cc), "an ablation that changes the update must change the parameters");

        JsonNode cfg = new ObjectMapper().readTree(tmp.resolve("a").resolve("config.json").toFile());
        JsonNode ablated = new ObjectMapper().readTree(tmp.resolve("c").resolve("config.json").toFile());
        assertEquals("smoke", ablated.get("preset").asText(), "the preset and its ablations apart, as the pipeline writes them");
        assertEquals("[\"no-resrouting\"]", ablated.get("ablations").toString());
        assertFalse(cfg.has("ablations"), "none given: " + cfg);
        assertEquals(240, cfg.get("source").get("records").asLong());
        assertTrue(cfg.get("source").get("file").asText().endsWith("rec.avro"));
        assertEquals(30, cfg.get("schedule").get("warmupPerTask").asInt(), "warm-up as recorded (snapshot version -1)");
        List<String> metrics = Files.readAllLines(tmp.resolve("a").resolve("metrics.csv"));
        String[] last = metrics.get(metrics.size() - 1).split(",");
        assertEquals("120", last[2], "all transitions read (env steps per task: 240 transitions of 2 tasks)");
        assertEquals("90", last[0], "one update per N=2 new transitions after the 30-step warm-up");
        assertTrue(a.out().contains("90 updates"), a.out());
    }

    @Test
    void aResumedRunEndsWhereTheUninterruptedOneDoes(@TempDir Path tmp) throws Exception {
        Path rec = Recordings.write(tmp.resolve("rec.avro"), TASKS, 120, 30, 39, 2);
        Outcome whole = train(rec, tmp.resolve("whole"), "--seed", "3", "--checkpoint-every", "10");
        assertEquals(0, whole.code(), whole.err());

        // killed after its checkpoint at 80 updates: the final and the 90-update checkpoints never got written
        Path killed = tmp.resolve("killed");
        assertEquals(0, train(rec, killed, "--seed", "3", "--checkpoint-every", "10").code());
        Files.delete(killed.resolve("checkpoints").resolve(OfflineTrainCommand.FINAL_CHECKPOINT));
        Files.delete(killed.resolve("checkpoints").resolve("offline-000000000090.ckpt"));
        Outcome resumed = run("--resume", killed.toString());
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().contains("resuming from offline-000000000080.ckpt: 80 updates"), resumed.out());
        assertArrayEquals(finalCheckpoint(tmp.resolve("whole")), finalCheckpoint(killed),
                "resuming from a checkpoint must give the parameters of the run left alone");
        List<String> updates = Files.readAllLines(killed.resolve("metrics.csv")).stream().skip(1)
                .map(l -> l.split(",")[0]).toList();
        assertEquals(updates.stream().distinct().toList(), updates, "no metrics row twice after the resume");
        assertEquals(Files.readAllLines(tmp.resolve("whole").resolve("metrics.csv")).size(),
                Files.readAllLines(killed.resolve("metrics.csv")).size());

        // stopped early with --updates, then continued to the end with a later stopping point
        Path stopped = tmp.resolve("stopped");
        assertEquals(0, train(rec, stopped, "--seed", "3", "--checkpoint-every", "10", "--updates", "35").code());
        Outcome more = run("--resume", stopped.toString(), "--updates", "90");
        assertEquals(0, more.code(), more.err());
        assertArrayEquals(finalCheckpoint(tmp.resolve("whole")), finalCheckpoint(stopped));

        Outcome wrong = run("--resume", stopped.toString(), "--seed", "4");
        assertEquals(2, wrong.code());
        assertTrue(wrong.err().contains("only --updates U goes with --resume"), wrong.err());
        Outcome none = run("--resume", tmp.resolve("nowhere").toString());
        assertEquals(2, none.code());
        assertTrue(none.err().contains("config.json is missing"), none.err());
    }

    @Test
    void theFinalEvaluationGoesToEvaluationsCsvAsInEveryMode(@TempDir Path tmp) throws Exception {
        assumeTrue(LocalTrainCommandTest.metaWorldAvailable(), "Meta-World (MuJoCo binding and scene assets) is not available here");
        Path rec = Recordings.write(tmp.resolve("rec.avro"), TASKS, 60, 10, 39, 2);
        Path dir = tmp.resolve("eval");
        Outcome o = train(rec, dir, "--updates", "5", "--method", "mtsac", "--eval-episodes", "1");
        assertEquals(0, o.code(), o.err());
        assertFalse(Files.exists(dir.resolve("eval.csv")));
        List<String> rows = Files.readAllLines(dir.resolve(EvalCsv.FILE));
        assertEquals(EvalCsv.HEADER, rows.get(0));
        assertEquals(1 + TASKS.size(), rows.size(), rows.toString());
        // no environment steps behind an offline policy: that field is empty, as the evaluator writes an unknown one
        for (int t = 0; t < TASKS.size(); t++) {
            assertTrue(rows.get(1 + t).startsWith("5,5,," + TASKS.get(t) + ",") && rows.get(1 + t).endsWith(",1"), rows.get(1 + t));
        }
    }

    @Test
    void updatesAndRatioOptionsChangeTheSchedule(@TempDir Path tmp) throws Exception {
        Path rec = Recordings.write(tmp.resolve("rec.avro"), TASKS, 60, 10, 39, 2);
        Outcome half = train(rec, tmp.resolve("half"), "--replay-ratio", "0.5", "--method", "mtsac");
        assertEquals(0, half.code(), half.err());
        assertTrue(half.out().contains("25 updates"), "50 steps after the warm-up at 0.5: " + half.out());
        Outcome more = train(rec, tmp.resolve("more"), "--updates", "70", "--method", "mtsac", "--warmup", "20");
        assertEquals(0, more.code(), more.err());
        assertTrue(more.out().contains("70 updates (30 after the recording)"), more.out());
        // A pipeline-like schedule: updates from the replay's minimum on, random-action prefix or not.
        Outcome early = train(rec, tmp.resolve("early"), "--warmup", "0", "--min-transitions", "40", "--method", "mtsac");
        assertEquals(0, early.code(), early.err());
        assertTrue(early.out().contains("120 transitions replayed, 41 updates"), "rounds 20..60: " + early.out());
        Outcome fewer = train(rec, tmp.resolve("fewer"), "--updates", "5", "--method", "mtsac");
        assertEquals(0, fewer.code(), fewer.err());
        assertTrue(fewer.out().contains("30 transitions replayed, 5 updates"), "stops reading at the limit: " + fewer.out());
    }

    @Test
    void aRecordingThatDoesNotFitThePresetIsRefusedWithTheFix(@TempDir Path tmp) throws Exception {
        Path rec = Recordings.write(tmp.resolve("rec.avro"), TASKS, 20, 5, 39, 2);
        Outcome noTasks = run("--from", rec.toString(), "--preset", "smoke", "--run-dir", tmp.resolve("x").toString());
        assertEquals(2, noTasks.code());
        assertTrue(noTasks.err().contains("pass --tasks reach-v2,push-v2"), noTasks.err());
        assertFalse(Files.exists(tmp.resolve("x")), "no run folder for a refused recording");

        Outcome swapped = train(rec, tmp.resolve("y"), "--tasks", "push-v2,reach-v2");
        assertEquals(2, swapped.code());
        assertTrue(swapped.err().contains("{0=reach-v2, 1=push-v2}"), swapped.err());

        Path small = Recordings.write(tmp.resolve("small.avro"), TASKS, 20, 5, 12, 2);
        Outcome dims = train(small, tmp.resolve("z"));
        assertEquals(2, dims.code());
        assertTrue(dims.err().contains("12-dim observations") && dims.err().contains("39"), dims.err());

        Path noPaths = Recordings.write(tmp.resolve("mtsac.avro"), TASKS, 20, 5, 39, 0);
        Outcome paths = train(noPaths, tmp.resolve("p"));
        assertEquals(2, paths.code());
        assertTrue(paths.err().contains("--ablation target-routing"), paths.err());
        assertEquals(0, train(noPaths, tmp.resolve("q"), "--ablation", "target-routing").code(),
                "fresh paths need no recorded ones");
    }

    @Test
    void missingEmptyAndBadArgumentsAreClearErrors(@TempDir Path tmp) throws Exception {
        Outcome missing = train(tmp.resolve("nope.avro"), tmp.resolve("r1"));
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("does not exist"), missing.err());

        Files.createFile(tmp.resolve("zero.avro"));
        Outcome zero = train(tmp.resolve("zero.avro"), tmp.resolve("r2"));
        assertEquals(2, zero.code());
        assertTrue(zero.err().contains("is empty"), zero.err());

        Path header = Recordings.write(tmp.resolve("header.avro"), TASKS, 0, 0, 39, 2);
        Outcome none = train(header, tmp.resolve("r3"));
        assertEquals(2, none.code());
        assertTrue(none.err().contains("holds no transitions"), none.err());

        Files.writeString(tmp.resolve("text.avro"), "not avro");
        Outcome text = train(tmp.resolve("text.avro"), tmp.resolve("r4"));
        assertEquals(2, text.code());
        assertTrue(text.err().contains("not an Avro container file"), text.err());

        // A recording cut off mid-block (a killed run): the complete blocks are used, and the run says so.
        Path full = Recordings.write(tmp.resolve("full.avro"), TASKS, 400, 5, 39, 2);
        byte[] bytes = Files.readAllBytes(full);
        Path cut = Files.write(tmp.resolve("cut.avro"), Arrays.copyOf(bytes, bytes.length * 2 / 3));
        RecordingSummary complete = RecordingSummary.of(full);
        RecordingSummary partial = RecordingSummary.of(cut);
        assertEquals(0, complete.incompleteTailBytes());
        assertTrue(partial.incompleteTailBytes() > 0 && partial.records() < complete.records(), partial.toString());
        Outcome cutRun = train(cut, tmp.resolve("r7"), "--method", "mtsac", "--updates", "1");
        assertEquals(0, cutRun.code(), cutRun.err());
        assertTrue(cutRun.out().contains("incomplete block"), cutRun.out());

        Outcome steps = train(header, tmp.resolve("r5"), "--steps", "10");
        assertEquals(2, steps.code());
        assertTrue(steps.err().contains("--steps does not apply offline"), steps.err());
        Outcome both = run("--from", "a.avro", "--from-topic", "t", "--preset", "smoke");
        assertEquals(2, both.code());
        assertTrue(both.err().contains("exactly one source"), both.err());
        Outcome method = train(header, tmp.resolve("r6"), "--method", "pcgrad");
        assertEquals(2, method.code());
        assertTrue(method.err().contains("pcgrad") && method.err().contains("paco"), method.err());
        Outcome unknown = train(header, tmp.resolve("r8"), "--bogus", "1");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("'--bogus'") && unknown.err().contains("bin/d2r train-offline --help"), unknown.err());
        assertEquals(0, run("--help").code());
    }
}
