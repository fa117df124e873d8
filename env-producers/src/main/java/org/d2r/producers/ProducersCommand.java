package org.d2r.producers;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Callable;
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

/** {@code bin/d2r producers}: the environment producers of one run against any Kafka. */
@Command(name = "producers", mixinStandardHelpOptions = true, sortOptions = false,
        description = "environment producers: act with the newest snapshot, publish transitions to Kafka",
        footer = {"Defaults: --tasks mt10, --preset mt10-rand, --seed 1.",
                "Waits for the run's first policy snapshot, then publishes transitions keyed by task id. A restart of",
                "the same --run-id continues the run (step count, budget, warm-up, lead) from what the transitions",
                "topic holds of it."})
public final class ProducersCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;
    @Mixin
    KafkaOptions.ForRun kafka;
    @Mixin
    RoleOptions.Tasks tasks;
    @Mixin
    RoleOptions.Preset preset;
    @Mixin
    RunOptions.Seed seed;

    @Option(names = "--goals", paramLabel = "rand|fixed", description = "goal mode (default rand)")
    String goals = "rand";
    @Option(names = "--envs-per-task", paramLabel = "N", description = "environments per task, stepped by one thread (default 1)")
    int envsPerTask = 1;
    @Option(names = "--episode-steps", paramLabel = "N", description = "episode limit (default: the preset's, 200)")
    int episodeSteps = 0;
    @Option(names = "--warmup", paramLabel = "N", description = "uniform random steps per task (default: the preset's)")
    long warmup = -1;
    @Option(names = "--max-lead", paramLabel = "N",
            description = "pause when more than N updates ahead of the learner; 0 = never (default 1000)")
    long maxLead = 1000;
    @Option(names = "--max-steps-per-task", paramLabel = "N",
            description = "stop after N transitions per task (default 0 = until interrupted)")
    long maxStepsPerTask = 0;
    @Mixin
    RunOptions.TopicPrefix topicPrefix;
    @Option(names = "--delivery-timeout-s", paramLabel = "N", description = "how long a transition may wait for the broker (default 24 days)")
    long deliveryTimeoutS = Integer.MAX_VALUE / 1000;

    @Override
    public Integer call() throws Exception {
        ProducerConfig cfg = config();
        try (Roles roles = Roles.open("producers", System.out::println, System.err::println)) {
            ProducerApp app = roles.add("producers", ProducerApp.start(cfg));
            while (!app.awaitFinished(Duration.ofSeconds(10))) {
                System.out.printf("producers: %d env steps, %d published, %d episodes, acting snapshot %d%s, recent success %s%n",
                        app.envSteps(), app.published(), app.episodes(), app.actingVersion(),
                        app.paused() ? " (paused: ahead of the learner)" : "", Arrays.toString(app.recentSuccess()));
            }
            System.out.printf("producers: done, %d env steps, %d published%n", app.envSteps(), app.published());
        }
        return 0;
    }

    /** The parsed options as the producers' configuration; a value the configuration refuses is a usage error. */
    ProducerConfig config() {
        if (kafka.runId() == null) throw Cli.usage(spec, "--run-id NAME is required");
        GoalMode mode = switch (goals) {
            case "rand" -> GoalMode.RAND;
            case "fixed" -> GoalMode.FIXED;
            default -> throw Cli.usage(spec, "--goals must be rand or fixed, got '" + goals + "'");
        };
        return Cli.checked(spec, () -> new ProducerConfig(kafka.settings(), topicPrefix.topics(), kafka.runId(), tasks.list("mt10"),
                mode, seed.orElse(1), envsPerTask, preset.given() != null ? preset.given() : "mt10-rand", episodeSteps, warmup,
                maxLead, maxStepsPerTask, Duration.ofSeconds(deliveryTimeoutS)));
    }
}
