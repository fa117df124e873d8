package org.d2r.evaluator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/** evaluations.csv of a run folder: one row per task per evaluation, appended and flushed each time. */
final class EvalCsv {
    static final String HEADER = "update,snapshot_version,env_steps_per_task,task,success_rate,mean_return,episodes";

    private final Path file;

    EvalCsv(Path file) {
        this.file = file;
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            if (!Files.exists(file)) Files.writeString(file, HEADER + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file + ": check the run folder is writable", e);
        }
    }

    /** envStepsPerTask < 0 (unknown) is written as an empty field. */
    void append(long update, long version, long envStepsPerTask, String task, double success, double meanReturn, int episodes) {
        String row = String.format(Locale.ROOT, "%d,%d,%s,%s,%.4f,%.4f,%d%n", update, version,
                envStepsPerTask < 0 ? "" : Long.toString(envStepsPerTask), task, success, meanReturn, episodes);
        try {
            Files.writeString(file, row, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file, e);
        }
    }
}
