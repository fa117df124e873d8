package org.d2r.evaluator;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import org.d2r.metaworld.GoalMode;
import org.d2r.metaworld.MetaWorld;
import org.d2r.producers.CommandLine;
import org.d2r.producers.KafkaSettings;
import org.d2r.schemas.Topics;

/** {@code bin/d2r evaluator}: evaluate a run's snapshots against any Kafka until interrupted. */
public final class EvaluatorCommand {

    static final String USAGE = """
            usage: bin/d2r evaluator --bootstrap HOST:PORT --run-id NAME --run-dir DIR [options]
              --tasks mt10|a,b,c     tasks, in the producers' order (default mt10)
              --goals rand|fixed     goal mode (default rand; fixed uses the producers' goals)
              --seed N               environment seed (default 1)
              --eval-every N         evaluate at every N updates (default 10000)
              --episodes M           episodes per task per evaluation (default 32)
              --episode-steps N      episode limit (default 200)
              --topic-prefix P       topic names behind a prefix
              --kafka-property k=v   extra Kafka client property (repeatable)
              --kafka-properties-file F  Java properties file of such properties (--kafka-property wins)
            Writes DIR/evaluations.csv and DIR/success.png, publishes EvalResult records to eval-results.
            """;

    private EvaluatorCommand() {
    }

    public static void main(String[] args) throws Exception {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            System.out.print(USAGE);
            return;
        }
        EvaluatorConfig cfg;
        try {
            cfg = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("evaluator: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        EvaluatorApp app = EvaluatorApp.start(cfg);
        Runtime.getRuntime().addShutdownHook(new Thread(app::close));
        long shown = 0;
        while (app.failure() == null) {
            Thread.sleep(1000);
            if (app.evaluations() > shown) {
                shown = app.evaluations();
                System.out.printf("evaluator: update %d, success %s%n", app.lastEvaluatedUpdate(), Arrays.toString(app.lastSuccess()));
            }
        }
        System.exit(1);
    }

    static EvaluatorConfig parse(String[] args) {
        CommandLine c = CommandLine.parse(args, Set.of("--bootstrap", "--run-id", "--run-dir", "--tasks", "--goals", "--seed",
                "--eval-every", "--episodes", "--episode-steps", "--topic-prefix"), Set.of());
        if (!c.has("--bootstrap")) throw new IllegalArgumentException("--bootstrap HOST:PORT is required");
        if (!c.has("--run-id")) throw new IllegalArgumentException("--run-id NAME is required");
        if (!c.has("--run-dir")) throw new IllegalArgumentException("--run-dir DIR is required");
        GoalMode mode = switch (c.get("--goals", "rand")) {
            case "rand" -> GoalMode.RAND;
            case "fixed" -> GoalMode.FIXED;
            default -> throw new IllegalArgumentException("--goals must be rand or fixed");
        };
        return new EvaluatorConfig(new KafkaSettings(c.get("--bootstrap", null), c.kafkaProperties()),
                Topics.withPrefix(c.get("--topic-prefix", "")), c.get("--run-id", null),
                MetaWorld.parseTaskList(c.get("--tasks", "mt10")), mode, c.getLong("--seed", 1),
                c.getLong("--eval-every", 10_000), (int) c.getLong("--episodes", 32), (int) c.getLong("--episode-steps", 200),
                Path.of(c.get("--run-dir", null)));
    }
}
