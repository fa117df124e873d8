package org.d2r.infra;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Entry point of {@code bin/d2r}: picks the subcommand and hands the remaining arguments to its
 * class. Each subcommand lives in the module that owns the concept (the environments in
 * {@code metaworld}, the learner in {@code d2r-core}, ...) and has its own {@code --help}; this
 * class only knows their names, so a module can add a command without this one changing shape.
 */
public final class D2rCli {

    /** @param roles the command starts threads that use native libraries: {@link NativeLibraries} loads them first */
    private record Command(String mainClass, String summary, boolean roles) {
        Command(String mainClass, String summary) {
            this(mainClass, summary, false);
        }
    }

    private static final Map<String, Command> COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put("train", new Command("org.d2r.infra.TrainCommand",
                "train D2R: embedded Kafka + Flink pipeline by default, --local for one process"));
        COMMANDS.put("train-local", new Command("org.d2r.learner.local.LocalTrainCommand",
                "train D2R or a baseline in one process (Meta-World + in-memory replay, no broker)", true));;
        COMMANDS.put("train-offline", new Command("org.d2r.learner.local.OfflineTrainCommand",
                "run mode 4: train D2R (any ablation) or a baseline from a recorded Avro file or topic, no environments", true));;
        COMMANDS.put("export-transitions", new Command("org.d2r.recording.ExportTransitionsCommand",
                "copy a transitions topic into an Avro container file (per-task counts, malformed records kept aside)"));
        COMMANDS.put("scripted", new Command("org.d2r.infra.tools.ScriptedCommand",
                "run Meta-World's scripted policies and print success rates (environment oracle)"));
        COMMANDS.put("env-bench", new Command("org.d2r.infra.tools.EnvBenchCommand",
                "environment steps per second per task, with the mj_step time of the same run"));
        COMMANDS.put("learner-bench", new Command("org.d2r.infra.tools.LearnerBenchCommand",
                "seconds per D2R-SAC update at the paper's MT10 configuration"));
        COMMANDS.put("acting-bench", new Command("org.d2r.infra.tools.ActingBenchCommand",
                "microseconds per action of the acting forward pass (producers, evaluator), D2R and the baselines"));
        COMMANDS.put("params", new Command("org.d2r.infra.tools.ParamsCommand",
                "trainable parameter counts of D2R and the baselines against the paper's table"));
        COMMANDS.put("pipeline-bench", new Command("org.d2r.infra.PipelineBenchCommand",
                "transitions per second through Kafka and Flink, Avro encode/decode rates", true));;
        COMMANDS.put("producers", new Command("org.d2r.producers.ProducersCommand",
                "environment producers: act with the newest snapshot, publish transitions to Kafka", true));;
        COMMANDS.put("evaluator", new Command("org.d2r.evaluator.EvaluatorCommand",
                "evaluate policy snapshots every E updates (TopK, tanh(mean)); eval-results + evaluations.csv/png", true));;
        COMMANDS.put("learner", new Command("org.d2r.learner.LearnerCommand",
                "the learner alone: replay batches in sequence -> D2R-SAC updates, snapshots, checkpoints (resumes)", true));;
        COMMANDS.put("replay-job", new Command("org.d2r.replay.ReplayJob",
                "the Flink replay job alone, on a local MiniCluster, against any Kafka (--bootstrap)", true));;
    }

    private D2rCli() {}

    /** The command names (the compose file's roles must be among them). */
    static java.util.Set<String> commandNames() {
        return java.util.Collections.unmodifiableSet(COMMANDS.keySet());
    }

    public static void main(String[] args) throws Throwable {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            usage();
            System.exit(args.length == 0 ? 2 : 0);
        }
        Command cmd = COMMANDS.get(args[0]);
        if (cmd == null) {
            System.err.println("d2r: unknown command '" + args[0] + "'. Valid commands: "
                    + String.join(", ", COMMANDS.keySet()) + ". See 'bin/d2r --help'.");
            System.exit(2);
        }
        Method main;
        try {
            main = Class.forName(cmd.mainClass()).getMethod("main", String[].class);
        } catch (ClassNotFoundException e) {
            System.err.println("d2r: command '" + args[0] + "' is not built into this installation ("
                    + cmd.mainClass() + " missing). Rebuild with 'bin/d2r --rebuild " + args[0] + "'.");
            System.exit(2);
            return;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            // train loads them itself, once its run folder is known (its temporary files live there)
            if (cmd.roles() && !Arrays.asList(rest).contains("--help")) NativeLibraries.loadAll();
            main.invoke(null, (Object) rest);
        } catch (InvocationTargetException e) {
            System.exit(failed(args[0], e.getCause()));
        } catch (RuntimeException | LinkageError e) {
            System.exit(failed(args[0], e));
        }
    }

    /** An unexpected failure: its message first; the stack trace only where asked for (D2R_DEBUG). */
    static int failed(String command, Throwable t) {
        System.err.println("d2r " + command + ": " + (t.getMessage() != null ? t.getMessage() : t.toString()));
        if (System.getenv("D2R_DEBUG") != null) {
            t.printStackTrace();
        } else {
            System.err.println("(" + t.getClass().getName() + "; D2R_DEBUG=1 prints the stack trace)");
        }
        return 1;
    }

    private static void usage() {
        StringBuilder sb = new StringBuilder();
        sb.append("Usage: bin/d2r <command> [options]   (bin/d2r <command> --help for its options)\n\n");
        sb.append("Commands:\n");
        COMMANDS.forEach((name, c) -> sb.append(String.format("  %-18s %s%n", name, c.summary())));
        sb.append("\nLauncher options (before the command):\n");
        sb.append("  --rebuild       rebuild the project before running\n");
        sb.append("Environment: D2R_OPTS (extra JVM options), METAWORLD_ASSETS (scene assets folder).\n");
        System.out.print(sb);
    }
}
