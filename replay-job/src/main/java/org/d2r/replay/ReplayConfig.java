package org.d2r.replay;

import java.io.Serializable;
import java.time.Duration;
import java.util.Map;
import org.d2r.schemas.Topics;
import org.d2r.schemas.kafka.KafkaClientProperties;

/**
 * Settings of the replay job. Counts are in transitions over all tasks, as in the paper
 * (d2r.md section 6); the job turns them into per-task shares.
 *
 * @param topicPrefix          prefix of the pipeline's topic names ({@link Topics#withPrefix})
 * @param runId                written into every batch and statistic
 * @param tasks                N, the number of tasks (task ids 0..N-1)
 * @param capacity             replay capacity over all tasks; each task keeps the newest capacity / N
 * @param warmup               transitions stored (over all tasks) before the first batch
 * @param transitionsPerUpdate new transitions (over all tasks) per training batch: the replay ratio
 * @param rowsPerTask          rows sampled per task and batch (128 in the paper)
 * @param seed                 seed of the batch sampler
 * @param recentEpisodes       episodes the per-task success rate and return are computed over
 * @param groupId              Kafka consumer group of the transitions source
 * @param bounded              stop at the transitions topic's end offsets as of the job's start
 *                             (replaying a recorded stream) instead of running forever
 * @param checkpointInterval   Flink checkpoint interval; the sinks flush at each checkpoint
 * @param checkpointDir        where checkpoints are kept (file URI or path), retained when the job is
 *                             cancelled; null: a temporary folder whose checkpoints go with the job
 * @param restoreFrom          checkpoint or savepoint path to resume from; null: fresh start
 * @param clientProperties     Kafka client properties (security settings) for the job's source and sinks;
 *                             keys the job sets for correctness are refused ({@link KafkaClientProperties})
 */
