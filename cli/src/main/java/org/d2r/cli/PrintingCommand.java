package org.d2r.cli;

import java.io.PrintStream;
import java.util.concurrent.Callable;

/**
 * A command whose output goes to the streams it is run with rather than System.out and System.err: tests and the
 * {@code train} dispatcher run it in this JVM and read what it printed.
 */
public abstract class PrintingCommand implements Callable<Integer> {

    protected PrintStream stdout = System.out;
    protected PrintStream stderr = System.err;

    /** {@code command}'s exit code on {@code args}, its output and picocli's on {@code out} and {@code err}. */
    public static int run(PrintingCommand command, String[] args, PrintStream out, PrintStream err) {
        command.stdout = out;
        command.stderr = err;
        return Cli.execute(command, out, err, args);
    }

    /** {@code fresh}, printing where this command prints: a stored command line parsed again. */
    protected final <T extends PrintingCommand> T printingHere(T fresh) {
        fresh.stdout = stdout;
        fresh.stderr = stderr;
        return fresh;
    }
}
