package org.d2r.replay;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.d2r.cli.Cli;
import org.d2r.cli.KafkaOptions;
import org.d2r.cli.RunOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Command-line options of the replay job. Kept free of learner classes: its jar for a Flink cluster carries none. */
@Command(name = "replay-job", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"the Flink replay job alone, on a local MiniCluster, against any Kafka (--bootstrap)",
                "(or: flink run -c org.d2r.replay.ReplayJob <jar> with the same options)"},
        footer = {"--tasks here also takes the task count: the job only needs how many.",
                "The defaults of --capacity, --warmup and --rows-per-task follow --preset (default mt10-rand; smoke: its short",
                "warm-up and small batches, as bin/d2r train runs it): 100000 a task up to 10 tasks, 200000 beyond (the paper's",
                "1e6 for MT10, 1e7 for MT50); the preset's warm-up (4000 x tasks for the paper's presets, at least 1000 and one",
                "batch); the preset's 128 rows. --seed, the sampler's, defaults to 0."})
public final class ReplayArgs implements Callable<Integer> {

    @Spec
    CommandSpec spec;
    @Mixin
    KafkaOptions.ForRun kafka;
    @Mixin
    RunOptions.Tasks tasks;
    @Mixin
    RunOptions.Preset preset;
    @Mixin
    RunOptions.Seed seed;

    @Mixin
    RunOptions.TopicPrefix topicPrefix;
    @Option(names = "--capacity", paramLabel = "C", description = "replay capacity over all tasks (default: see below)")
    Long capacity;
    @Option(names = "--warmup", paramLabel = "W", description = "transitions stored before the first batch (default: see below)")
    Long warmup;
    @Option(names = "--transitions-per-update", paramLabel = "R", description = "new transitions per batch, a multiple of N "
            + "(default N)")
    Integer transitionsPerUpdate;
    @Option(names = "--rows-per-task", paramLabel = "B", description = "rows per task and batch (default: the preset's, 128)")
    Integer rowsPerTask;
    @Option(names = "--recent-episodes", paramLabel = "E", description = "episodes behind the per-task success rate (default 10)")
    Integer recentEpisodes;
    @Option(names = "--group-id", paramLabel = "G", description = "Kafka consumer group (default d2r-replay-<run id>)")
    String groupId;
    @Option(names = "--bounded", description = "stop at the transitions topic's current end (replay a recording)")
    boolean bounded;
    @Option(names = "--checkpoint-interval-ms", paramLabel = "MS", description = "Flink checkpoint interval (default 60000)")
    Long checkpointIntervalMs;
    @Option(names = "--checkpoint-dir", paramLabel = "DIR", description = "keep checkpoints there (retained on cancel)")
    String checkpointDir;
    @Option(names = "--restore-from", paramLabel = "PATH", description = "resume from a retained checkpoint or savepoint")
    String restoreFrom;
    @Option(names = "--batch-rows", paramLabel = "references|inline", description = "batches name their rows in the transitions "
            + "topic (default) or carry them; a job restored from a checkpoint keeps the mode it was started with")
    String batchRows = "references";

    @Override
    public Integer call() throws Exception {
        ReplayJob.run(config());
        return 0;
    }

    /** The parsed options as the job's configuration; a value the configuration refuses is a usage error. */
    public ReplayConfig config() {
        String bootstrap = kafka.requiredBootstrapServers();
        if (kafka.runId() == null) throw Cli.usage(spec, "missing --run-id");
        if (tasks.given() == null) throw Cli.usage(spec, "missing --tasks");
        Map<String, String> props = kafka.clientProperties();
        int n = taskCount(tasks.given());
        String presetName = preset.given() != null ? preset.given() : "mt10-rand";
        int[] p = PRESETS.get(presetName);
        if (p == null) {
            throw Cli.usage(spec, "--preset: unknown preset '" + presetName + "'; valid presets: "
                    + String.join(", ", new java.util.TreeSet<>(PRESETS.keySet())));
        }
        ReplayConfig.BatchRows rows = Cli.checked(spec, "--batch-rows: ", () -> ReplayConfig.BatchRows.parse(batchRows));
        return Cli.checked(spec, () -> {
            ReplayConfig paper = ReplayConfig.forRun(bootstrap, kafka.runId(), n, 0, p[0], p[1], p[2]);
            return new ReplayConfig(bootstrap, topicPrefix.given(), kafka.runId(), n,
                    capacity != null ? capacity : paper.capacity(), warmup != null ? warmup : paper.warmup(),
                    transitionsPerUpdate != null ? transitionsPerUpdate : n, rowsPerTask != null ? rowsPerTask : paper.rowsPerTask(),
                    seed.orElse(0), recentEpisodes != null ? recentEpisodes : paper.recentEpisodes(),
                    groupId != null ? groupId : paper.groupId(), bounded,
                    Duration.ofMillis(checkpointIntervalMs != null ? checkpointIntervalMs : paper.checkpointInterval().toMillis()),
                    checkpointDir, restoreFrom, props, rows);
        });
    }

    /**
     * What the job needs of each preset of the learner's LearnerConfig: {warm-up steps per task, minimum
     * stored transitions, rows per task}. Kept here because the job's jar for a Flink cluster carries no
     * learner classes; ReplayConfigTest checks every entry against LearnerConfig.
     */
    static final Map<String, int[]> PRESETS = Map.of(
            "mt10-rand", new int[] {4_000, 1_000, 128}, "mt10-fixed", new int[] {4_000, 1_000, 128},
            "mt50-rand", new int[] {4_000, 1_000, 128}, "mt50-fixed", new int[] {4_000, 1_000, 128},
            "smoke", new int[] {400, 200, 16});

    /** A count, or the list the producers and learner take (mt10, mt50 or task names): the job only needs how many. */
    private int taskCount(String given) {
        String t = given.trim();
        if (t.matches("[0-9_]+")) {
            try {
                return Integer.parseInt(t.replace("_", ""));
            } catch (NumberFormatException e) {
                throw Cli.usage(spec, "--tasks: '" + t + "' is not a task count");
            }
        }
        if (t.equalsIgnoreCase("mt10")) return 10;
        if (t.equalsIgnoreCase("mt50")) return 50;
        List<String> names = java.util.Arrays.stream(t.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
        for (String name : names) {
            if (!name.matches("[a-z0-9-]+-v2")) {
                throw Cli.usage(spec, "--tasks expects a task count, mt10, mt50 or a list of"
                        + " Meta-World V2 task names such as reach-v2,push-v2; got '" + name + "' in '" + given + "'");
            }
        }
        if (names.isEmpty()) throw Cli.usage(spec, "--tasks is empty");
        return names.size();
    }
}
