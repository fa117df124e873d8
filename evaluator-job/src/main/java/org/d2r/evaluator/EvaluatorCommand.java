package org.d2r.evaluator;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.Set;
import org.d2r.metaworld.GoalMode;
import org.d2r.metaworld.MetaWorld;
import org.d2r.kafka.CommandLine;
import org.d2r.kafka.KafkaSettings;
import org.d2r.schemas.Topics;

/**
 * {@code bin/d2r evaluator}: evaluate a run's snapshots against any Kafka until interrupted, or, given
 * the learner's budget ({@code --final-at U}, the learner's {@code --max-updates}), until its last
 * policy has had the paper's final evaluation.
 */
public final class EvaluatorCommand {

    static final String USAGE = """
            usage: bin/d2r evaluator --bootstrap-servers HOST:PORT (or --bootstrap) --run-id NAME --run-dir DIR [options]
              --tasks mt10|a,b,c     tasks, in the producers' order (default mt10)
              --goals rand|fixed     goal mode (default rand; fixed uses the producers' goals)
              --seed N               environment seed (default 1)
              --eval-every N         evaluate at every N updates (default 10000)
              --episodes M           episodes per task per evaluation (default 32)
              --episode-steps N      episode limit (default 200)
              --final-at U           the learner stops at update U (its --max-updates): evaluate that policy over
                                     --final-episodes and exit (default 0: no final evaluation, run until stopped)
              --final-episodes M     episodes per task of that final evaluation (default 100, as in the paper)
              --topic-prefix P       topic names behind a prefix
              --kafka-property k=v   extra Kafka client property (repeatable)
              --kafka-properties-file F  Java properties file of such properties (--kafka-property wins)
            Writes DIR/evaluations.csv, DIR/success.png and for D2R DIR/routing*.csv/png, publishes EvalResult records
            to eval-results.
            """;

    private EvaluatorCommand() {
    }

    public static void main(String[] args) throws Exception {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            System.out.print(USAGE);
            return;
        }
        EvaluatorConfig cfg;
        Final last;
        try {
            cfg = parse(args);
            last = parseFinal(args);
        } catch (IllegalArgumentException e) {
            System.err.println("evaluator: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        EvaluatorApp app = EvaluatorApp.start(cfg);
        Runtime.getRuntime().addShutdownHook(new Thread(app::close));
        System.exit(follow(app, last, Duration.ofSeconds(1), System.out));
    }

    /**
     * Reports each evaluation until the app fails (1) or, with {@code last}, until the final evaluation is
     * done (0, the app closed); the final evaluation waits on the app's own loop, which goes on evaluating
     * every E meanwhile.
     */
    static int follow(EvaluatorApp app, Final last, Duration poll, PrintStream out) throws InterruptedException {
        CompletableFuture<FinalEvaluation> done = last == null ? new CompletableFuture<>()
                : CompletableFuture.supplyAsync(() -> {
                    try {
                        return app.evaluateFinal(last.atUpdate(), last.episodes(), Duration.ofDays(3650));
                    } catch (Exception e) {
                        throw new CompletionException(e);
                    }
                });
        long shown = 0;
        while (app.failure() == null) {
            if (done.isDone()) {
                try {
                    out.println("evaluator: " + done.join().summary());
                } catch (CompletionException e) {
                    out.println("evaluator: final evaluation failed: " + e.getCause());
                    return 1;
                }
                app.close();
                return 0;
            }
            Thread.sleep(poll.toMillis());
            if (app.evaluations() > shown) {
                shown = app.evaluations();
                out.printf("evaluator: update %d, success %s%n", app.lastEvaluatedUpdate(), Arrays.toString(app.lastSuccess()));
            }
        }
        out.println("evaluator failed: " + app.failure());
        return 1;
    }

    /** A final evaluation: the learner's last update and the episodes per task. */
    record Final(long atUpdate, int episodes) {}

    private static final Set<String> OPTIONS = Set.of("--bootstrap", "--run-id", "--run-dir", "--tasks", "--goals", "--seed",
            "--eval-every", "--episodes", "--episode-steps", "--topic-prefix", "--final-at", "--final-episodes");

    /** The final evaluation asked for, or null for none ({@code --final-at} absent or 0). */
    static Final parseFinal(String[] args) {
        CommandLine c = CommandLine.parse(args, OPTIONS, Set.of());
        long at = c.getLong("--final-at", 0);
        long episodes = c.getLong("--final-episodes", 100);
        if (at < 0) throw new IllegalArgumentException("--final-at must be the learner's last update (its --max-updates), or 0 for none");
        if (episodes < 1 || episodes > 100_000) throw new IllegalArgumentException("--final-episodes must be between 1 and 100000");
        if (at == 0 && c.has("--final-episodes")) {
            throw new IllegalArgumentException("--final-episodes needs --final-at U (the learner's --max-updates)");
        }
        return at == 0 ? null : new Final(at, (int) episodes);
    }

    static EvaluatorConfig parse(String[] args) {
        CommandLine c = CommandLine.parse(args, OPTIONS, Set.of());
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
