package org.d2r.infra;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.d2r.cli.Cli;
import org.d2r.evaluator.EvaluatorCommand;
import org.d2r.infra.report.ReportCommand;
import org.d2r.infra.tools.ActingBenchCommand;
import org.d2r.infra.tools.EnvBenchCommand;
import org.d2r.infra.tools.LearnerBenchCommand;
import org.d2r.infra.tools.ParamsCommand;
import org.d2r.infra.tools.ScriptedCommand;
import org.d2r.learner.LearnerCommand;
import org.d2r.learner.local.LocalTrainCommand;
import org.d2r.learner.local.OfflineTrainCommand;
import org.d2r.monitor.MonitorCommand;
import org.d2r.producers.ProducersCommand;
import org.d2r.recording.ExportTransitionsCommand;
import org.d2r.replay.ReplayArgs;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * Entry point of {@code bin/d2r}: one picocli command whose subcommands are the applications' own commands,
 * so that {@code --help}, the usage errors (exit 2), failures (exit 1) and the shell completion all come from
 * one model ({@link Cli} sets the rules every command shares).
 */
@Command(name = "d2r", mixinStandardHelpOptions = true,
        description = "D2R multi-task RL on Meta-World, with a Kafka + Flink experience pipeline.",
        subcommands = {TrainCommand.class, LocalTrainCommand.class, OfflineTrainCommand.class, ExportTransitionsCommand.class,
                ScriptedCommand.class, EnvBenchCommand.class, LearnerBenchCommand.class, ActingBenchCommand.class,
                ParamsCommand.class, PipelineBenchCommand.class, ReportCommand.class, ProducersCommand.class, EvaluatorCommand.class,
                LearnerCommand.class, ReplayArgs.class, MonitorCommand.class, D2rCli.Completion.class, CommandLine.HelpCommand.class},
        footer = {"", "bin/d2r <command> --help gives each command's options.",
                "Launcher options (before the command): --rebuild  rebuild the project before running.",
                "Environment: D2R_OPTS (extra JVM options), METAWORLD_ASSETS (scene assets folder; when none is found the launcher",
                "fetches Meta-World's into ~/.cache/d2r, from D2R_METAWORLD_URL if set), D2R_DEBUG=1 (stack traces)."})
public final class D2rCli implements Callable<Integer> {

    /** Commands that start threads using native libraries: {@link NativeLibraries} loads them first (train does it itself, once its run folder is known). */
    private static final Set<String> NATIVE = Set.of("train-local", "train-offline", "pipeline-bench", "producers", "evaluator",
            "learner", "replay-job", "report");

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(System.out, System.err, args));
    }

    static int execute(java.io.PrintStream out, java.io.PrintStream err, String... args) {
        return Cli.execute(new CommandLine(new D2rCli()).setExecutionStrategy(D2rCli::run), out, err, dispatch(args));
    }

    /**
     * {@code train --local} is the in-process trainer, whose options (--goals, --ablation, ...) train does not take:
     * it goes to {@code train-local} before parsing, so that each command's parser knows all of its own options.
     */
    static String[] dispatch(String[] args) {
        if (args.length == 0 || !args[0].equals("train") || !Arrays.asList(args).contains("--local")) return args;
        List<String> rest = new ArrayList<>(List.of(args).subList(1, args.length));
        rest.remove("--local");
        rest.add(0, "train-local");
        return rest.toArray(String[]::new);
    }

    private static int run(ParseResult parsed) {
        ParseResult sub = parsed.subcommand();
        if (sub != null && NATIVE.contains(sub.commandSpec().name()) && !sub.isUsageHelpRequested()
                && !sub.isVersionHelpRequested()) {
            try {
                NativeLibraries.loadAll();
            } catch (RuntimeException | LinkageError e) {
                throw new CommandLine.ExecutionException(sub.commandSpec().commandLine(), e.getMessage() != null ? e.getMessage() : e.toString(), e);
            }
        }
        return new CommandLine.RunLast().execute(parsed);
    }

    /** {@code bin/d2r} alone: the command list, as a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return spec.exitCodeOnInvalidInput();
    }

    /** {@code bin/d2r completion}: bash completion generated from the commands' options. */
    @Command(name = "completion", mixinStandardHelpOptions = true,
            description = {"print a bash completion script for bin/d2r (and d2r on the PATH)",
                    "Use: source <(bin/d2r completion), or save it in /etc/bash_completion.d/d2r."})
    static final class Completion implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            CommandLine root = spec.root().commandLine();
            String script = AutoComplete.bash("d2r", root);
            // the script registers the name 'd2r'; people run the launcher by its path
            root.getOut().print(script + "\ncomplete -F _complete_d2r -o default bin/d2r ./bin/d2r\n");
            root.getOut().flush();
            return 0;
        }
    }
}
