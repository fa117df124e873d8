package org.d2r.replay;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.d2r.core.config.LearnerConfig;
import org.d2r.core.config.SacConfig;
import org.d2r.metaworld.MetaWorld;
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
                Usage: bin/d2r replay-job --bootstrap HOST:PORT --run-id ID --tasks N|mt10|a,b,c [options]
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
        SacConfig sac;
        try {
            sac = LearnerConfig.preset(opts.getOrDefault("--preset", "mt10-rand")).sac();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("replay job: --preset: " + e.getMessage());
        }
        ReplayConfig paper = ReplayConfig.forPreset(opts.get("--bootstrap"), runId, tasks < 1 ? 1 : tasks, 0, sac);
        return new ReplayConfig(opts.get("--bootstrap"), opts.getOrDefault("--topic-prefix", ""), runId, tasks,
                longOpt(opts, "--capacity", paper.capacity()), longOpt(opts, "--warmup", paper.warmup()),
                intOpt(opts, "--transitions-per-update", tasks), intOpt(opts, "--rows-per-task", paper.rowsPerTask()),
                longOpt(opts, "--seed", 0), intOpt(opts, "--recent-episodes", paper.recentEpisodes()),
                opts.getOrDefault("--group-id", paper.groupId()), opts.containsKey("--bounded"),
                Duration.ofMillis(longOpt(opts, "--checkpoint-interval-ms", paper.checkpointInterval().toMillis())),
                opts.get("--checkpoint-dir"), opts.get("--restore-from"), kafka, batchRows(opts));
    }

    /** A count, or the list the producers and learner take (mt10 or task names): the job only needs how many. */
    private static int taskCount(String spec) {
        if (spec.trim().matches("[0-9_]+")) {
            return intOpt(Map.of("--tasks", spec), "--tasks", 0);
        }
        try {
            return MetaWorld.parseTaskList(spec).size();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("replay job: --tasks expects a task count, mt10 or a task list: " + e.getMessage());
        }
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
