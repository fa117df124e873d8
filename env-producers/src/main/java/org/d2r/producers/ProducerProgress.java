package org.d2r.producers;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * How far the producers of a run have got, kept in a small properties file so a stopped run
 * continues where it was: the step budget, the warm-up, the lead over the learner and the progress
 * shown to the user all count transitions per task from the run's start, not from the last restart.
 *
 * <p>The file is rewritten at every episode end and after a clean stop (everything acknowledged).
 * After a hard kill it is at most one episode behind: the continued run then takes up to one episode
 * per task more than the budget, but never reuses an episode index, because {@code nextEpisode}
 * always skips past the episode that was running when the file was written (a MuJoCo state cannot
 * be restored mid-episode, so a continued run starts every environment on a fresh episode).
 *
 * @param stepsPerTask transitions per task taken so far (all environments of the task together)
 * @param nextEpisode  per environment id (task * envsPerTask + env): the episode index to start with
 */
public record ProducerProgress(long stepsPerTask, long[] nextEpisode) {

    private static final String HEADER = "env-producers progress of one run: read on start to continue it,"
            + " rewritten at every episode end and on a clean stop";

    public ProducerProgress {
        if (stepsPerTask < 0) throw new IllegalArgumentException("steps per task must be >= 0, got " + stepsPerTask);
        nextEpisode = nextEpisode.clone();
        for (long e : nextEpisode) {
            if (e < 0) throw new IllegalArgumentException("episode indices must be >= 0, got " + Arrays.toString(nextEpisode));
        }
    }

    /** A run that has not stepped yet. */
    public static ProducerProgress start(int envs) {
        return new ProducerProgress(0, new long[envs]);
    }

    @Override
    public long[] nextEpisode() {
        return nextEpisode.clone();
    }

    /**
     * The progress saved in {@code file} for the run of {@code cfg}, or the start if there is no file.
     *
     * @throws IllegalArgumentException if the file belongs to another run, other tasks or another
     *     number of environments per task (continuing it would mislabel transitions), or is malformed
     */
    public static ProducerProgress load(Path file, ProducerConfig cfg) {
        int envs = cfg.tasks().size() * cfg.envsPerTask();
        if (!Files.exists(file)) return start(envs);
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the producers' progress file " + file, e);
        }
        expect(file, p, "runId", cfg.runId());
        expect(file, p, "tasks", String.join(",", cfg.tasks()));
        expect(file, p, "envsPerTask", Integer.toString(cfg.envsPerTask()));
        try {
            long steps = Long.parseLong(p.getProperty("stepsPerTask", ""));
            long[] next = Arrays.stream(p.getProperty("nextEpisode", "").split(",")).mapToLong(Long::parseLong).toArray();
            if (next.length != envs) throw new NumberFormatException(next.length + " episode indices for " + envs + " environments");
            return new ProducerProgress(steps, next);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the producers' progress file " + file + " is malformed (" + e.getMessage()
                    + "); delete it to restart the step count at 0");
        }
    }

    private static void expect(Path file, Properties p, String key, String want) {
        String got = p.getProperty(key);
        if (!want.equals(got)) {
            throw new IllegalArgumentException("the producers' progress file " + file + " has " + key + "=" + got + " but this run has "
                    + key + "=" + want + "; continue the run with its own settings, or use another run folder");
        }
    }

    /** Replaces {@code file} atomically, so a kill never leaves half a file. */
    public void save(Path file, ProducerConfig cfg) {
        Properties p = new Properties();
        p.setProperty("runId", cfg.runId());
        p.setProperty("tasks", String.join(",", cfg.tasks()));
        p.setProperty("envsPerTask", Integer.toString(cfg.envsPerTask()));
        p.setProperty("stepsPerTask", Long.toString(stepsPerTask));
        p.setProperty("nextEpisode", Arrays.stream(nextEpisode).mapToObj(Long::toString).collect(Collectors.joining(",")));
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                p.store(w, HEADER);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the producers' progress file " + file + ": check the folder is writable", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProducerProgress other && stepsPerTask == other.stepsPerTask
                && Arrays.equals(nextEpisode, other.nextEpisode);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(stepsPerTask) * 31 + Arrays.hashCode(nextEpisode);
    }

    @Override
    public String toString() {
        return "ProducerProgress[stepsPerTask=" + stepsPerTask + ", nextEpisode=" + Arrays.toString(nextEpisode) + "]";
    }
}
