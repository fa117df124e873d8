package org.d2r.learner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.d2r.cli.Cli;
import org.d2r.cli.KafkaOptions;
import org.d2r.cli.RunOptions;
import org.d2r.core.baselines.Method;
import org.d2r.roles.RunConfig;
import org.d2r.roles.options.RoleOptions;
import org.d2r.roles.Roles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bin/d2r learner}: the learner application alone, against any Kafka. */
@Command(name = "learner", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"the learner alone: replay batches in sequence -> D2R-SAC updates, snapshots, checkpoints (resumes)",
                "Restarting with the same --run-dir resumes from the newest checkpoint (no batch trained twice or skipped)."},
        footer = {"Defaults: --preset mt10-rand, --method d2r (the snapshots name it: producers and evaluator need no setting),",
                "--seed 1.",
                "Environment: D2R_BOOTSTRAP_SERVERS, D2R_RUN_ID, D2R_TASKS, D2R_RUN_DIR, D2R_PRESET, D2R_METHOD stand in for the options."})
public final class LearnerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;
    @Mixin
    KafkaOptions.ForRun kafka;
    @Mixin
    RoleOptions.Tasks tasks;
    @Mixin
    RoleOptions.Preset preset;
    @Mixin
    RoleOptions.MethodOption method;
    @Mixin
    RunOptions.Seed seed;
    @Mixin
    RoleOptions.Ablations ablations;

    @Option(names = "--run-dir", paramLabel = "DIR", description = "checkpoints/ and metrics.csv live here (required)")
    Path runDir;
    @Option(names = "--snapshot-every", paramLabel = "K", description = "publish a snapshot every K updates (default 100; also at start)")
    int snapshotEvery = 100;
    @Option(names = "--checkpoint-every", paramLabel = "C", description = "checkpoint every C updates (default 1000)")
    int checkpointEvery = 1000;
    @Option(names = "--max-updates", paramLabel = "N", description = "stop after N updates (default 0 = until Ctrl-C)")
    long maxUpdates = 0;
    @Mixin
    RunOptions.TopicPrefix topicPrefix;

    @Override
    public Integer call() throws Exception {
        LearnerSettings settings = settings(System.getenv());
        try (Roles roles = Roles.open("learner", System.out::println, System.err::println)) {
            LearnerApp app = roles.add("learner", LearnerApp.start(settings));
            if (app.restoreNote() != null) System.err.println("learner: " + app.restoreNote());
            // where this start took up the run: a restart's log shows that it continued, and from where
            System.out.printf("learner: started at update %d, last batch %d%n", app.updates(), app.lastAppliedSequence());
            writeConfig(settings, Cli.ownArgs(spec));
            while (!app.awaitFinished(Duration.ofSeconds(30))) {
                System.out.printf("learner: %d updates, last batch %d, snapshot %d%n", app.updates(), app.lastAppliedSequence(),
                        app.snapshotVersion());
            }
            if (app.failure() != null) {
                System.err.println("learner failed: " + app.failure());
                return 1;
            }
            return 0;
        }
    }

    /**
     * The run folder's config.json, as every mode writes one: the role's resolved settings (with those the environment
     * gave). A restart of the role (compose's {@code stop}/{@code start}, {@code down}/{@code up}) keeps the first
     * start's file and writes config.resumed.json beside it.
     */
    static void writeConfig(LearnerSettings s, List<String> args) throws IOException {
        boolean resumed = Files.exists(s.runDir().resolve("config.json"));
        RunConfig.builder(RunConfig.LEARNER).command("bin/d2r learner " + String.join(" ", args)).args(args)
                .startedUtc(Instant.now().toString()).runId(s.runId()).preset(s.preset())
                .method(s.method().cliName()).tasks(s.tasks()).ablations(s.ablations()).seed(s.seed())
                .snapshotEvery(s.snapshotEvery()).checkpointEvery(s.checkpointEvery()).bootstrapServers(s.bootstrapServers())
                .resumed(resumed).schedule(Map.of("maxUpdates", s.maxUpdates()))
                .outputs(List.of("metrics.csv", "checkpoints/")).build()
                .write(s.runDir().resolve(resumed ? "config.resumed.json" : "config.json"));
    }

    /** The options, then the D2R_* environment variables for those not given (compose passes both). */
    LearnerSettings settings(Map<String, String> env) {
        String bootstrap = kafka.bootstrapServers() != null ? kafka.bootstrapServers() : env.get("D2R_BOOTSTRAP_SERVERS");
        String id = kafka.runId() != null ? kafka.runId() : env.get("D2R_RUN_ID");
        if (tasks.given() == null && env.get("D2R_TASKS") == null) throw Cli.usage(spec, "no tasks: pass --tasks mt10 or a,b,c");
        Path dir = runDir != null ? runDir : env.get("D2R_RUN_DIR") != null ? Path.of(env.get("D2R_RUN_DIR")) : null;
        if (dir == null) throw Cli.usage(spec, "no run folder: pass --run-dir DIR");
        Method m = method.method(env.getOrDefault("D2R_METHOD", "d2r"));
        return Cli.checked(spec, () -> new LearnerSettings(bootstrap, topicPrefix.topics(), id,
                preset.given() != null ? preset.given() : env.getOrDefault("D2R_PRESET", "mt10-rand"),
                tasks.list(env.get("D2R_TASKS")), dir, seed.orElse(1), snapshotEvery, checkpointEvery, maxUpdates,
                kafka.clientProperties(), m, ablations.names()));
    }

    /** Options first, then the D2R_* environment variables; public so infra can check the compose file's options. */
    public static LearnerSettings parse(String[] args, Map<String, String> env) {
        return Cli.parse(new LearnerCommand(), args).settings(env);
    }
}
