package org.d2r.replay;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.d2r.schemas.kafka.KafkaClientProperties;

/** Command-line options of the replay job (for {@code flink run} and the launcher). */
final class ReplayArgs {

    /** --help was asked for. */
    static final class HelpRequested extends RuntimeException {
        HelpRequested() {
            super(null, null, false, false);
        }
    }

    private static final Set<String> KNOWN = Set.of("--bootstrap", "--run-id", "--tasks", "--topic-prefix", "--capacity",
            "--warmup", "--transitions-per-update", "--rows-per-task", "--seed", "--recent-episodes", "--group-id",
            "--bounded", "--checkpoint-interval-ms", "--checkpoint-dir", "--restore-from", "--kafka-property",
            "--kafka-properties-file", "--batch-rows", "--preset");

    private ReplayArgs() {}

    static String usage() {
        return """
                Usage: bin/d2r replay-job --bootstrap(-servers) HOST:PORT --run-id ID --tasks N|mt10|a,b,c [options]
                       (or: flink run -c org.d2r.replay.ReplayJob <jar> with the same options)
                  --tasks                     the task count, or the producers' task list (mt10 or names)
                  --preset P                  the run's preset, for the defaults below (default mt10-rand; smoke:
                                              its short warm-up and small batches, as bin/d2r train runs it)
                  --topic-prefix P            prefix of the topic names (default none)
                  --capacity C                replay capacity over all tasks (default 100000 a task up to 10 tasks,
                                              200000 beyond: the paper's 1e6 for MT10, 1e7 for MT50)
                  --warmup W                  transitions stored before the first batch (default: the preset's warm-up,
                                              4000 x tasks for the paper's presets, at least 1000 and one batch)
                  --transitions-per-update R  new transitions per batch, a multiple of N (default N)
                  --rows-per-task B           rows per task and batch (default: the preset's, 128)
                  --seed S                    sampler seed (default 0)
                  --recent-episodes E         episodes behind the per-task success rate (default 10)
                  --group-id G                Kafka consumer group (default d2r-replay-<run id>)
                  --bounded                   stop at the transitions topic's current end (replay a recording)
                  --checkpoint-interval-ms MS Flink checkpoint interval (default 60000)
                  --checkpoint-dir DIR        keep checkpoints there (retained on cancel)
                  --restore-from PATH         resume from a retained checkpoint or savepoint
                  --kafka-property k=v        Kafka client property (security.protocol, sasl.*, ssl.*, ...), repeatable
                  --kafka-properties-file F   Java properties file of Kafka client properties (--kafka-property wins)
                  --batch-rows references|inline  batches name their rows in the transitions topic (default) or carry
                                              them; a job restored from a checkpoint keeps the mode it was started with
                """;
    }

    static ReplayConfig parse(String[] args) {
        Map<String, String> opts = new HashMap<>();
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            // Kafka's own name for the broker list, beside the short one
            if (a.equals("--bootstrap-servers")) a = "--bootstrap";
            if (a.equals("--help") || a.equals("-h")) {
                throw new HelpRequested();
            }
            if (!KNOWN.contains(a)) {
                throw new IllegalArgumentException("replay job: unknown option '" + a + "'");
            }
            if (a.equals("--bounded")) {
                opts.put(a, "true");
            } else if (i + 1 >= args.length) {
                throw new IllegalArgumentException("replay job: option " + a + " needs a value");
            } else if (a.equals("--kafka-property")) {
                pairs.add(args[++i]);
            } else {
                opts.put(a, args[++i]);
            }
        }
        for (String required : new String[] {"--bootstrap", "--run-id", "--tasks"}) {
            if (!opts.containsKey(required)) {
                throw new IllegalArgumentException("replay job: missing " + required);
            }
        }
        Map<String, String> kafka;
        try {
            kafka = KafkaClientProperties.fromOptions(pairs,
                    opts.containsKey("--kafka-properties-file") ? Path.of(opts.get("--kafka-properties-file")) : null);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("replay job: " + e.getMessage());
        }
        String runId = opts.get("--run-id");
        int tasks = taskCount(opts.get("--tasks"));
        String presetName = opts.getOrDefault("--preset", "mt10-rand");
        int[] preset = PRESETS.get(presetName.toLowerCase(java.util.Locale.ROOT));
        if (preset == null) {
            throw new IllegalArgumentException("replay job: --preset: unknown preset '" + presetName + "'; valid presets: "
                    + String.join(", ", new java.util.TreeSet<>(PRESETS.keySet())));
        }
        ReplayConfig paper = ReplayConfig.forRun(opts.get("--bootstrap"), runId, tasks < 1 ? 1 : tasks, 0, preset[0], preset[1],
                preset[2]);
        return new ReplayConfig(opts.get("--bootstrap"), opts.getOrDefault("--topic-prefix", ""), runId, tasks,
                longOpt(opts, "--capacity", paper.capacity()), longOpt(opts, "--warmup", paper.warmup()),
                intOpt(opts, "--transitions-per-update", tasks), intOpt(opts, "--rows-per-task", paper.rowsPerTask()),
                longOpt(opts, "--seed", 0), intOpt(opts, "--recent-episodes", paper.recentEpisodes()),
                opts.getOrDefault("--group-id", paper.groupId()), opts.containsKey("--bounded"),
                Duration.ofMillis(longOpt(opts, "--checkpoint-interval-ms", paper.checkpointInterval().toMillis())),
                opts.get("--checkpoint-dir"), opts.get("--restore-from"), kafka, batchRows(opts));
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
    private static int taskCount(String spec) {
        String t = spec.trim();
        if (t.matches("[0-9_]+")) {
            return intOpt(Map.of("--tasks", t), "--tasks", 0);
        }
        if (t.equalsIgnoreCase("mt10")) return 10;
        if (t.equalsIgnoreCase("mt50")) return 50;
        List<String> names = java.util.Arrays.stream(t.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
        for (String name : names) {
            if (!name.matches("[a-z0-9-]+-v2")) {
                throw new IllegalArgumentException("replay job: --tasks expects a task count, mt10, mt50 or a list of"
                        + " Meta-World V2 task names such as reach-v2,push-v2; got '" + name + "' in '" + spec + "'");
            }
        }
        if (names.isEmpty()) throw new IllegalArgumentException("replay job: --tasks is empty");
        return names.size();
    }

    private static ReplayConfig.BatchRows batchRows(Map<String, String> opts) {
        try {
            return ReplayConfig.BatchRows.parse(opts.getOrDefault("--batch-rows", "references"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("replay job: --batch-rows: " + e.getMessage());
        }
    }

    private static long longOpt(Map<String, String> opts, String name, long fallback) {
        String v = opts.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Long.parseLong(v.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("replay job: " + name + " expects an integer, got '" + v + "'");
        }
    }

    private static int intOpt(Map<String, String> opts, String name, int fallback) {
        long v = longOpt(opts, name, fallback);
        if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
            throw new IllegalArgumentException("replay job: " + name + " is out of range: " + v);
        }
        return (int) v;
    }
}
