package org.d2r.learner.local;

import java.io.UncheckedIOException;
import org.d2r.recording.RecordingSink;
import org.d2r.roles.Evaluation;
import org.d2r.roles.report.EvalCsv;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.d2r.recording.Args;
import org.d2r.roles.RunConfig;

/**
 * {@code bin/d2r train --local}: trains D2R or a baseline on Meta-World in one process, no broker.
 * Progress goes to the terminal; the run folder gets config.json, metrics.csv, evaluations.csv and
 * success.png. Exit code 2 for a bad command line, 1 when the run cannot start or fails.
 */
public final class LocalTrainCommand {

    static final String RECORD_USAGE = String.join("\n",
            "Recording experience for offline runs:",
            "  --record FILE        also write every stored transition, in storage order, to an Avro",
            "                       container file (Transition schema) for 'bin/d2r train-offline --from FILE'",
            "Checkpoints and resuming:",
            "  --checkpoint-every C checkpoint the learner every C updates and at the end (default 1000),",
            "                       newest two kept in RUN_DIR/checkpoints",
            "  --resume RUN_DIR     continue a stopped or killed run from its newest intact checkpoint, with the",
            "                       options it was started with (config.json): metrics.csv and eval.csv are cut back",
            "                       to the checkpoint and the run goes on to its --steps budget. The in-memory replay",
            "                       is not checkpointed: the resumed run refills it by acting with the restored policy",
            "                       (the preset's minimum of transitions) before it updates again",
            "");

