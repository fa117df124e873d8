package org.d2r.replay;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.d2r.schemas.SourcePosition;
import org.d2r.schemas.TrainingBatch;
import org.d2r.schemas.TrainingBatchWriter;

/**
 * Joins the N tasks' sub-batches of one sequence number into one {@link TrainingBatch}, keyed
 * by sequence. Rows are laid out by task id whatever order the parts arrive in, so the batch
 * is as deterministic as its parts. A batch still incomplete after a while gets a warning that
 * names the tasks it waits for; it is never emitted incomplete.
 */
final class BatchAssembler extends KeyedProcessFunction<Long, TaskSamples, KeyedBytes> {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(BatchAssembler.class);
    static final long STALL_WARNING_MS = 60_000;

    private final ReplayConfig config;

    private transient MapState<Integer, TaskSamples> parts;
    private transient ValueState<Integer> received;
    private transient TrainingBatchWriter batches;

    BatchAssembler(ReplayConfig config) {
        this.config = config;
    }

    @Override
    public void open(OpenContext context) {
        parts = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("parts", Types.INT, TypeInformation.of(TaskSamples.class)));
        received = getRuntimeContext().getState(new ValueStateDescriptor<>("received", Types.INT));
        batches = new TrainingBatchWriter();
    }

    @Override
    public void processElement(TaskSamples part, Context ctx, Collector<KeyedBytes> out) throws Exception {
        Integer count = received.value();
        if (count == null) {
            count = 0;
            ctx.timerService().registerProcessingTimeTimer(ctx.timerService().currentProcessingTime() + STALL_WARNING_MS);
        }
        if (parts.contains(part.taskId())) {
            throw new IllegalStateException("batch " + part.sequence() + " got task " + part.taskId() + "'s part twice");
        }
        parts.put(part.taskId(), part);
        received.update(++count);
        int tasks = config.tasks();
        int rowsPerTask = config.rowsPerTask();
        if (count < tasks) {
            return;
        }
        List<SourcePosition> sources = new ArrayList<>(tasks);
        List<byte[]> rows = new ArrayList<>(tasks * rowsPerTask);
        int[] partitions = null;
        long[] offsets = null;
        for (int task = 0; task < tasks; task++) {
            TaskSamples p = parts.get(task);
            if ((p.offsets() != null) != (parts.get(0).offsets() != null)) {
                throw new IllegalStateException("batch " + part.sequence() + ": task 0's part carries "
                        + (parts.get(0).offsets() != null ? "references" : "rows") + ", task " + task + "'s the other;"
                        + " restore the job from a checkpoint whose windows all have one form, or start afresh");
            }
            sources.add(new SourcePosition(task, p.transitionsSeen(), p.partition(), p.offset(), p.windowStart()));
            if (p.offsets() != null) {
                if (offsets == null) {
                    partitions = new int[tasks * rowsPerTask];
                    offsets = new long[tasks * rowsPerTask];
                }
                Arrays.fill(partitions, task * rowsPerTask, (task + 1) * rowsPerTask, p.partition());
                System.arraycopy(p.offsets(), 0, offsets, task * rowsPerTask, rowsPerTask);
            } else {
                // Rows stay encoded: they were decoded once on arrival, the batch splices their bytes.
                rows.addAll(Arrays.asList(p.rows()));
            }
        }
        byte[] batch = offsets != null
                ? batches.encodeReferences(config.runId(), part.sequence(), config.seed(), rowsPerTask, sources, partitions, offsets)
                : batches.encode(config.runId(), part.sequence(), config.seed(), rowsPerTask, rows, sources);
        out.collect(new KeyedBytes(ByteBuffer.allocate(8).putLong(part.sequence()).array(), batch));
        parts.clear();
        received.clear();
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<KeyedBytes> out) throws Exception {
        if (received.value() == null) {
            return; // completed in time
        }
        List<Integer> missing = new ArrayList<>();
        for (int task = 0; task < config.tasks(); task++) {
            if (!parts.contains(task)) {
                missing.add(task);
            }
        }
        LOG.warn("training batch {} has waited {} s for tasks {}: their producers are behind or stopped",
                ctx.getCurrentKey(), STALL_WARNING_MS / 1000, missing);
        ctx.timerService().registerProcessingTimeTimer(timestamp + STALL_WARNING_MS);
    }
}
