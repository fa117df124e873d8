package org.d2r.producers;

import org.d2r.kafka.CommandLine;
import org.d2r.kafka.KafkaSettings;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import org.d2r.metaworld.GoalMode;
import org.d2r.metaworld.MetaWorld;
import org.d2r.schemas.Topics;

/** {@code bin/d2r producers}: the environment producers of one run against any Kafka. */
public final class ProducersCommand {

    static final String USAGE = """
            usage: bin/d2r producers --bootstrap-servers HOST:PORT (or --bootstrap) --run-id NAME [options]
              --tasks mt10|a,b,c        Meta-World tasks (default mt10); task id = position in the list
              --goals rand|fixed        goal mode (default rand)
              --seed N                  environment seed (default 1)
              --envs-per-task N         environments per task, stepped by one thread (default 1)
              --preset NAME             smoke|mt10-rand|mt10-fixed|... warm-up, ratio, episode length (default mt10-rand)
              --episode-steps N         episode limit (default: the preset's, 200)
              --warmup N                uniform random steps per task (default: the preset's)
              --max-lead N              pause when more than N updates ahead of the learner; 0 = never (default 1000)
              --max-steps-per-task N    stop after N transitions per task (default 0 = until interrupted)
              --topic-prefix P          topic names behind a prefix (default none)
              --delivery-timeout-s N    how long a transition may wait for the broker (default 24 days)
              --kafka-property k=v      extra Kafka client property (repeatable; e.g. security settings)
              --kafka-properties-file F Java properties file of such properties (--kafka-property wins)
            Waits for the run's first policy snapshot, then publishes transitions keyed by task id. A restart of
            the same --run-id continues the run (step count, budget, warm-up, lead) from what the transitions
            topic holds of it.
            """;

    private ProducersCommand() {
    }

    public static void main(String[] args) throws Exception {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            System.out.print(USAGE);
            return;
        }
        ProducerConfig cfg;
        try {
            cfg = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("producers: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        try (ProducerApp app = ProducerApp.start(cfg)) {
            Runtime.getRuntime().addShutdownHook(new Thread(app::close));
            while (!app.awaitFinished(Duration.ofSeconds(10))) {
                System.out.printf("producers: %d env steps, %d published, %d episodes, acting snapshot %d%s, recent success %s%n",
                        app.envSteps(), app.published(), app.episodes(), app.actingVersion(),
                        app.paused() ? " (paused: ahead of the learner)" : "", Arrays.toString(app.recentSuccess()));
            }
            System.out.printf("producers: done, %d env steps, %d published%n", app.envSteps(), app.published());
        }
    }

    static ProducerConfig parse(String[] args) {
        CommandLine c = CommandLine.parse(args,
                Set.of("--bootstrap", "--run-id", "--tasks", "--goals", "--seed", "--envs-per-task", "--preset",
                        "--episode-steps", "--warmup", "--max-lead", "--max-steps-per-task", "--topic-prefix",
                        "--delivery-timeout-s"),
                Set.of());
        if (!c.has("--bootstrap")) throw new IllegalArgumentException("--bootstrap HOST:PORT is required");
        if (!c.has("--run-id")) throw new IllegalArgumentException("--run-id NAME is required");
        GoalMode mode = switch (c.get("--goals", "rand")) {
            case "rand" -> GoalMode.RAND;
            case "fixed" -> GoalMode.FIXED;
            default -> throw new IllegalArgumentException("--goals must be rand or fixed, got '" + c.get("--goals", "") + "'");
        };
        return new ProducerConfig(new KafkaSettings(c.get("--bootstrap", null), c.kafkaProperties()),
                Topics.withPrefix(c.get("--topic-prefix", "")), c.get("--run-id", null),
                MetaWorld.parseTaskList(c.get("--tasks", "mt10")), mode, c.getLong("--seed", 1),
                (int) c.getLong("--envs-per-task", 1), c.get("--preset", "mt10-rand"), (int) c.getLong("--episode-steps", 0),
                c.getLong("--warmup", -1), c.getLong("--max-lead", 1000), c.getLong("--max-steps-per-task", 0),
                Duration.ofSeconds(c.getLong("--delivery-timeout-s", Integer.MAX_VALUE / 1000)));
    }
}
