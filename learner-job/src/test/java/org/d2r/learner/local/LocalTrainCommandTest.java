package org.d2r.learner.local;

import org.d2r.cli.PrintingCommand;
import org.d2r.roles.report.EvalCsv;
import org.d2r.roles.report.SuccessCurve;
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
import java.util.List;
import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.MetaWorld;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Short real runs on Meta-World's reach-v2: the run folder, the replay ratio and the evaluation schedule. */
class LocalTrainCommandTest {

    /** Whether the MuJoCo binding and the scene assets are here (tests needing them skip otherwise). */
    static boolean metaWorldAvailable() {
        try {
            MetaWorld.make("reach-v2", EnvConfig.defaults()).close();
            return true;
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            return false;
        }
    }

    private static int run(ByteArrayOutputStream out, ByteArrayOutputStream err, String... args) {
        return PrintingCommand.run(new LocalTrainCommand(), args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void aShortRunWritesItsFolderAndKeepsTheReplayRatio(@TempDir Path tmp) throws Exception {
        assumeTrue(metaWorldAvailable(), "Meta-World (MuJoCo binding and scene assets) is not available here");
        for (String method : List.of("d2r", "mhsac")) {
            Path dir = tmp.resolve(method);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            // 60 steps: warm-up capped at 12, then one update per environment step (48 updates); D2R with an ablation
            // that keeps the network's shapes and the schedule
            List<String> args = new ArrayList<>(List.of("--local", "--preset", "smoke", "--tasks", "reach-v2", "--method", method,
                    "--steps", "60", "--eval-every", "30", "--eval-episodes", "1", "--final-episodes", "2",
                    "--run-dir", dir.toString()));
            if (method.equals("d2r")) args.addAll(List.of("--ablation", "No-ResRouting"));
            int code = run(out, err, args.toArray(String[]::new));
            assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
            // the pipeline's evaluations.csv, column for column (no snapshots here: the version is the update count)
            assertFalse(Files.exists(dir.resolve("eval.csv")), "local runs write evaluations.csv only");
            List<String> eval = Files.readAllLines(dir.resolve(EvalCsv.FILE));
            assertEquals(EvalCsv.HEADER, eval.get(0));
            assertEquals("update,snapshot_version,env_steps_per_task,task,success_rate,mean_return,episodes", eval.get(0));
            // periodic evaluations over --eval-episodes, the last policy over --final-episodes
            assertEquals(3, eval.size(), "two evaluations x reach-v2: " + eval);
            assertTrue(eval.get(1).startsWith("18,18,30,reach-v2,") && eval.get(1).endsWith(",1"), eval.get(1));
            assertTrue(eval.get(2).startsWith("48,48,60,reach-v2,") && eval.get(2).endsWith(",2"), eval.get(2));
            // what the pipeline's evaluator reads back from its own file reads the local one too
            List<SuccessCurve.Point> points = new EvalCsv(dir.resolve(EvalCsv.FILE)).completed(List.of("reach-v2"));
            assertEquals(List.of(18L, 48L), points.stream().map(SuccessCurve.Point::update).toList());
            assertEquals(List.of(30L, 60L), points.stream().map(SuccessCurve.Point::envStepsPerTask).toList());
            List<String> metrics = Files.readAllLines(dir.resolve("metrics.csv"));
            assertTrue(metrics.get(0).endsWith("alpha_reach-v2,tau_reach-v2"), metrics.get(0));
            assertEquals(49, metrics.size(), "header + a row per update");
            String[] lastRow = metrics.get(metrics.size() - 1).split(",");
            assertEquals("48", lastRow[0]);
            double alpha = Double.parseDouble(lastRow[lastRow.length - 2]);
            assertTrue(alpha > 0 && alpha < 1, "alpha starts at 1 and the entropy loss moves it down: " + alpha);
            JsonNode cfg = new ObjectMapper().readTree(dir.resolve("config.json").toFile());
            assertEquals(method, cfg.get("method").asText());
            // the preset and its ablations apart, as the pipeline writes them
            assertEquals("smoke", cfg.get("preset").asText());
            assertEquals(method.equals("d2r") ? "[\"no-resrouting\"]" : null, cfg.has("ablations") ? cfg.get("ablations").toString() : null,
                    "by LearnerConfig's name: " + cfg);
            assertEquals(12, cfg.get("sac").get("warmupStepsPerTask").asInt());
            assertTrue(Files.size(dir.resolve("success.png")) > 0);
            String printed = out.toString(StandardCharsets.UTF_8);
            assertTrue(printed.contains("final evaluation (2 episodes per task)") && printed.contains("reach-v2"), printed);
        }
    }

    @Test
    void badUsageExitsWithTwoAndAUsedFolderIsRefused(@TempDir Path tmp) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, run(out, err, "--local", "--preset", "smoke", "--method", "pcgrad"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("pcgrad") && err.toString(StandardCharsets.UTF_8).contains("care, paco"),
                "the valid names, every method: " + err);
        Files.writeString(tmp.resolve("old.csv"), "x");
        err.reset();
        assertEquals(1, run(out, err, "--local", "--preset", "smoke", "--run-dir", tmp.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("not empty"), err.toString(StandardCharsets.UTF_8));
        // stored arguments this version no longer takes: train --local's usage error, where it prints, naming --resume
        Path stale = Files.createDirectories(tmp.resolve("stale"));
        Files.writeString(stale.resolve("config.json"), "{\"args\": [\"--preset\", \"smoke\", \"--no-such-option\"]}");
        err.reset();
        assertEquals(2, run(out, err, "--local", "--resume", stale.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--resume: Unknown option: '--no-such-option'"),
                err.toString(StandardCharsets.UTF_8));
        out.reset();
        assertEquals(0, run(out, err, "--help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("--preset"));
    }
}