    private LocalTrainCommand() {}

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        if (code != 0) System.exit(code);
    }

    /** The command without System.exit, for tests and for the {@code train} dispatcher. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (LocalTrainOptions.wantsHelp(args)) {
            out.print(LocalTrainOptions.USAGE);
            out.print(RECORD_USAGE);
            return 0;
        }
        LocalPlan plan;
        LocalTrainOptions options;
        Path record;
        Path resume;
        int checkpointEvery;
        try {
            Args own = Args.parse(args, Set.of("--record", "--resume", "--checkpoint-every"), "bin/d2r train --local");
            resume = own.get("--resume") == null ? null : Path.of(own.get("--resume"));
            if (resume != null) {
                if (own.rest().stream().anyMatch(a -> !a.equals("--local")) || own.get("--record") != null
                        || own.get("--checkpoint-every") != null) {
                    throw new Args.UsageException("--resume DIR takes no other option: the run continues with the ones it was"
                            + " started with (its config.json)");
                }
                args = resumedArgs(resume);
                own = Args.parse(args, Set.of("--record", "--resume", "--checkpoint-every"), "bin/d2r train --local");
            }
            // a recording cannot be appended to: a resumed run does not record
            record = own.get("--record") == null || resume != null ? null : Path.of(own.get("--record"));
            Long every = own.whole("--checkpoint-every", 1);
            checkpointEvery = every == null ? LocalTrainer.DEFAULT_CHECKPOINT_EVERY : (int) Math.min(Integer.MAX_VALUE, every);
            options = LocalTrainOptions.parse(own.rest().toArray(String[]::new));
            plan = LocalPlan.resolve(options);
        } catch (LocalTrainOptions.UsageException | Args.UsageException e) {
            err.println("d2r train --local: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("d2r train --local: --resume: " + e.getMessage());
            return 2;
        }
        if (record != null && Files.exists(record)) {
            err.println("d2r train --local: --record " + record + " already exists: choose another file or remove the old recording");
            return 2;
        }
        Path runDir = options.runDir() != null ? options.runDir()
                : Path.of("runs", plan.preset() + "-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                        .withZone(ZoneOffset.UTC).format(Instant.now()));
        try {
            if (resume == null) {
                prepareRunDir(runDir);
                writeConfig(runDir, plan, args);
            } else if (!Files.isDirectory(runDir.resolve("checkpoints"))) {
                throw new IllegalArgumentException("it has no checkpoints/: nothing to resume from");
            }
        } catch (IOException | IllegalArgumentException e) {
            err.println("d2r train --local: cannot use run folder " + runDir + ": " + e.getMessage());
            return 1;
        }
        out.printf(Locale.ROOT, "d2r train --local: %s, %s on %s (%s goals), seed %d, %d steps per task -> %s%n",
                plan.preset(), plan.method().title(), String.join(",", plan.tasks()), plan.goalMode(), plan.seed(),
                plan.stepsPerTask(), runDir);
        try {
            LocalTrainer trainer = new LocalTrainer(plan, runDir, out, checkpointEvery);
            Evaluation last;
            if (record == null) {
                last = trainer.run();
            } else {
                try (RecordingSink recorder = new RecordingSink(record, runDir.getFileName().toString(), plan.tasks(),
                        "bin/d2r train " + String.join(" ", args))) {
                    trainer.recordTo(recorder);
                    last = trainer.run();
                    out.printf(Locale.ROOT, "recorded %d transitions to %s; the same learner offline: %s%n",
                            recorder.count(), record, replayCommand(record, options));
                }
            }
            if (last == null) {
                out.println("the run had reached its budget at its newest checkpoint: nothing left to do");
                return 0;
            }
            out.printf(Locale.ROOT, "final evaluation (%d episodes per task): mean success %.3f%n", plan.finalEpisodes(),
                    last.meanSuccess());
            for (int t = 0; t < plan.taskCount(); t++) {
                out.printf(Locale.ROOT, "  %-26s success %.3f  return %.1f%n", plan.tasks().get(t), last.successRate()[t],
                        last.meanReturn()[t]);
            }
            out.println("run folder: " + runDir.toAbsolutePath());
            return 0;
        } catch (IllegalStateException | UnsupportedOperationException e) {
            // missing scene assets, MuJoCo errors, unbuilt tasks: the message says what to do
            err.println("d2r train --local: " + e.getMessage());
            return 1;
        } catch (IOException | UncheckedIOException e) {
            err.println("d2r train --local: writing the run folder failed: " + e.getMessage());
            return 1;
        }
    }

    /** The arguments a run was started with (config.json's "args"), with its folder as --run-dir. */
    static String[] resumedArgs(Path dir) throws Args.UsageException, IOException {
        Path config = dir.resolve("config.json");
        if (!Files.isRegularFile(config)) {
            throw new Args.UsageException(config + " is missing: give the run folder of a train --local run");
        }
        List<String> old = RunConfig.read(config).args();
        if (old == null) {
            throw new Args.UsageException(config + " has no 'args': the run was started by an earlier version, which cannot"
                    + " be resumed; start it afresh");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < old.size(); i++) {
            if (old.get(i).equals("--run-dir")) {
                i++; // its value: the folder given to --resume is the run's, wherever it was moved
                continue;
            }
            if (!old.get(i).startsWith("--run-dir=")) out.add(old.get(i));
        }
        out.addAll(List.of("--run-dir", dir.toString()));
        return out.toArray(String[]::new);
    }

    /** The train-offline command line that replays a recording with this run's learner settings. */
    static String replayCommand(Path record, LocalTrainOptions o) {
        StringBuilder sb = new StringBuilder("bin/d2r train-offline --from " + record + " --preset " + o.preset());
        if (o.tasks() != null) sb.append(" --tasks ").append(String.join(",", o.tasks()));
        if (!o.method().equals("d2r")) sb.append(" --method ").append(o.method());
        for (String a : o.ablations()) sb.append(" --ablation ").append(a);
        if (o.batchPerTask() != null) sb.append(" --batch-per-task ").append(o.batchPerTask());
        if (o.alphaLr() != null) sb.append(" --alpha-lr ").append(o.alphaLr());
        if (o.rewardScale() != null) sb.append(" --reward-scale ").append(o.rewardScale());
        return sb.append(" --seed ").append(o.seed()).toString();
    }

    /** Creates the folder; refuses one that already holds files so that no earlier run is overwritten. */
    static void prepareRunDir(Path dir) throws IOException {
        if (Files.exists(dir)) {
            if (!Files.isDirectory(dir)) throw new IllegalArgumentException("it exists and is not a folder");
            try (Stream<Path> s = Files.list(dir)) {
                if (s.findAny().isPresent()) {
                    throw new IllegalArgumentException("it is not empty; choose a new --run-dir or remove the old run");
                }
            }
        }
        Files.createDirectories(dir);
    }

    static void writeConfig(Path dir, LocalPlan plan, String[] args) throws IOException {
        config(plan, args).mode(RunConfig.LOCAL).stepsPerTask(plan.stepsPerTask()).evalEvery(plan.evalEvery())
                .outputs(List.of("metrics.csv", "checkpoints/", "evaluations.csv", "success.png")).build().write(dir.resolve("config.json"));
    }

    /** config.json's content that train-offline shares: the command and every resolved setting of the plan. */
    static RunConfig.Builder config(LocalPlan plan, String[] args) {
        return RunConfig.builder(RunConfig.LOCAL).command("bin/d2r train " + String.join(" ", args)).args(List.of(args))
                .startedUtc(Instant.now().toString()).preset(plan.preset()).method(plan.method().cliName())
                .tasks(plan.tasks()).goalMode(plan.goalMode().name()).seed(plan.seed()).episodeLength(plan.episodeLength())
                .evalEpisodes(plan.evalEpisodes()).finalEpisodes(plan.finalEpisodes()).replayPerTask(plan.replayPerTask())
                .network(plan.method().routed() ? plan.network() : Map.of("sizes", "paper (bin/d2r params)"))
                .sac(plan.sac());
    }
}
