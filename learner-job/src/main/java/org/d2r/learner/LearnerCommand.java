package org.d2r.learner;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.d2r.core.baselines.Method;
import org.d2r.metaworld.MetaWorld;
import org.d2r.schemas.Topics;
import org.d2r.schemas.kafka.KafkaClientProperties;

/** {@code bin/d2r learner}: the learner application alone, against any Kafka. */
public final class LearnerCommand {

    private static final Set<String> VALUED = Set.of("--bootstrap", "--bootstrap-servers", "--run-id", "--preset", "--tasks", "--run-dir",
            "--seed", "--method", "--snapshot-every", "--checkpoint-every", "--max-updates", "--topic-prefix", "--kafka-property",
            "--kafka-properties-file", "--ablation");

    private static final String USAGE = """
            Usage: bin/d2r learner --bootstrap H:P --run-id NAME --tasks a,b,c --run-dir DIR [options]
              Reads replay-batches in sequence, one SAC update per batch; publishes policy snapshots; checkpoints.
              Restarting with the same --run-dir resumes from the newest checkpoint (no batch trained twice or skipped).
            Options:
              --bootstrap-servers   same as --bootstrap
              --preset P            network/SAC preset: mt10-rand, mt10-fixed, mt50-rand, mt50-fixed, smoke (default mt10-rand)
              --method M            network trained: d2r (default), or a baseline: mtsac, mhsac, softmod
                                    (the snapshots name it: producers and evaluator need no setting)
              --ablation NAME       a section-7 ablation of D2R, repeatable (the names of train --local --help);
                                    the network's reach producers and evaluator through the snapshots
              --seed S              initialisation seed (default 1)
              --snapshot-every K    publish a snapshot every K updates (default 100; also at start)
              --checkpoint-every C  checkpoint every C updates (default 1000)
              --max-updates N       stop after N updates (default 0 = until Ctrl-C)
              --topic-prefix X      topic names X + transitions, replay-batches, ... (default none)
              --kafka-property k=v  Kafka client property (security.protocol, sasl.*, ssl.*, ...), repeatable
              --kafka-properties-file F  Java properties file of Kafka client properties (--kafka-property wins)
            Environment: D2R_BOOTSTRAP_SERVERS, D2R_RUN_ID, D2R_TASKS, D2R_RUN_DIR, D2R_PRESET, D2R_METHOD stand in for the options.
            """;

    private LearnerCommand() {}

    public static void main(String[] args) throws Exception {
        LearnerSettings s;
        try {
            if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
                System.out.print(USAGE);
                return;
            }
            s = parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("learner: " + e.getMessage() + "\n" + USAGE);
            System.exit(2);
            return;
        }
        LearnerApp app = LearnerApp.start(s);
        if (app.restoreNote() != null) System.err.println("learner: " + app.restoreNote());
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "learner-shutdown"));
        while (!app.awaitFinished(Duration.ofSeconds(30))) {
            System.out.printf("learner: %d updates, last batch %d, snapshot %d%n", app.updates(), app.lastAppliedSequence(),
                    app.snapshotVersion());
        }
        if (app.failure() != null) {
            System.err.println("learner failed: " + app.failure());
            System.exit(1);
        }
    }

    /** Options first, then the D2R_* environment variables; public so infra can check the compose file's options. */
    public static LearnerSettings parse(String[] args, Map<String, String> env) {
        Map<String, String> o = new HashMap<>();
        List<String> pairs = new ArrayList<>();
        List<String> ablations = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (!VALUED.contains(args[i])) throw new IllegalArgumentException("unknown option '" + args[i] + "'");
            if (i + 1 >= args.length) throw new IllegalArgumentException(args[i] + " needs a value");
            if (args[i].equals("--kafka-property")) {
                pairs.add(args[++i]);
            } else if (args[i].equals("--ablation")) {
                ablations.add(args[++i]);
            } else {
                o.put(args[i], args[++i]);
            }
        }
        Map<String, String> kafka = KafkaClientProperties.fromOptions(pairs,
                o.containsKey("--kafka-properties-file") ? Path.of(o.get("--kafka-properties-file")) : null);
        String bootstrap = o.getOrDefault("--bootstrap", o.getOrDefault("--bootstrap-servers", env.get("D2R_BOOTSTRAP_SERVERS")));
        String runId = o.getOrDefault("--run-id", env.get("D2R_RUN_ID"));
        String tasks = o.getOrDefault("--tasks", env.get("D2R_TASKS"));
        String runDir = o.getOrDefault("--run-dir", env.get("D2R_RUN_DIR"));
        String preset = o.getOrDefault("--preset", env.getOrDefault("D2R_PRESET", "mt10-rand"));
        Method method = Method.parse(o.getOrDefault("--method", env.getOrDefault("D2R_METHOD", "d2r")));
        if (tasks == null) throw new IllegalArgumentException("no tasks: pass --tasks mt10 or a,b,c");
        if (runDir == null) throw new IllegalArgumentException("no run folder: pass --run-dir DIR");
        return new LearnerSettings(bootstrap, Topics.withPrefix(o.getOrDefault("--topic-prefix", "")), runId, preset,
                MetaWorld.parseTaskList(tasks), Path.of(runDir), number(o, "--seed", 1), (int) number(o, "--snapshot-every", 100),
                (int) number(o, "--checkpoint-every", 1000), number(o, "--max-updates", 0), kafka, method, ablations);
    }

    private static long number(Map<String, String> o, String name, long dflt) {
        String v = o.get(name);
        if (v == null) return dflt;
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " needs a whole number, got '" + v + "'");
        }
    }
}
