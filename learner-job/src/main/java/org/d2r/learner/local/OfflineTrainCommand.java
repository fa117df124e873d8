package org.d2r.learner.local;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.KafkaException;
import org.d2r.cli.Cli;
import org.d2r.cli.KafkaOptions;
import org.d2r.cli.PrintingCommand;
import org.d2r.core.config.LearnerConfig;
import org.d2r.core.config.SacConfig;
import org.d2r.core.sac.MultiTaskSac;
import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.MetaWorld;
import org.d2r.recording.TopicExport;
import org.d2r.roles.EnvironmentLoop;
import org.d2r.roles.Evaluation;
import org.d2r.roles.NetworkActing;
import org.d2r.roles.PolicyPublisher;
import org.d2r.roles.RunConfig;
import org.d2r.roles.learner.LearnerLoop;
import org.d2r.roles.learner.MetricsSink;
import org.d2r.roles.learner.RecordedBatchSource;
import org.d2r.roles.learner.ReplayBatchSource;
import org.d2r.roles.report.EvalCsv;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bin/d2r train-offline}: run mode 4, an ablation (any method or ablation switch) trained
 * from recorded experience without environments. The source is an Avro recording or a
 * transitions topic (copied into the run folder first, so the run keeps the exact data it used).
 * Exit codes: 0 done, 2 bad command line or a recording the run cannot use (message says why and
 * the fix), 1 the run failed.
 */
@Command(name = OfflineTrainCommand.NAME, mixinStandardHelpOptions = true, sortOptions = false,
        customSynopsis = {"d2r train-offline --from FILE.avro --preset P [options]",
                "       d2r train-offline --from-topic TOPIC --bootstrap-servers H:P --preset P [options]",
                "       d2r train-offline --resume RUN_DIR [--updates U]"},
        description = {"run mode 4: train D2R (any ablation) or a baseline from a recorded Avro file or topic, no environments",
                "",
                "Transitions enter the per-task replay in recorded order; updates happen as they arrive, at the",
                "replay ratio of d2r.md section 6 (one update per N new transitions after the warm-up), so the",
                "learner sees what the online learner saw. A recording of 'train --local --record' replayed with",
                "the same preset, method, ablations and seed reproduces that run's parameters bit for bit.",
                "Writes a run folder: config.json (with the source and its record count), metrics.csv,",
                "checkpoints/ (offline-final.ckpt at the end), and eval.csv with --eval-episodes.",
                "Source: --from FILE or --from-topic TOPIC (with the Kafka options, as export-transitions).",
                "Learner options as train --local (defaults: --method d2r, --seed 1): --preset (required), --tasks (the recording's task order), --method,",
                "--ablation, --seed, --batch-per-task, --alpha-lr, --reward-scale, --run-dir, --eval-episodes N (evaluate",
                "on Meta-World at the end), --goals (for that evaluation).", ""})
public final class OfflineTrainCommand extends PrintingCommand {

    static final String NAME = "train-offline";
    static final String FINAL_CHECKPOINT = "offline-final.ckpt";

    @Spec
    CommandSpec spec;
    @Mixin
    LearnerOptions learner;
    @Mixin
    KafkaOptions.ForRun kafka;

