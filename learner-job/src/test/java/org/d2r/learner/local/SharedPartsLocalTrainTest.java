package org.d2r.learner.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;
import org.d2r.cli.PrintingCommand;
import org.d2r.core.baselines.TaskEmbeddings;
import org.d2r.roles.report.EvalCsv;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * CARE and PaCo, whose actor and critics share parts (encoders, task vectors), in {@code train --local} and
 * {@code train-offline}: trained, checkpointed with their parts, resumed after a kill, and replayed offline from a
 * recording to the same metrics (the shared parts and their optimisers restored and initialised alike).
 */
class SharedPartsLocalTrainTest {

    private record Outcome(int code, String out, String err) {}

    private static Outcome local(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = PrintingCommand.run(new LocalTrainCommand(), args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Outcome offline(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = PrintingCommand.run(new OfflineTrainCommand(), args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"care", "paco"})
    void trainsLocallyResumesAfterAKillAndReplaysOffline(String method, @TempDir Path tmp) throws Exception {
        assumeTrue(LocalTrainCommandTest.metaWorldAvailable(), "Meta-World (MuJoCo binding and scene assets) is not available here");
        if (method.equals("care")) assumeTrue(embeddingsAvailable(), "CARE's task embeddings (roberta-mt50.json) are not here");
        Path run = tmp.resolve("run");
        Path rec = tmp.resolve("rec.avro");
        // 60 steps on two tasks: warm-up and replay minimum capped at 12, then one update per step: 48 updates,
        // checkpoints at 16, 32, 48
        Outcome whole = local("--local", "--preset", "smoke", "--method", method, "--tasks", "reach-v2,push-v2", "--seed", "3",
                "--steps", "60", "--eval-every", "30", "--eval-episodes", "1", "--final-episodes", "1", "--checkpoint-every", "16",
                "--run-dir", run.toString(), "--record", rec.toString());
        assertEquals(0, whole.code(), whole.err());
        com.fasterxml.jackson.databind.JsonNode config = new ObjectMapper().readTree(run.resolve("config.json").toFile());
        assertEquals(method, config.get("method").asText());
        // a baseline's network is written in one order, whatever the JVM (Map.of's order is not)
        List<String> networkFields = new java.util.ArrayList<>();
        config.get("network").fieldNames().forEachRemaining(networkFields::add);
        assertEquals(List.of("sizes", "d2r"), networkFields);
        List<String> trained = Files.readAllLines(run.resolve("metrics.csv"));
        assertEquals(49, trained.size(), "header + a row per update");
        Path checkpoints = run.resolve("checkpoints");
        assertTrue(Files.exists(checkpoints.resolve("local-000000000048.ckpt")), whole.out());

        // the same learner offline, from the recording: the same updates (the shared parts initialised and stepped alike)
        Outcome replayed = offline("--preset", "smoke", "--method", method, "--tasks", "reach-v2,push-v2", "--seed", "3",
                "--from", rec.toString(), "--run-dir", tmp.resolve("offline").toString());
        assertEquals(0, replayed.code(), replayed.err());
        List<String> offlineMetrics = Files.readAllLines(tmp.resolve("offline").resolve("metrics.csv"));
        int seconds = Arrays.asList(trained.get(0).split(",")).indexOf("seconds_per_update");
        assertEquals(withoutColumn(trained, seconds), withoutColumn(offlineMetrics, seconds));

        // killed between its checkpoints at update 32 (env step 44) and 48: the resume restores the shared parts too
        Files.delete(checkpoints.resolve("local-000000000048.ckpt"));
        Outcome resumed = local("--local", "--resume", run.toString());
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().contains("resuming from local-000000000032.ckpt: 32 updates at 44 env steps per task"),
                resumed.out());
        List<String> metrics = Files.readAllLines(run.resolve("metrics.csv"));
        List<Long> updates = metrics.stream().skip(1).map(l -> Long.parseLong(l.split(",")[0])).toList();
        // updates 33-48 are gone; the replay is refilled over 12 steps (45-56), then one update per step 56-60: 5 more
        assertEquals(LongStream.rangeClosed(1, 37).boxed().toList(), updates, "contiguous update numbers after the resume");
        assertEquals(trained.subList(0, 33).stream().map(r -> withoutColumn(List.of(r), seconds)).toList(),
                metrics.subList(0, 33).stream().map(r -> withoutColumn(List.of(r), seconds)).toList(),
                "rows up to the checkpoint kept as trained");
        assertEquals("60", metrics.get(metrics.size() - 1).split(",")[2], "the run ends at its budget");
        assertTrue(Files.exists(checkpoints.resolve("local-000000000037.ckpt")), "final checkpoint of the resumed run");
        List<String> eval = Files.readAllLines(run.resolve(EvalCsv.FILE));
        List<String> steps = new ArrayList<>();
        for (String row : eval.subList(1, eval.size())) steps.add(row.split(",")[2]);
        assertEquals(List.of("30", "30", "60", "60"), steps, "both tasks evaluated at 30 (kept) and 60 (after the resume)");
    }

    static boolean embeddingsAvailable() {
        try {
            TaskEmbeddings.load(List.of("reach-v2"));
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static List<String> withoutColumn(List<String> rows, int column) {
        List<String> out = new ArrayList<>();
        for (String r : rows) {
            List<String> f = new ArrayList<>(Arrays.asList(r.split(",", -1)));
            f.remove(column);
            out.add(String.join(",", f));
        }
        return out;
    }
}
