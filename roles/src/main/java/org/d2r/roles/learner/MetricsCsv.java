package org.d2r.roles.learner;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVPrinter;
import org.d2r.roles.report.CsvFile;

/**
 * metrics.csv, the same in every mode: one row per update with its batch, the environment steps behind
 * it, the losses, tasks masked out, gradient norms before clipping and seconds, then alpha and tau per
 * task after it. Appended and flushed per row: a killed learner's file still shows what it did, and a
 * resumed one continues it after {@link org.d2r.roles.RunFiles#cutAfter} took back the lost rows.
 */
final class MetricsCsv implements MetricsSink {

    static List<String> header(List<String> tasks) {
        List<String> h = new ArrayList<>(List.of("update", "batch_sequence", "env_steps_per_task"));
        h.addAll(UpdateMetrics.figureNames());
        for (String t : tasks) h.add("alpha_" + t);
        for (String t : tasks) h.add("tau_" + t);
        return h;
    }

    private final CSVPrinter out;

    MetricsCsv(Path file, List<String> tasks) throws IOException {
        this.out = CsvFile.append(file, header(tasks));
    }

    @Override
    public void write(UpdateMetrics m) throws IOException {
        List<Object> r = new ArrayList<>(List.of(m.update(), m.batchSequence(), m.envStepsPerTask()));
        m.figures().forEach((name, v) -> r.add(UpdateMetrics.isCount(name) ? Long.toString(Math.round(v)) : fmt(v)));
        for (double a : m.alpha()) r.add(fmt(a));
        for (double t : m.tau()) r.add(fmt(t));
        out.printRecord(r);
        out.flush();
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "nan" : String.format(Locale.ROOT, "%.6g", v);
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
