package org.d2r.infra;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A run's {@code logs/} folder: what {@code train} tells the terminal is also appended, time-stamped,
 * to {@code logs/train.log} (a continued run appends to the same file), and the libraries' own
 * slf4j output (Kafka clients, Flink) goes to {@code logs/libraries-<start time>.log} instead of the
 * terminal. The broker's log is {@code kafka/broker.log}, beside its data.
 */
final class RunLog implements AutoCloseable {

    /** slf4j-simple's setting for its output; read once, when the first logger is made. */
    static final String SLF4J_LOG_FILE = "org.slf4j.simpleLogger.logFile";

    private final Path dir;
    private final Writer file;

    private RunLog(Path dir, Writer file) {
        this.dir = dir;
        this.file = file;
    }

    static RunLog open(Path runDir) {
        Path dir = runDir.resolve("logs");
        try {
            Files.createDirectories(dir);
            // Only takes effect if nothing in this JVM has logged yet (true for bin/d2r; tests may share a JVM).
            if (System.getProperty(SLF4J_LOG_FILE) == null) {
                String stamp = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString().replace(":", "");
                System.setProperty(SLF4J_LOG_FILE, dir.resolve("libraries-" + stamp + ".log").toAbsolutePath().toString());
            }
            return new RunLog(dir, Files.newBufferedWriter(dir.resolve("train.log"), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": check the run folder is writable", e);
        }
    }

    Path dir() {
        return dir;
    }

    /** A line for the terminal and the log. */
    void say(String line) {
        write(System.out, line);
    }

    /** A problem: standard error and the log. */
    void warn(String line) {
        write(System.err, line);
    }

    private synchronized void write(PrintStream terminal, String line) {
        terminal.println(line);
        try {
            file.write(Instant.now().truncatedTo(ChronoUnit.MILLIS) + " " + line + System.lineSeparator());
            file.flush();
        } catch (IOException e) {
            // the terminal still has the line; a full disk must not stop training
        }
    }

    @Override
    public synchronized void close() {
        try {
            file.close();
        } catch (IOException ignored) {
            // nothing left to write
        }
    }
}
