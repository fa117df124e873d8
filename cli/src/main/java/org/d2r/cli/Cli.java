package org.d2r.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * How every {@code bin/d2r} command is parsed and run, in one place so that all of them follow the same
 * rules: {@code --name=value} and {@code --name value}, numbers with {@code _} separators ({@code 1_000}),
 * exit code 2 for a bad command line (one line naming the problem, then where the help is, never a stack
 * trace), 1 for a failure (its message; the stack trace only with D2R_DEBUG), and whatever the command
 * returns otherwise (130 after Ctrl-C where a command handles it).
 */
public final class Cli {

    public static final String VERSION = "d2r 0.1.0-SNAPSHOT";

    private Cli() {}

    /** A configured command line for a command object (a top-level one with its subcommands already added). */
    public static CommandLine commandLine(Object command) {
        CommandLine cl = command instanceof CommandLine c ? c : new CommandLine(command);
        // registered after the subcommands are added: picocli hands converters down to the ones present
        cl.registerConverter(Long.class, Cli::wholeNumber).registerConverter(Long.TYPE, Cli::wholeNumber);
        cl.registerConverter(Integer.class, Cli::intNumber).registerConverter(Integer.TYPE, Cli::intNumber);
        cl.registerConverter(Double.class, Cli::realNumber).registerConverter(Double.TYPE, Cli::realNumber);
        setVersion(cl);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        // the last of a repeated option wins, as every hand-written parser had it (scripts append overrides)
        cl.setOverwrittenOptionsAllowed(true);
        cl.setParameterExceptionHandler(Cli::usageError);
        // the descriptions' own line breaks are kept at this width (picocli's 80 would rewrap them mid-sentence)
        cl.setUsageHelpWidth(130);
        cl.setExecutionExceptionHandler((e, failed, parseResult) -> failed(failed.getCommandSpec(), e));
        return cl;
    }

    /** Each command's standard --version says the project's (picocli's default would print nothing). */
    private static void setVersion(CommandLine cl) {
        if (cl.getCommandSpec().version().length == 0) cl.getCommandSpec().version(VERSION);
        cl.getSubcommands().values().forEach(Cli::setVersion);
    }

    public static int execute(Object command, String... args) {
        return commandLine(command).execute(args);
    }

    /** The same, with the help and error messages on the given streams (tests; commands that print to them). */
    public static int execute(Object command, java.io.PrintStream out, java.io.PrintStream err, String... args) {
        CommandLine cl = commandLine(command);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    /** Parses {@code args} into {@code command}'s fields, not running it (tests; re-reading a stored command line). */
    public static <T> T parse(T command, String... args) {
        commandLine(command).parseArgs(args);
        return command;
    }

    /**
     * {@code command} parsed from a run's stored arguments for {@code --resume}: arguments it no longer takes are a
     * usage error of the command that was given --resume, printed where it prints, not a stack of the inner parse.
     */
    public static <T> T parseResumed(CommandSpec spec, T command, String... args) {
        try {
            return parse(command, args);
        } catch (ParameterException e) {
            throw usage(spec, "--resume: " + e.getMessage());
        }
    }

    /**
     * The arguments given to this command alone, as a run's config.json keeps them for {@code --resume}: under
     * {@code bin/d2r} picocli hands a subcommand the whole command line, its own name first.
     */
    public static java.util.List<String> ownArgs(CommandSpec spec) {
        return withoutCommandName(spec.name(), spec.commandLine().getParseResult().originalArgs());
    }

    /** {@code args} without a leading {@code name}: also for command lines stored by versions that kept it. */
    public static java.util.List<String> withoutCommandName(String name, java.util.List<String> args) {
        return !args.isEmpty() && args.get(0).equals(name) ? args.subList(1, args.size()) : args;
    }

    /** A usage error found after parsing (a value the converters cannot judge alone): exit code 2, like picocli's own. */
    public static ParameterException usage(CommandSpec spec, String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** {@code value}'s result; a value the configuration refuses (its IllegalArgumentException) is a usage error. */
    public static <T> T checked(CommandSpec spec, java.util.function.Supplier<T> value) {
        return checked(spec, "", value);
    }

    /** The same, the message after {@code prefix} (the option, where the refusal does not name it). */
    public static <T> T checked(CommandSpec spec, String prefix, java.util.function.Supplier<T> value) {
        try {
            return value.get();
        } catch (IllegalArgumentException e) {
            throw usage(spec, prefix + e.getMessage());
        }
    }

    /**
     * The command as a user types it, {@code bin/d2r train}: also for a command run on its own (tests, the replay
     * job under {@code flink run}), whose help {@code bin/d2r} gives too.
     */
    static String shownName(CommandSpec spec) {
        String q = spec.qualifiedName();
        return q.equals("d2r") || q.startsWith("d2r ") ? "bin/" + q : "bin/d2r " + q;
    }

    private static int usageError(ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println(shownName(cl.getCommandSpec()).replaceFirst("^bin/", "") + ": " + e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.println("See '" + shownName(cl.getCommandSpec()) + " --help' for the options.");
        err.flush();
        return cl.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** An unexpected failure: its message first; the stack trace only where asked for (D2R_DEBUG). */
    private static int failed(CommandSpec spec, Exception e) {
        PrintWriter err = spec.commandLine().getErr();
        err.println(shownName(spec).replaceFirst("^bin/", "") + ": " + (e.getMessage() != null ? e.getMessage() : e.toString()));
        if (System.getenv("D2R_DEBUG") != null) {
            e.printStackTrace(err);
        } else {
            err.println("(" + e.getClass().getName() + "; D2R_DEBUG=1 prints the stack trace)");
        }
        err.flush();
        return spec.exitCodeOnExecutionException();
    }

    private static Long wholeNumber(String s) {
        try {
            return Long.parseLong(s.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("'" + s + "' is not a whole number (e.g. 1000 or 1_000)");
        }
    }

    private static Integer intNumber(String s) {
        long v = wholeNumber(s);
        if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
            throw new CommandLine.TypeConversionException("'" + s + "' is out of range (at most " + Integer.MAX_VALUE + ")");
        }
        return (int) v;
    }

    private static Double realNumber(String s) {
        try {
            return Double.parseDouble(s.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("'" + s + "' is not a number (e.g. 3e-4)");
        }
    }
}
