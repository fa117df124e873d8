package org.d2r.learner.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.d2r.roles.options.Cli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bin/d2r train --local}: trains D2R or a baseline on Meta-World in one process, no broker.
 * Progress goes to the terminal; the run folder gets config.json, metrics.csv, eval.csv and
 * success.png. Exit code 2 for a bad command line, 1 when the run cannot start or fails.
 */
@Command(name = "train-local", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"train D2R or a baseline in one process (Meta-World + in-memory replay, no broker); also 'train --local'",
                "",
                "Writes a run folder with metrics.csv, eval.csv, config.json and success.png. --preset is required: smoke is a",
                "tiny D2R on MT10 for a few minutes, mt10-* the paper's setting (1.5M steps/task). --tasks defaults to the",
                "preset's benchmark; --method to d2r; --seed to 1.", ""})
public final class LocalTrainCommand implements Callable<Integer> {

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
    /** {@code bin/d2r train --local} arrives here with its flag; it means this command. */
    @Option(names = "--local", hidden = true)
    boolean local;

    private final PrintStream stdout;
    private final PrintStream stderr;

    public LocalTrainCommand() {
        this(System.out, System.err);
    }

    private LocalTrainCommand(PrintStream out, PrintStream err) {
        this.stdout = out;
        this.stderr = err;
    }

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        if (code != 0) System.exit(code);
    }

    /** The command without System.exit, for tests and for the {@code train} dispatcher. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return Cli.execute(new LocalTrainCommand(out, err), out, err, args);
    }

    /** Parses and resolves without running (tests): every bad option is a usage error, as when run. */
    static LocalPlan plan(String[] args) {
        LocalTrainCommand c = Cli.parse(new LocalTrainCommand(), args);
        try {
            return LocalPlan.resolve(c.options());
        } catch (IllegalArgumentException e) {
            throw Cli.usage(c.spec, e.getMessage());
        }
    }

    /** The checked options. */
    LocalTrainOptions options() {
        return learner.options(steps, evalEvery, finalEpisodes);
    }

    @Override
    public Integer call() {
        PrintStream out = stdout;
        PrintStream err = stderr;
        // config.json names the command as given, without the dispatcher's --local
        String[] args = spec.commandLine().getParseResult().originalArgs().stream().filter(a -> !a.equals("--local"))
                .toArray(String[]::new);
        LocalTrainOptions options = options();
        LocalPlan plan;
        try {
            plan = LocalPlan.resolve(options);
        } catch (IllegalArgumentException e) {
            throw Cli.usage(spec, e.getMessage());
        }
        if (record != null && Files.exists(record)) {
            throw Cli.usage(spec, "--record " + record + " already exists: choose another file or remove the old recording");
        }
        Path runDir = options.runDir() != null ? options.runDir()
                : Path.of("runs", plan.preset() + "-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                        .withZone(ZoneOffset.UTC).format(Instant.now()));
        try {
            prepareRunDir(runDir);
            writeConfig(runDir, plan, args);
        } catch (IOException | IllegalArgumentException e) {
            err.println("d2r train --local: cannot use run folder " + runDir + ": " + e.getMessage());
            return 1;
        }
        out.printf(Locale.ROOT, "d2r train --local: %s, %s on %s (%s goals), seed %d, %d steps per task -> %s%n",
                plan.preset(), plan.method().title(), String.join(",", plan.tasks()), plan.goalMode(), plan.seed(),
                plan.stepsPerTask(), runDir);
        try {
            LocalTrainer trainer = new LocalTrainer(plan, runDir, out);
            Evaluation.Result last;
            if (record == null) {
                last = trainer.run();
            } else {
                try (TransitionRecorder recorder = new TransitionRecorder(record, runDir.getFileName().toString(), plan.tasks(),
                        "bin/d2r train " + String.join(" ", args))) {
                    trainer.recordTo(recorder);
                    last = trainer.run();
                    out.printf(Locale.ROOT, "recorded %d transitions to %s; the same learner offline: %s%n",
                            recorder.count(), record, replayCommand(record, options));
                }
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
        } catch (IOException e) {
            err.println("d2r train --local: writing the run folder failed: " + e.getMessage());
            return 1;
        }
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
        writeJson(dir.resolve("config.json"), config(plan, args));
    }

    static void writeJson(Path file, Map<String, Object> doc) throws IOException {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), doc);
    }

    /** config.json's content: the command and every resolved setting of the plan. */
    static Map<String, Object> config(LocalPlan plan, String[] args) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("command", "bin/d2r train " + String.join(" ", args));
        doc.put("startedUtc", Instant.now().toString());
        doc.put("preset", plan.preset());
        doc.put("method", plan.method().cliName());
        doc.put("tasks", plan.tasks());
        doc.put("goalMode", plan.goalMode().name());
        doc.put("seed", plan.seed());
        doc.put("episodeLength", plan.episodeLength());
        doc.put("stepsPerTask", plan.stepsPerTask());
        doc.put("evalEvery", plan.evalEvery());
        doc.put("evalEpisodes", plan.evalEpisodes());
        doc.put("finalEpisodes", plan.finalEpisodes());
        doc.put("replayPerTask", plan.replayPerTask());
        doc.put("metricsEvery", plan.metricsEvery());
        doc.put("network", plan.method().routed() ? plan.network() : Map.of("sizes", "paper (bin/d2r params)"));
        doc.put("sac", plan.sac());
        doc.put("outputs", List.of("metrics.csv", "eval.csv", "success.png"));
        return doc;
    }
}
