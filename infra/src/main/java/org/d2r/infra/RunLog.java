package org.d2r.infra;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.FileAppender;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * A run's {@code logs/} folder: what {@code train} tells the terminal (the {@value #PROGRESS} logger, printed bare
 * by logback.xml) is also appended, time-stamped, to {@code logs/train.log} (a continued run appends to the same
 * file), and the libraries' own output (Kafka clients, Flink) goes to {@code logs/libraries-<start time>.log}
 * instead of the terminal while the run is open. The broker's log is {@code kafka/broker.log}, beside its data.
 * Appenders are added here rather than in logback.xml because the run folder is only known once the options are read.
 */
final class RunLog implements AutoCloseable {

    /** The logger of train's own lines; logback.xml sends its INFO to standard output and its warnings to standard error. */
    static final String PROGRESS = "d2r.train";
    /** Instant.toString()'s form, as train.log's lines had before Logback wrote them. */
    private static final String STAMP = "%d{yyyy-MM-dd'T'HH:mm:ss.SSS'Z', UTC}";

    private final Path dir;
    private final Logger progress;
    private final Logger root;
    private final FileAppender<ILoggingEvent> trainFile;
    private final FileAppender<ILoggingEvent> librariesFile;
    /** The root's terminal appenders, given back on close (tests run several trains in one JVM). */
    private final List<Appender<ILoggingEvent>> terminal = new ArrayList<>();

    RunLog(Path runDir) {
        dir = runDir.resolve("logs");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": check the run folder is writable", e);
        }
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        progress = ctx.getLogger(PROGRESS);
        root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        trainFile = file(ctx, dir.resolve("train.log"), STAMP + " %msg%n");
        String stamp = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString().replace(":", "");
        librariesFile = file(ctx, dir.resolve("libraries-" + stamp + ".log"), STAMP + " [%thread] %-5level %logger - %msg%n");
        progress.addAppender(trainFile);
        root.iteratorForAppenders().forEachRemaining(terminal::add);
        terminal.forEach(root::detachAppender);
        root.addAppender(librariesFile);
    }

    private static FileAppender<ILoggingEvent> file(LoggerContext ctx, Path file, String pattern) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(ctx);
        encoder.setPattern(pattern);
        encoder.setCharset(java.nio.charset.StandardCharsets.UTF_8);
        encoder.start();
        FileAppender<ILoggingEvent> appender = new FileAppender<>();
        appender.setContext(ctx);
        appender.setName(file.getFileName().toString());
        appender.setFile(file.toAbsolutePath().toString());
        appender.setAppend(true);
        // a line is on disk as soon as it is said: a killed run's log ends where it stopped
        appender.setImmediateFlush(true);
        appender.setEncoder(encoder);
        appender.start();
        return appender;
    }

    Path dir() {
        return dir;
    }

    void say(String line) {
        progress.info(line);
    }

    void warn(String line) {
        progress.warn(line);
    }

    @Override
    public synchronized void close() {
        if (!trainFile.isStarted()) return;
        progress.detachAppender(trainFile);
        root.detachAppender(librariesFile);
        terminal.forEach(root::addAppender);
        trainFile.stop();
        librariesFile.stop();
    }
}
