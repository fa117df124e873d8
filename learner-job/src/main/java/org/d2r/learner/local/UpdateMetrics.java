package org.d2r.learner.local;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.d2r.core.sac.UpdateStats;

/**
 * metrics.csv: one row per interval of updates with the interval's mean losses, gradient norms and
 * seconds per update, and the per-task alpha and SampleK temperature tau after its last update.
 */
final class UpdateMetrics implements Closeable {
    private final CsvLog csv;
    private final int tasks;
    private int count;
    private double policy;
    private double critic1;
    private double critic2;
    private double alphaLoss;
    private double masked;
    private double actorNorm;
    private double critic1Norm;
    private double critic2Norm;
    private double seconds;
    private UpdateStats last;

    UpdateMetrics(Path file, List<String> taskNames) throws IOException {
        this(file, taskNames, List.of());
    }

    /** With the rows of an earlier file kept (a resumed run keeps what it wrote up to its checkpoint). */
    UpdateMetrics(Path file, List<String> taskNames, List<List<String>> carriedRows) throws IOException {
        this.tasks = taskNames.size();
        List<String> header = new ArrayList<>(List.of("env_steps_per_task", "env_steps", "updates", "policy_loss",
                "critic1_loss", "critic2_loss", "alpha_loss", "masked_tasks", "actor_grad_norm", "critic1_grad_norm",
                "critic2_grad_norm", "seconds_per_update"));
        for (String t : taskNames) header.add("alpha_" + t);
        for (String t : taskNames) header.add("tau_" + t);
        this.csv = new CsvLog(file, header, carriedRows);
    }

    void add(UpdateStats s, double secondsForUpdate) {
        count++;
        policy += s.policyLoss();
        critic1 += s.criticLoss1();
        critic2 += s.criticLoss2();
        alphaLoss += s.alphaLoss();
        masked += s.maskedTasks();
        actorNorm += s.actorGradNorm();
        critic1Norm += s.critic1GradNorm();
        critic2Norm += s.critic2GradNorm();
        seconds += secondsForUpdate;
        last = s;
    }

    int pending() {
        return count;
    }

    /** The last update's stats, or null before the first. */
    UpdateStats last() {
        return last;
    }

    /** Writes the interval's row and starts a new interval; nothing when no update happened. */
    void flush(long stepsPerTask, long envSteps, long updates) {
        if (count == 0) return;
        Object[] row = new Object[12 + 2 * tasks];
        double c = count;
        Object[] head = {stepsPerTask, envSteps, updates, policy / c, critic1 / c, critic2 / c, alphaLoss / c, masked / c,
                actorNorm / c, critic1Norm / c, critic2Norm / c, seconds / c};
        System.arraycopy(head, 0, row, 0, head.length);
        for (int t = 0; t < tasks; t++) {
            row[12 + t] = last.alpha()[t];
            row[12 + tasks + t] = last.tau()[t];
        }
        csv.row(row);
        count = 0;
        policy = critic1 = critic2 = alphaLoss = masked = actorNorm = critic1Norm = critic2Norm = seconds = 0;
    }

    @Override
    public void close() throws IOException {
        csv.close();
    }
}