public record ReplayConfig(String bootstrapServers, String topicPrefix, String runId, int tasks, long capacity,
                           long warmup, int transitionsPerUpdate, int rowsPerTask, long seed, int recentEpisodes,
                           String groupId, boolean bounded, Duration checkpointInterval, String checkpointDir,
                           String restoreFrom, Map<String, String> clientProperties, BatchRows batchRows)
        implements Serializable {

    /**
     * How a training batch carries its rows. With {@link #REFERENCES} a batch names each row's
     * partition and offset in the transitions topic (about 4 bytes a row) and the reader resolves
     * them from its own copy of the windows, read from the same topic; the replay job's windows
     * then hold offsets, not transitions. {@link #INLINE} copies every row into the batch (about
     * 400 bytes a row, 128 rows per new transition at the paper's ratio): self-contained batches
     * for a consumer that cannot read the transitions topic, at roughly 100 times the bytes.
     */
    public enum BatchRows {
        REFERENCES, INLINE;

        public static BatchRows parse(String s) {
            return java.util.Arrays.stream(values()).filter(b -> b.name().equalsIgnoreCase(s)).findFirst().orElseThrow(
                    () -> new IllegalArgumentException("batch rows must be 'references' or 'inline', got '" + s + "'"));
        }
    }

    public ReplayConfig {
        clientProperties = KafkaClientProperties.checked(clientProperties); // Map.copyOf: immutable and serializable
        require(bootstrapServers != null && !bootstrapServers.isBlank(), "bootstrapServers is empty: pass host:port of a Kafka broker");
        require(tasks >= 1, "tasks must be >= 1, got " + tasks);
        require(capacity >= tasks, "capacity " + capacity + " is smaller than the task count " + tasks + ": each task needs a window");
        require(warmup >= 0, "warmup must be >= 0, got " + warmup);
        require(transitionsPerUpdate >= tasks && transitionsPerUpdate % tasks == 0,
                "transitionsPerUpdate " + transitionsPerUpdate + " must be a positive multiple of the task count " + tasks
                        + " (each task contributes the same number of new transitions per update; the paper's value is N)");
        require(rowsPerTask >= 1, "rowsPerTask must be >= 1, got " + rowsPerTask);
        require(recentEpisodes >= 1, "recentEpisodes must be >= 1, got " + recentEpisodes);
        require(capacity / tasks <= Integer.MAX_VALUE, "capacity / tasks exceeds a window's limit of " + Integer.MAX_VALUE);
        require(checkpointInterval != null && !checkpointInterval.isNegative() && !checkpointInterval.isZero(),
                "checkpointInterval must be positive");
        Topics.withPrefix(topicPrefix == null ? "" : topicPrefix); // validates the names
        require(groupId != null && !groupId.isBlank(), "groupId is empty");
        require(batchRows != null, "batchRows is null: pass REFERENCES or INLINE");
    }

    /**
     * The windows and batches a run trains with, whoever starts the job (bin/d2r train, the replay-job
     * command, a Flink cluster): the release's replay of 1e6 transitions for MT10 and 1e7 for MT50, as each
     * task's share (100,000 a task up to ten tasks, 200,000 beyond) so a subset keeps the paper's window per
     * task; the first batch after the warm-up of random actions (never below the minimum of stored
     * transitions, nor below one batch); the given rows per task; a checkpoint every 60 s (the heap state
     * backend writes the whole windows, about 400 bytes x capacity, at each). Plain numbers, not the
     * learner's config: the job's jar for a Flink cluster carries no learner classes.
     *
     * @param warmupStepsPerTask random actions per task before learning (SacConfig.warmupStepsPerTask)
     * @param minTransitions     no batch before this many transitions are stored (SacConfig.minTransitions)
     * @param rowsPerTask        rows per task in a batch (SacConfig.batchPerTask)
     */
    public static ReplayConfig forRun(String bootstrapServers, String runId, int tasks, long seed, int warmupStepsPerTask,
                                      int minTransitions, int rowsPerTask) {
        long capacity = (tasks <= 10 ? 100_000L : 200_000L) * Math.max(1, tasks);
        long warmup = Math.max(Math.max(minTransitions, (long) warmupStepsPerTask * tasks), (long) rowsPerTask * tasks);
        return new ReplayConfig(bootstrapServers, "", runId, tasks, capacity, warmup, tasks, rowsPerTask, seed, 10,
                "d2r-replay-" + runId, false, Duration.ofSeconds(60), null, null, Map.of(), BatchRows.REFERENCES);
    }

    public Topics topics() {
        return Topics.withPrefix(topicPrefix == null ? "" : topicPrefix);
    }

    public int windowPerTask() {
        return (int) (capacity / tasks);
    }

    /** A task's share of the warm-up, rounded up so that the whole warm-up is stored before batch 0. */
    public long warmupPerTask() {
        return Math.max(1, (warmup + tasks - 1) / tasks);
    }

    /** New transitions of one task between two of its sub-batches. */
    public int stepPerTask() {
        return transitionsPerUpdate / tasks;
    }

    public ReplayConfig withCheckpoints(Duration interval, String dir, String restoreFrom) {
        return new ReplayConfig(bootstrapServers, topicPrefix, runId, tasks, capacity, warmup, transitionsPerUpdate,
                rowsPerTask, seed, recentEpisodes, groupId, bounded, interval, dir, restoreFrom, clientProperties, batchRows);
    }

    public ReplayConfig withClientProperties(Map<String, String> props) {
        return new ReplayConfig(bootstrapServers, topicPrefix, runId, tasks, capacity, warmup, transitionsPerUpdate,
                rowsPerTask, seed, recentEpisodes, groupId, bounded, checkpointInterval, checkpointDir, restoreFrom, props, batchRows);
    }

    public ReplayConfig withBatchRows(BatchRows rows) {
        return new ReplayConfig(bootstrapServers, topicPrefix, runId, tasks, capacity, warmup, transitionsPerUpdate,
                rowsPerTask, seed, recentEpisodes, groupId, bounded, checkpointInterval, checkpointDir, restoreFrom,
                clientProperties, rows);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("replay job: " + message);
        }
    }
}