    @Option(names = "--from", paramLabel = "FILE", description = "an Avro recording (bin/d2r export-transitions, train --local "
            + "--record)")
    Path from;
    @Option(names = "--from-topic", paramLabel = "TOPIC",
            description = "a transitions topic, copied to RUN_DIR/recording.avro first; needs --bootstrap-servers H:P")
    String fromTopic;
    @Option(names = "--warmup", paramLabel = "N", description = "transitions per task before the first update (default: as "
            + "recorded, the random-action prefix, snapshot version -1, of the recording)")
    Long warmup;
    @Option(names = "--min-transitions", paramLabel = "M", description = "no update before the replay holds M transitions "
            + "(default: the preset's, at most the warm-up's; a pipeline run's replay job starts at its own warm-up, during "
            + "the random actions: --warmup 0 --min-transitions M)")
    Long minTransitions;
    @Option(names = "--replay-ratio", paramLabel = "R", description = "updates per N new transitions (default: the preset's, 1 "
            + "in the paper)")
    Double replayRatio;
    @Option(names = "--updates", paramLabel = "U", description = "stop after U updates; if the recording ends first, the "
            + "remaining updates run on the full replay (default: what the ratio gives)")
    Long updates;
    @Option(names = "--checkpoint-every", paramLabel = "C", description = "checkpoint every C updates (default 1000)")
    Long checkpointEvery;
    @Option(names = "--resume", paramLabel = "RUN_DIR", description = "continue a stopped or killed run from its newest "
            + "checkpoint, with the options it was started with (config.json) and the same recording; --updates U moves its "
            + "stopping point. The result equals the run left uninterrupted.")
    Path resume;
    /** train --local's options that mean nothing without environments: refused, saying what to use instead. */
    @Option(names = {"--steps", "--eval-every", "--final-episodes", "--record"}, hidden = true)
    String refused;

    @Override
    public Integer call() {
        String[] args = Cli.ownArgs(spec).toArray(String[]::new);
        if (resume == null) return train(args, null);
        String[] resumed = Cli.checked(spec, "--resume: ", () -> resumedArgs(resume, List.of(args)));
        return Cli.parseResumed(spec, printingHere(new OfflineTrainCommand()), resumed).train(resumed, resume);
    }

