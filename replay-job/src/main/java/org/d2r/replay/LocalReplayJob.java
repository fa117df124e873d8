package org.d2r.replay;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;

/**
 * A replay job running on an in-process MiniCluster. The MiniCluster lives as long as the job:
 * once the job ends (finished, failed or cancelled) it is shut down with it.
 */
public final class LocalReplayJob implements AutoCloseable {

    private final JobClient client;
    private final CompletableFuture<JobExecutionResult> result;

    LocalReplayJob(JobClient client) {
        this.client = client;
        this.result = client.getJobExecutionResult();
    }

    public JobID jobId() {
        return client.getJobID();
    }

    public boolean isDone() {
        return result.isDone();
    }

    /** Waits until the job is RUNNING; fails if it ends first. */
    public void awaitRunning(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (result.isDone()) {
                awaitFinished(Duration.ZERO); // rethrows the failure, if any
                throw new IllegalStateException("replay job " + client.getJobID() + " ended before it was seen running");
            }
            if (client.getJobStatus().get(10, TimeUnit.SECONDS) == JobStatus.RUNNING) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("replay job " + client.getJobID() + " not running after " + timeout.toSeconds() + " s");
    }

    /** Waits for a bounded job to finish; rethrows its failure. */
    public void awaitFinished(Duration timeout) throws Exception {
        try {
            result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("replay job " + client.getJobID() + " did not finish within "
                    + timeout.toSeconds() + " s (is the source unbounded?)", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("replay job " + client.getJobID() + " failed: " + e.getCause(), e.getCause());
        }
    }

    /** Cancels a job that is still running; checkpoints retained so far stay where configured. */
    @Override
    public void close() throws Exception {
        if (result.isDone()) {
            return;
        }
        try {
            client.cancel().get(30, TimeUnit.SECONDS);
            result.handle((r, e) -> null).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | IllegalStateException e) {
            // Ended on its own between the check and the cancel: nothing to stop.
            if (!result.isDone()) {
                throw e;
            }
        }
    }
}
