package org.d2r.learner.local;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.d2r.cli.Cli;
import org.d2r.cli.PrintingCommand;
import org.d2r.core.config.LearnerConfig;
import org.d2r.recording.RecordingSink;
import org.d2r.roles.Evaluation;
import org.d2r.roles.RunConfig;
import org.d2r.roles.learner.LearnerNetworks;
import org.d2r.roles.report.EvalCsv;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bin/d2r train --local}: trains D2R or a baseline on Meta-World in one process, no broker.
 * Progress goes to the terminal; the run folder gets config.json, metrics.csv, checkpoints/,
 * evaluations.csv and success.png. Exit code 2 for a bad command line, 1 when the run cannot start or fails.
 */
@Command(name = LocalTrainCommand.NAME, mixinStandardHelpOptions = true, sortOptions = false,
        description = {"train D2R or a baseline in one process (Meta-World + in-memory replay, no broker); also 'train --local'",
                "",
                "Writes a run folder with metrics.csv, checkpoints/, evaluations.csv, config.json and success.png. --preset is required: smoke is a",
                "tiny D2R on MT10 for a few minutes, mt10-* the paper's setting (1.5M steps/task). --tasks defaults to the",
                "preset's benchmark; --method to d2r; --seed to 1.", ""})
public final class LocalTrainCommand extends PrintingCommand {

    static final String NAME = "train-local";

    @Spec
    CommandSpec spec;
    @Mixin
    LearnerOptions learner;

    @Option(names = "--steps", paramLabel = "N", description = "environment steps per task, warm-up included (default: the preset's)")
    Long steps;
    @Option(names = "--eval-every", paramLabel = "N", description = "environment steps per task between evaluations (default: "
            + "the preset's)")
    Long evalEvery;
    @Option(names = "--final-episodes", paramLabel = "M", description = "episodes per task of the last policy's evaluation at "
            + "the end of the budget (default: 100 as in the paper; smoke: its evaluation episodes)")
    Long finalEpisodes;
    @Option(names = "--record", paramLabel = "FILE", description = "also write every stored transition, in storage order, to an "
            + "Avro container file (Transition schema) for 'bin/d2r train-offline --from FILE'")
    Path record;
    @Option(names = "--checkpoint-every", paramLabel = "C", description = "checkpoint the learner every C updates and at the end "
            + "(default 1000), newest two kept in RUN_DIR/checkpoints")
    Integer checkpointEvery;
    @Option(names = "--resume", paramLabel = "RUN_DIR", description = "continue a stopped or killed run from its newest intact "
            + "checkpoint, with the options it was started with (config.json): metrics.csv and evaluations.csv are cut back "
            + "to the checkpoint and the run goes on to its --steps budget. The in-memory replay is not checkpointed: the "
            + "resumed run refills it by acting with the restored policy (the preset's minimum of transitions) before it "
            + "updates again. Takes no other option.")
    Path resume;
    /** {@code bin/d2r train --local} arrives here with its flag; it means this command. */
    @Option(names = "--local", hidden = true)
    boolean local;

    /** Every bad option is a usage error, as when run (tests call it on a parsed command). */
    LocalPlan plan() {
        return Cli.checked(spec, () -> learner.plan(steps, evalEvery, finalEpisodes));
    }

    @Override
    public Integer call() {
        // config.json names the command as given, without the dispatcher's --local
        String[] args = Cli.ownArgs(spec).stream().filter(a -> !a.equals("--local")).toArray(String[]::new);
        if (resume == null) return train(args, null);
        if (spec.commandLine().getParseResult().matchedOptions().stream()
                .anyMatch(o -> !o.longestName().equals("--resume") && !o.longestName().equals("--local"))) {
            throw Cli.usage(spec, "--resume DIR takes no other option: the run continues with the ones it was started with"
                    + " (its config.json)");
        }
        String[] started = Cli.checked(spec, "--resume: ", () -> resumedArgs(resume));
        return Cli.parseResumed(spec, printingHere(new LocalTrainCommand()), started).train(started, resume);
    }

