package org.d2r.evaluator;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.d2r.cli.Cli;
import org.d2r.cli.KafkaOptions;
import org.d2r.cli.RunOptions;
import org.d2r.metaworld.GoalMode;
import org.d2r.roles.options.RoleOptions;
import org.d2r.roles.Roles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bin/d2r evaluator}: evaluate a run's snapshots against any Kafka until interrupted, or, given
 * the learner's budget ({@code --final-at U}, the learner's {@code --max-updates}), until its last
 * policy has had the paper's final evaluation.
 */
@Command(name = "evaluator", mixinStandardHelpOptions = true, sortOptions = false,
        description = "evaluate policy snapshots every E updates (TopK, tanh(mean)); eval-results + evaluations.csv/png",
        footer = {"Defaults: --tasks mt10 (in the producers' order), --seed 1.",
                "Writes DIR/evaluations.csv, DIR/success.png and for D2R DIR/routing*.csv/png, publishes EvalResult records",
                "to eval-results."})
public final class EvaluatorCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;
    @Mixin
    KafkaOptions.ForRun kafka;
    @Mixin
    RoleOptions.Tasks tasks;
    @Mixin
    RunOptions.Seed seed;

    @Option(names = "--run-dir", paramLabel = "DIR", description = "run folder: evaluations.csv, success.png (required)")
    Path runDir;
    @Option(names = "--goals", paramLabel = "rand|fixed", description = "goal mode (default rand; fixed uses the producers' goals)")
    String goals = "rand";
    @Option(names = "--eval-every", paramLabel = "N", description = "evaluate at every N updates (default 10000)")
    long evalEvery = 10_000;
    @Option(names = "--episodes", paramLabel = "M", description = "episodes per task per evaluation (default 32)")
    int episodes = 32;
    @Option(names = "--episode-steps", paramLabel = "N", description = "episode limit (default 200)")
    int episodeSteps = 200;
    @Option(names = "--final-at", paramLabel = "U", description = "the learner stops at update U (its --max-updates): evaluate "
            + "that policy over --final-episodes and exit (default 0: no final evaluation, run until stopped)")
    long finalAt = 0;
    @Option(names = "--final-episodes", paramLabel = "M",
            description = "episodes per task of that final evaluation (default 100, as in the paper)")
    Long finalEpisodes;
    @Mixin
    RunOptions.TopicPrefix topicPrefix;

    @Override
    public Integer call() throws Exception {
        EvaluatorConfig cfg = config();
        Final last = finalEvaluation();
        try (Roles roles = Roles.open("evaluator", System.out::println, System.err::println)) {
            return follow(roles.add("evaluator", EvaluatorApp.start(cfg)), last, Duration.ofSeconds(1), System.out);
        }
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

    record Final(long atUpdate, int episodes) {}

    /** The final evaluation asked for, or null for none ({@code --final-at} absent or 0). */
    Final finalEvaluation() {
        long episodesPerTask = finalEpisodes == null ? 100 : finalEpisodes;
        if (finalAt < 0) throw Cli.usage(spec, "--final-at must be the learner's last update (its --max-updates), or 0 for none");
        if (episodesPerTask < 1 || episodesPerTask > 100_000) throw Cli.usage(spec, "--final-episodes must be between 1 and 100000");
        if (finalAt == 0 && finalEpisodes != null) {
            throw Cli.usage(spec, "--final-episodes needs --final-at U (the learner's --max-updates)");
        }
        return finalAt == 0 ? null : new Final(finalAt, (int) episodesPerTask);
    }

    /** The parsed options as the evaluator's configuration; a value the configuration refuses is a usage error. */
    EvaluatorConfig config() {
        if (kafka.runId() == null) throw Cli.usage(spec, "--run-id NAME is required");
        if (runDir == null) throw Cli.usage(spec, "--run-dir DIR is required");
        GoalMode mode = switch (goals) {
            case "rand" -> GoalMode.RAND;
            case "fixed" -> GoalMode.FIXED;
            default -> throw Cli.usage(spec, "--goals must be rand or fixed");
        };
        return Cli.checked(spec, () -> new EvaluatorConfig(kafka.settings(), topicPrefix.topics(), kafka.runId(),
                tasks.list("mt10"), mode, seed.orElse(1), evalEvery, episodes, episodeSteps, runDir));
    }
}
