package org.d2r.roles.learner;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.d2r.core.sac.UpdateStats;

/**
 * metrics.csv, the same in every mode: one row per update with its batch, the environment steps behind
 * it, the losses, tasks masked out, gradient norms before clipping and seconds, then alpha and tau per
 * task after it. Appended and flushed per row: a killed learner's file still shows what it did, and a
 * resumed one continues it after {@link org.d2r.roles.RunFiles#cutAfterUpdate} took back the lost rows.
 */
final class MetricsCsv implements Closeable {

    static List<String> header(List<String> tasks) {
        List<String> h = new ArrayList<>(List.of("update", "batch_sequence", "env_steps_per_task", "policy_loss",
                "critic1_loss", "critic2_loss", "alpha_loss", "masked_tasks", "actor_grad_norm", "critic1_grad_norm",
                "critic2_grad_norm", "seconds_per_update"));
        for (String t : tasks) h.add("alpha_" + t);
        for (String t : tasks) h.add("tau_" + t);
        return h;
    }

    private final CSVPrinter out;

    MetricsCsv(Path file, List<String> tasks) throws IOException {
        boolean fresh = !Files.exists(file) || Files.size(file) == 0;
        this.out = new CSVPrinter(Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND), CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get());
        if (fresh) {
            out.printRecord(header(tasks));
            out.flush();
        }
    }

    void row(long update, long sequence, long envStepsPerTask, UpdateStats s, double seconds) throws IOException {
        List<Object> r = new ArrayList<>(List.of(update, sequence, envStepsPerTask, fmt(s.policyLoss()), fmt(s.criticLoss1()),
                fmt(s.criticLoss2()), fmt(s.alphaLoss()), s.maskedTasks(), fmt(s.actorGradNorm()), fmt(s.critic1GradNorm()),
                fmt(s.critic2GradNorm()), fmt(seconds)));
        for (double a : s.alpha()) r.add(fmt(a));
        for (double t : s.tau()) r.add(fmt(t));
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
