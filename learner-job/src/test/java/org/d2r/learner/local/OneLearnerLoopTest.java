package org.d2r.learner.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.d2r.cli.PrintingCommand;
import org.d2r.roles.report.EvalCsv;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train --local and train-offline run the same learner loop: the same metrics.csv, the same resume. */
class OneLearnerLoopTest {

    private record Outcome(int code, String out, String err) {}

    private static Outcome local(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = PrintingCommand.run(new LocalTrainCommand(), args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void localAndOfflineWriteTheSameMetricsForTheSameUpdates(@TempDir Path tmp) throws Exception {
        assumeTrue(LocalTrainCommandTest.metaWorldAvailable(), "Meta-World (MuJoCo binding and scene assets) is not available here");
        Path rec = tmp.resolve("rec.avro");
        Outcome online = local("--local", "--preset", "smoke", "--tasks", "reach-v2,push-v2", "--seed", "5", "--steps", "50",
                "--eval-every", "50", "--eval-episodes", "1", "--run-dir", tmp.resolve("online").toString(), "--record", rec.toString());
        assertEquals(0, online.code(), online.err());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = PrintingCommand.run(new OfflineTrainCommand(), new String[] {"--preset", "smoke", "--tasks", "reach-v2,push-v2",
                "--seed", "5", "--from", rec.toString(), "--run-dir", tmp.resolve("offline").toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));

        List<String> a = Files.readAllLines(tmp.resolve("online").resolve("metrics.csv"));
        List<String> b = Files.readAllLines(tmp.resolve("offline").resolve("metrics.csv"));
        assertEquals("update,batch_sequence,env_steps_per_task,policy_loss,critic1_loss,critic2_loss,alpha_loss,masked_tasks,"
                + "actor_grad_norm,critic1_grad_norm,critic2_grad_norm,seconds_per_update,alpha_reach-v2,alpha_push-v2,"
                + "tau_reach-v2,tau_push-v2", a.get(0), "the pipeline learner's columns, plus env steps and gradient norms");
        assertEquals(a.get(0), b.get(0), "one schema in every mode");
        assertEquals(41, a.size(), "header + a row for each of the 40 updates");
        int seconds = Arrays.asList(a.get(0).split(",")).indexOf("seconds_per_update");
        // the offline replay of a recorded run makes the same updates: every column but the time agrees
        assertEquals(withoutColumn(a, seconds), withoutColumn(b, seconds));
        assertTrue(a.get(a.size() - 1).startsWith("40,39,50,"), "update 40 trained batch 39 at 50 env steps per task: " + a);
    }

    @Test
    void aLocalRunResumedAfterAKillContinuesToItsBudget(@TempDir Path tmp) throws Exception {
        assumeTrue(LocalTrainCommandTest.metaWorldAvailable(), "Meta-World (MuJoCo binding and scene assets) is not available here");
        Path run = tmp.resolve("run");
        // 150 steps: warm-up and replay minimum 30, then one update per step: 120 updates, checkpoints at 40, 80, 120
        Outcome whole = local("--local", "--preset", "smoke", "--tasks", "reach-v2", "--steps", "150", "--eval-every", "50",
                "--eval-episodes", "1", "--checkpoint-every", "40", "--run-dir", run.toString());
        assertEquals(0, whole.code(), whole.err());
        Path checkpoints = run.resolve("checkpoints");
        assertTrue(Files.exists(checkpoints.resolve("local-000000000120.ckpt")), whole.out());
        // killed between its checkpoint at update 80 (env step 110) and the one at 120
        Files.delete(checkpoints.resolve("local-000000000120.ckpt"));

        Outcome resumed = local("--local", "--resume", run.toString());
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().contains("resuming from local-000000000080.ckpt: 80 updates at 110 env steps per task"),
                resumed.out());
        List<String> metrics = Files.readAllLines(run.resolve("metrics.csv"));
        List<Long> updates = metrics.stream().skip(1).map(l -> Long.parseLong(l.split(",")[0])).toList();
        // rows 81-120 of the lost updates are gone; the replay is refilled over 30 steps (111-140), then one update
        // per step 140-150: 11 more
        assertEquals(LongStream.rangeClosed(1, 91).boxed().toList(), updates, "contiguous update numbers after the resume");
        String[] last = metrics.get(metrics.size() - 1).split(",");
        assertEquals("150", last[2], "the run ends at its budget");
        assertTrue(Files.exists(checkpoints.resolve("local-000000000091.ckpt")), "final checkpoint of the resumed run");
        List<String> eval = Files.readAllLines(run.resolve(EvalCsv.FILE));
        List<String> steps = new ArrayList<>();
        for (String row : eval.subList(1, eval.size())) steps.add(row.split(",")[2]);
        assertEquals(List.of("50", "100", "150"), steps, "evaluations before the checkpoint kept, then on (env steps per task)");

        Outcome wrong = local("--local", "--resume", run.toString(), "--seed", "3");
        assertEquals(2, wrong.code());
        assertTrue(wrong.err().contains("takes no other option"), wrong.err());
        Outcome none = local("--local", "--resume", tmp.resolve("nowhere").toString());
        assertEquals(2, none.code());
        assertTrue(none.err().contains("config.json is missing"), none.err());
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