    private int train(String[] args, Path resumeDir) {
        Map<String, String> refused = new LinkedHashMap<>(); // the first one given is named
        LearnerOptions.without(List.of(args), Set.of(spec.findOption("--record").names()), refused);
        if (!refused.isEmpty()) {
            throw Cli.usage(spec, refused.keySet().iterator().next() + " does not apply offline: the recording decides the"
                    + " steps; use --updates U to train longer or shorter and --eval-episodes N to evaluate at the end");
        }
        // Checks the learner options before any file or topic is read (steps come from the recording).
        LocalPlan checked = Cli.checked(spec, () -> learner.plan(1L, null, null));
        if (LocalTrainCommand.missingInputs(checked, stderr, "d2r train-offline: ")) return 1;
        String preset = learner.preset();
        Long updates = learner.atLeast(1, "--updates", this.updates);
        Double ratio = learner.positive("--replay-ratio", replayRatio);
        learner.atLeast(0, "--warmup", warmup);
        learner.atLeast(0, "--min-transitions", minTransitions);
        int checkpointEvery = learner.atLeast(1, "--checkpoint-every", this.checkpointEvery) == null ? LocalTrainer.DEFAULT_CHECKPOINT_EVERY
                : (int) Math.min(Integer.MAX_VALUE, this.checkpointEvery);
        String bootstrap = kafka.bootstrapServers();
        if ((from == null) == (fromTopic == null)) {
            throw Cli.usage(spec, "give exactly one source: --from FILE.avro or --from-topic TOPIC --bootstrap-servers H:P");
        }
        if (fromTopic != null && bootstrap == null) throw Cli.usage(spec, "--from-topic needs --bootstrap-servers HOST:PORT");
        if (fromTopic == null && (bootstrap != null || kafka.runId() != null || !kafka.propertyPairs().isEmpty())) {
            throw Cli.usage(spec, "--bootstrap-servers, --run-id and --kafka-property go with --from-topic, not --from");
        }
        Map<String, String> kafka = this.kafka.clientProperties();

        Path runDir = learner.runDir != null ? learner.runDir : LocalTrainCommand.newRunDir("offline-" + preset);
        RecordingSummary recording;
        boolean madeRunDir = false;
        try {
            if (from != null) {
                recording = RecordingSummary.of(from);
            } else {
                madeRunDir = !Files.exists(runDir);
                LocalTrainCommand.prepareRunDir(runDir);
                Path file = runDir.resolve("recording.avro");
                stdout.printf("d2r train-offline: copying %s from %s to %s%n", fromTopic, bootstrap, file);
                TopicExport.Result r = TopicExport.run(bootstrap, fromTopic, this.kafka.runId(), kafka, file, stdout);
                if (r.malformedCount() > 0) {
                    stderr.printf(Locale.ROOT, "d2r train-offline: %d malformed records of %s left out, kept in %s: %s%n",
                            r.malformedCount(), fromTopic, r.deadLetters(), r.malformed());
                }
                recording = RecordingSummary.of(file);
            }
        } catch (IllegalArgumentException | IOException | IllegalStateException | KafkaException e) {
            boolean unusable = e instanceof IllegalArgumentException; // a recording the run cannot use: exit 2
            stderr.println("d2r train-offline: " + (unusable ? "" : "reading the recording failed: ") + e.getMessage());
            if (madeRunDir) runDir.toFile().delete(); // not left behind empty; a folder that is not empty is kept
            return unusable ? 2 : 1;
        }

        LocalPlan plan;
        SacConfig sac;
        try {
            plan = learner.plan(Math.max(1, recording.maxPerTask()), null, null);
            recording.check(plan, preset);
            sac = schedule(plan, preset, warmup != null ? warmup : recording.recordedWarmup(), minTransitions, ratio);
        } catch (IllegalArgumentException e) {
            stderr.println("d2r train-offline: " + e.getMessage());
            return 2;
        }
        try {
            if (resumeDir != null) {
                requireCheckpoint(runDir);
            } else {
                // A recording that cannot be used was refused above, before a run folder was made for it.
                if (from != null) LocalTrainCommand.prepareRunDir(runDir);
                config(plan, sac, recording, args, fromTopic, updates).write(runDir.resolve("config.json"));
            }
        } catch (IOException | IllegalArgumentException e) {
            stderr.println("d2r train-offline: cannot use run folder " + runDir + ": " + e.getMessage());
            return 1;
        }
        stdout.printf(Locale.ROOT, "d2r train-offline: %s, %s on %s, seed %d, from %s (%d transitions, warm-up %d per task,"
                        + " minimum %d, %s update(s) per %d transitions%s) -> %s%n",
                plan.preset(), plan.method().title(), recording.taskList(), plan.seed(), recording.file(), recording.records(),
                sac.warmupStepsPerTask(), sac.minTransitions(), fmt(sac.updatesPerEnvStep()), plan.taskCount(),
                updates == null ? "" : ", stop at " + updates + " updates", runDir);
        if (learner.ablations.names().contains("no-samplek")) {
            stdout.println("note: no-samplek only changes how the policy acts; offline the recorded actions are replayed,"
                    + " so it does not change this run");
        }
        if (recording.incompleteTailBytes() > 0) {
            stdout.printf(Locale.ROOT, "note: %s ends with %d bytes of an incomplete block (the run or export that wrote it was"
                    + " cut off); its %d complete transitions are used%n", recording.file(), recording.incompleteTailBytes(),
                    recording.records());
        }
        if (recording.runIds().size() > 1) {
            stdout.println("note: the recording holds transitions of several runs " + recording.runIds()
                    + "; all are replayed (export one with --run-id)");
        }
        try {
            Result r = trainFrom(plan, sac, recording, runDir, stdout, checkpointEvery, updates);
            stdout.printf(Locale.ROOT, "%d transitions replayed, %d updates%s; final checkpoint %s%n", r.recordsRead(),
                    r.updates(), r.updatesAfterRecording() > 0 ? " (" + r.updatesAfterRecording() + " after the recording)" : "",
                    r.finalCheckpoint());
            if (learner.evalEpisodes != null) evaluate(r.sac(), plan, learner.evalEpisodes.intValue(), runDir, stdout);
            stdout.println("run folder: " + runDir.toAbsolutePath());
            return 0;
        } catch (IllegalStateException | UnsupportedOperationException | IllegalArgumentException e) {
            // a corrupt recording or routing path, missing scene assets for the evaluation: the message says which
            stderr.println("d2r train-offline: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            stderr.println("d2r train-offline: writing the run folder failed: " + e.getMessage());
            return 1;
        }
    }

    /**
     * The arguments a run was started with (config.json), for its run folder and its recording (a
     * topic's copy in the folder), with a new --updates if one is given beside --resume.
     */
    static String[] resumedArgs(Path dir, List<String> given) {
        Map<String, String> asked = new HashMap<>();
        List<String> extra = LearnerOptions.without(given, Set.of("--resume", "--updates"), asked);
        if (!extra.isEmpty()) {
            throw new IllegalArgumentException("only --updates U goes with --resume DIR (the run keeps its other options), got "
                    + extra);
        }
        RunConfig doc = LearnerOptions.startedRun(dir, NAME, c -> c.source() != null && c.source().has("file"));
        Map<String, String> stored = new HashMap<>();
        List<String> out = LearnerOptions.without(Cli.withoutCommandName(NAME, doc.args()), // as kept before 2026-12-06 (evening)
                Set.of("--from", "--from-topic", "--bootstrap-servers", "--bootstrap", "--run-id", "--kafka-property",
                        "--kafka-properties-file", "--run-dir", "--updates"), stored);
        out.addAll(List.of("--from", doc.source().get("file").asText(), "--run-dir", dir.toString()));
        String updates = asked.getOrDefault("--updates", stored.get("--updates"));
        if (updates != null) out.addAll(List.of("--updates", updates));
        return out.toArray(String[]::new);
    }

    /** Fails unless the run has a periodic checkpoint to resume from (the learner loop picks the newest intact one). */
    static void requireCheckpoint(Path runDir) throws IOException {
        Path dir = runDir.resolve("checkpoints");
        if (!Files.isDirectory(dir)) throw new IllegalArgumentException(dir + " is missing: nothing to resume from");
        try (java.util.stream.Stream<Path> s = Files.list(dir)) {
            if (s.noneMatch(p -> p.getFileName().toString().matches("offline-\\d{12}\\.ckpt"))) {
                throw new IllegalArgumentException(dir + " holds no checkpoint: nothing to resume from");
            }
        }
    }

    /**
     * The plan's update with the offline schedule: warm-up per task, the minimum the replay must hold
     * (the preset's, capped at the warm-up's transitions as the in-process trainer does) and the ratio.
     */
    static SacConfig schedule(LocalPlan plan, String preset, long warmupPerTask, Long minTransitions, Double ratio) {
        SacConfig p = plan.sac();
        int warmup = (int) Math.min(Integer.MAX_VALUE, warmupPerTask);
        int min = (int) Math.min(Integer.MAX_VALUE, minTransitions != null ? minTransitions
                : Math.min(LearnerConfig.preset(preset).sac().minTransitions(), (long) warmup * plan.taskCount()));
        double r = ratio != null ? ratio : p.updatesPerEnvStep();
        return p.toBuilder().warmup(warmup, min).updatesPerEnvStep(r).build();
    }

    private static RunConfig config(LocalPlan plan, SacConfig sac, RecordingSummary rec, String[] args, String topic,
                                    Long updates) {
        Source source = new Source(rec.file().toAbsolutePath().toString(), topic, rec.source(), rec.records(),
                rec.taskNames(), rec.perTask(), rec.warmupPerTask(), rec.runIds(), rec.incompleteTailBytes());
        var schedule = new Schedule(sac.warmupStepsPerTask(), sac.minTransitions(), sac.updatesPerEnvStep(), updates);
        // no stepsPerTask or evalEvery: the recording's transitions are the budget, and evaluation is --eval-episodes at the end
        return LocalTrainCommand.config(plan, args).mode(RunConfig.OFFLINE)
                .command("bin/d2r " + NAME + " " + String.join(" ", args)).sac(sac).source(source).schedule(schedule)
                .outputs(List.of("metrics.csv", "checkpoints/" + FINAL_CHECKPOINT, EvalCsv.FILE + " (--eval-episodes)"))
                .build();
    }

    /** config.json's "source": the recording read ("topic" only for --from-topic). */
    record Source(String file, @JsonInclude(JsonInclude.Include.NON_NULL) String topic, String recordedBy, long records,
                  Map<Integer, String> tasks, Map<Integer, Long> recordsPerTask, Map<Integer, Long> randomWarmupPerTask,
                  List<String> runIds, long incompleteTailBytes) {}

    /** config.json's "schedule" (maxUpdates null: what the ratio gives). */
    record Schedule(int warmupPerTask, int minTransitions, double updatesPerNTransitions, Long maxUpdates) {}

    /** What a run did, and its learner (for the evaluation at the end). */
    record Result(long recordsRead, long updates, long updatesAfterRecording, Path finalCheckpoint, MultiTaskSac sac) {}

    /**
     * Trains one method from a recording instead of environments: the learner loop over a {@link RecordedBatchSource}
     * at the replay ratio of d2r.md section 6, so a lock-stepped recording of {@code train --local --record} is
     * replayed with the same update points (and, by {@link LearnerParts}, the same initial weights and replay samples).
     *
     * <p>Writes what every mode's learner writes (metrics.csv, checkpoints/offline-NNN.ckpt every {@code checkpointEvery}
     * updates and at the end, newest two kept), plus checkpoints/offline-final.ckpt, a copy of the last one. Opened on a
     * folder with checkpoints, it resumes from the newest intact one.
     *
     * @param maxUpdates {@code --updates U} (null: not given), as its option's description says
     */
    static Result trainFrom(LocalPlan plan, SacConfig sacConfig, RecordingSummary recording, Path runDir, PrintStream out,
                            int checkpointEvery, Long maxUpdates) throws IOException {
        LearnerParts parts = LearnerParts.of(plan, sacConfig);
        ReplayBatchSource replay = new ReplayBatchSource(parts.replay(), sacConfig, parts.replayRng());
        RecordedBatchSource source = new RecordedBatchSource(replay, new RecordedBatchSource.Recording(recording.file(),
                recording.records(), plan.taskCount(), LearnerParts.OBS, LearnerParts.ACT, parts.modules(),
                plan.sac().storedPaths(), maxUpdates != null, sacConfig.warmupStepsPerTask()), out);
        try (LearnerLoop loop = new LearnerLoop(parts.sac(), plan.method(), plan.network(), parts.batch(), source,
                PolicyPublisher.NONE, MetricsSink.NONE, new LearnerLoop.Settings(runDir, "offline-", plan.tasks(),
                        checkpointEvery, checkpointEvery))) {
            loop.resumed().ifPresent(r -> out.printf(Locale.ROOT,
                    "resuming from %s: %d updates, %d transitions read; the replay was refilled from the recording%n",
                    r.file().getFileName(), r.updates(), source.read()));
            loop.run(maxUpdates == null ? 0 : maxUpdates);
            loop.finish();
            source.progress();
            Path last = runDir.resolve("checkpoints").resolve(FINAL_CHECKPOINT);
            Files.copy(loop.lastCheckpoint(), last, StandardCopyOption.REPLACE_EXISTING);
            return new Result(source.read(), parts.sac().updateCount(), source.drawnAfterEnd(), last, parts.sac());
        }
    }

    private static void evaluate(MultiTaskSac sac, LocalPlan plan, int episodes, Path runDir, PrintStream out)
            throws IOException {
        int n = plan.taskCount();
        // The same evaluation environments, loop and evaluations.csv as train --local
        EnvConfig cfg = Evaluation.environments(plan.goalMode(), plan.seed(), plan.episodeLength());
        long updates = sac.updateCount();
        Evaluation r;
        try (EnvironmentLoop loop = EnvironmentLoop.forEvaluation(plan.tasks(),
                (task, env, first) -> MetaWorld.make(task, cfg))) {
            r = loop.evaluate(NetworkActing.deterministic(sac.actor().withBatchSize(n), () -> updates), episodes,
                    () -> true, null);
        }
        // no environment steps behind an offline policy: the field stays empty, as for a learner that did not know them
        EvalCsv csv = new EvalCsv(runDir.resolve(EvalCsv.FILE));
        for (int t = 0; t < n; t++) {
            csv.append(updates, updates, -1, plan.tasks().get(t), r.successRate()[t], r.meanReturn()[t], episodes);
        }
        LocalTrainCommand.print(out, "evaluation (" + episodes + " episodes per task, TopK, tanh(mean))", plan.tasks(), r);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