    /** Runs the plan these options give; {@code resumed} is the run folder of a resume (null: a new run). */
    private int train(String[] args, Path resumed) {
        LocalPlan plan = plan();
        if (missingInputs(plan, stderr, "d2r train --local: ")) return 1;
        // a recording cannot be appended to: a resumed run does not record
        Path record = resumed == null ? this.record : null;
        if (record != null && Files.exists(record)) {
            throw Cli.usage(spec, "--record " + record + " already exists: choose another file or remove the old recording");
        }
        int every = checkpointEvery == null ? LocalTrainer.DEFAULT_CHECKPOINT_EVERY : checkpointEvery;
        if (every < 1) throw Cli.usage(spec, "--checkpoint-every must be >= 1");
        Path runDir = learner.runDir != null ? learner.runDir : newRunDir(plan.preset());
        try {
            if (resumed == null) {
                prepareRunDir(runDir);
                config(plan, args).stepsPerTask(plan.stepsPerTask()).evalEvery(plan.evalEvery())
                        .outputs(List.of("metrics.csv", "checkpoints/", EvalCsv.FILE, "success.png")).build()
                        .write(runDir.resolve("config.json"));
            } else if (!Files.isDirectory(runDir.resolve("checkpoints"))) {
                throw new IllegalArgumentException("it has no checkpoints/: nothing to resume from");
            }
        } catch (IOException | IllegalArgumentException e) {
            stderr.println("d2r train --local: cannot use run folder " + runDir + ": " + e.getMessage());
            return 1;
        }
        stdout.printf(Locale.ROOT, "d2r train --local: %s, %s on %s (%s goals), seed %d, %d steps per task -> %s%n",
                plan.preset(), plan.method().title(), String.join(",", plan.tasks()), plan.goalMode(), plan.seed(),
                plan.stepsPerTask(), runDir);
        try {
            LocalTrainer trainer = new LocalTrainer(plan, runDir, stdout, every);
            Evaluation last;
            if (record == null) {
                last = trainer.run(null);
            } else {
                try (RecordingSink recorder = new RecordingSink(record, runDir.getFileName().toString(), plan.tasks(),
                        "bin/d2r train --local " + String.join(" ", args))) {
                    last = trainer.run(recorder);
                    stdout.printf(Locale.ROOT, "recorded %d transitions to %s; the same learner offline: %s%n",
                            recorder.count(), record, learner.replayCommand(record));
                }
            }
            if (last == null) {
                stdout.println("the run had reached its budget at its newest checkpoint: nothing left to do");
                return 0;
            }
            print(stdout, "final evaluation (" + plan.finalEpisodes() + " episodes per task)", plan.tasks(), last);
            stdout.println("run folder: " + runDir.toAbsolutePath());
            return 0;
        } catch (IllegalStateException | UnsupportedOperationException e) {
            // missing scene assets, MuJoCo errors, unbuilt tasks: the message says what to do
            stderr.println("d2r train --local: " + e.getMessage());
            return 1;
        } catch (IOException | UncheckedIOException e) {
            stderr.println("d2r train --local: writing the run folder failed: " + e.getMessage());
            return 1;
        }
    }

    /** An evaluation's lines, as train --local and train-offline print them. */
    static void print(PrintStream out, String heading, List<String> tasks, Evaluation r) {
        out.printf(Locale.ROOT, "%s: mean success %.3f%n", heading, r.meanSuccess());
        for (int t = 0; t < tasks.size(); t++) {
            out.printf(Locale.ROOT, "  %-26s success %.3f  return %.1f%n", tasks.get(t), r.successRate()[t], r.meanReturn()[t]);
        }
    }

    /**
     * Whether the learner lacks what it reads from outside the repository before it can be built (CARE's task
     * embeddings), said on {@code err} after the command's {@code prefix}; checked before a run folder is made, so that a
     * missing file leaves nothing behind.
     */
    static boolean missingInputs(LocalPlan plan, PrintStream err, String prefix) {
        try {
            LearnerNetworks.embeddings(plan.method(), plan.tasks());
            return false;
        } catch (IllegalStateException e) {
            err.println(prefix + e.getMessage());
            return true;
        }
    }

    /** The arguments a run was started with (config.json's "args"), with its folder as --run-dir. */
    static String[] resumedArgs(Path dir) {
        List<String> stored = LearnerOptions.startedRun(dir, "train --local", c -> true).args();
        // runs started through bin/d2r before 2026-12-06 (evening) kept the dispatcher's command name first; the folder
        // given to --resume is the run's, wherever it was moved
        List<String> out = LearnerOptions.without(Cli.withoutCommandName(NAME, stored), Set.of("--run-dir"), new HashMap<>());
        out.addAll(List.of("--run-dir", dir.toString()));
        return out.toArray(String[]::new);
    }

    /** A new run's folder where --run-dir is not given: runs/NAME-TIME (UTC). */
    static Path newRunDir(String name) {
        return Path.of("runs", name + "-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now()));
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

    /**
     * config.json's content that train-offline shares: the command, its arguments (what --resume starts from) and every
     * resolved setting of the plan. The preset and its ablations are two fields, as the pipeline writes them, so that the
     * report labels a run's method the same in every mode.
     */
    static RunConfig.Builder config(LocalPlan plan, String[] args) {
        String preset = LearnerConfig.presetName(plan.preset());
        return RunConfig.builder(RunConfig.LOCAL).command("bin/d2r train --local " + String.join(" ", args)).args(List.of(args))
                .startedUtc(Instant.now().toString()).preset(preset).ablations(LearnerConfig.ablations(plan.preset()))
                .method(plan.method().cliName()).tasks(plan.tasks()).goalMode(plan.goalMode().name()).seed(plan.seed())
                .episodeLength(plan.episodeLength()).evalEpisodes(plan.evalEpisodes()).finalEpisodes(plan.finalEpisodes())
                .replayPerTask(plan.replayPerTask())
                .network(plan.method().routed() ? plan.network()
                        : new BaselineSizes("from this D2R network (bin/d2r params --preset " + preset + ")", plan.network()))
                .sac(plan.sac());
    }

    /** A baseline's network in config.json: a record, so that its fields keep one order (Map.of's changes per JVM). */
    record BaselineSizes(String sizes, Object d2r) {}
}
