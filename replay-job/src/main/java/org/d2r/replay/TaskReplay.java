package org.d2r.replay;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.d2r.schemas.AvroCodec;
import org.d2r.schemas.DeadLetter;
import org.d2r.schemas.TaskStats;

/**
 * One task's replay window and statistics, keyed by task id: the slots and draws of the {@linkplain
 * org.d2r.replay batch contract}, so that batch i's rows depend on the task's stream prefix and the seed
 * alone. For batches of references the window holds each transition's offset, not the transition (8
 * bytes instead of about 400), and the task's stream must be one partition (see the contract).
 */
final class TaskReplay extends KeyedProcessFunction<Integer, AcceptedTransition, TaskSamples> {

    static final OutputTag<KeyedBytes> STATS = new OutputTag<>("task-stats") {};
    static final String STAGE = "replay-job/task-window";

    private final ReplayConfig config;
    /**
     * The current key's window size, set for each element from its state: the size it was built with, even
     * when the job is restored with another capacity (its slots cannot be rearranged).
     */
    private transient int window;
    private transient long warmup;
    private transient int step;

    private transient ValueState<Long> seen;
    private transient MapState<Integer, byte[]> slots;
    private transient MapState<Integer, Long> offsets;
    private transient ValueState<Integer> partition;
    private transient ValueState<int[]> shape;
    private transient ValueState<EpisodeStats> episodes;
    private transient AvroCodec<TaskStats> statsCodec;
    private transient AvroCodec<DeadLetter> deadLetterCodec;

    TaskReplay(ReplayConfig config) {
        this.config = config;
    }

    @Override
    public void open(OpenContext context) {
        seen = getRuntimeContext().getState(new ValueStateDescriptor<>("seen", Types.LONG));
        slots = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("window", Types.INT, PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        offsets = getRuntimeContext().getMapState(new MapStateDescriptor<>("window-offsets", Types.INT, Types.LONG));
        partition = getRuntimeContext().getState(new ValueStateDescriptor<>("partition", Types.INT));
        shape = getRuntimeContext().getState(
                new ValueStateDescriptor<>("shape", PrimitiveArrayTypeInfo.INT_PRIMITIVE_ARRAY_TYPE_INFO));
        episodes = getRuntimeContext().getState(
                new ValueStateDescriptor<>("episodes", TypeInformation.of(EpisodeStats.class)));
        statsCodec = AvroCodec.forType(TaskStats.class);
        deadLetterCodec = AvroCodec.forType(DeadLetter.class);
        warmup = config.warmupPerTask();
        step = config.stepPerTask();
    }

    @Override
    public void processElement(AcceptedTransition t, Context ctx, Collector<TaskSamples> out) throws Exception {
        int[] dims = shape.value();
        if (dims == null) {
            // The task's first transition fixes its shapes and window size: one window cannot mix observation sizes.
            window = config.windowPerTask();
            shape.update(new int[] {t.obsDim(), t.actionDim(), window});
        } else if (dims[0] != t.obsDim() || dims[1] != t.actionDim()) {
            deadLetter(ctx, t, "task " + t.taskId() + " transition has obs=" + t.obsDim() + ", action=" + t.actionDim()
                    + " but its window holds obs=" + dims[0] + ", action=" + dims[1]);
            return;
        } else {
            // a window from a checkpoint of an earlier release recorded no size: it has the configured one
            window = dims.length > 2 ? dims[2] : config.windowPerTask();
        }

        boolean byReference = windowOfReferences();
        if (byReference) {
            Integer p = partition.value();
            if (p == null) {
                partition.update(t.partition());
            } else if (p != t.partition()) {
                deadLetter(ctx, t, "task " + t.taskId() + " transition arrived on partition " + t.partition()
                        + " but the task's stream is on partition " + p + ": producers must key transitions by task id"
                        + " (batches of references name rows by one partition per task)");
                return;
            }
        }

        Long before = seen.value();
        long k = (before == null ? 0 : before) + 1;
        int slot = (int) ((k - 1) % window);
        if (byReference) {
            offsets.put(slot, t.offset());
        } else {
            slots.put(slot, t.payload());
        }
        seen.update(k);

        EpisodeStats stats = episodes.value();
        if (stats == null) {
            stats = EpisodeStats.empty(config.recentEpisodes());
        }
        stats.step(t.envId(), t.episode(), t.reward(), t.success(), t.truncated(), t.snapshotVersion());
        if (t.truncated()) {
            ctx.output(STATS, statsRecord(t, stats, k));
        }
        episodes.update(stats);

        if (k >= warmup && (k - warmup) % step == 0) {
            long sequence = (k - warmup) / step;
            int[] drawn = draws(t.taskId(), sequence, k);
            if (byReference) {
                // the window's start: the oldest transition's slot, the next one to be overwritten
                long windowStart = slotOffset(k <= window ? 0 : (int) (k % window));
                long[] rows = new long[drawn.length];
                for (int j = 0; j < drawn.length; j++) {
                    rows[j] = slotOffset(drawn[j]);
                }
                out.collect(new TaskSamples(t.taskId(), sequence, k, t.partition(), t.offset(), windowStart, null, rows));
            } else {
                byte[][] rows = new byte[drawn.length][];
                for (int j = 0; j < drawn.length; j++) {
                    rows[j] = slots.get(drawn[j]);
                }
                out.collect(new TaskSamples(t.taskId(), sequence, k, t.partition(), t.offset(), -1, rows, null));
            }
        }
    }

    private void deadLetter(Context ctx, AcceptedTransition t, String reason) {
        ctx.output(DecodeTransitions.DEAD_LETTERS, DecodeTransitions.deadLetter(deadLetterCodec, config.topics().transitions(),
                t.partition(), t.offset(), t.key(), t.payload(), reason, STAGE));
    }

    /**
     * Whether this task's window holds offsets. A window of offsets records its partition with its
     * first transition, so a job restored from a checkpoint keeps the form its windows were built in
     * whatever it is now started with; only a window with nothing in it yet takes the job's setting.
     */
    private boolean windowOfReferences() throws Exception {
        if (partition.value() != null) {
            return true;
        }
        Long stored = seen.value();
        return (stored == null || stored == 0) && config.batchRows() == ReplayConfig.BatchRows.REFERENCES;
    }

    /** Sub-batch {@code sequence}'s draws: slots of the filled window, from a generator seeded by (seed, task, sequence). */
    private int[] draws(int taskId, long sequence, long k) {
        int filled = (int) Math.min(k, window);
        SplittableRandom rng = new SplittableRandom(samplerSeed(config.seed(), taskId, sequence));
        int[] slotsDrawn = new int[config.rowsPerTask()];
        for (int j = 0; j < slotsDrawn.length; j++) {
            slotsDrawn[j] = rng.nextInt(filled);
        }
        return slotsDrawn;
    }

    private long slotOffset(int slot) throws Exception {
        Long o = offsets.get(slot);
        if (o == null) {
            throw new IllegalStateException("task window slot " + slot + " holds no offset although the window is full"
                    + " that far: the job's state is damaged; restore an earlier checkpoint or start afresh");
        }
        return o;
    }

    /** Distinct, well-mixed seeds per (seed, task, batch); SplittableRandom mixes its seed further. */
    static long samplerSeed(long seed, int taskId, long sequence) {
        long h = seed * 0x9E3779B97F4A7C15L + taskId;
        h = (h ^ (h >>> 31)) * 0xBF58476D1CE4E5B9L + sequence;
        return h ^ (h >>> 29);
    }

    private KeyedBytes statsRecord(AcceptedTransition t, EpisodeStats s, long k) {
        TaskStats record = TaskStats.newBuilder()
                .setRunId(config.runId()).setTaskId(t.taskId()).setTaskName(t.taskName())
                .setTransitions(k).setWindowSize((int) Math.min(k, window))
                .setEpisodes(s.episodes).setRecentEpisodes(s.recentCount())
                .setSuccessRate(s.successRate()).setMeanReturn(s.meanReturn())
                .setLastSnapshotVersion(s.lastSnapshotVersion)
                .build();
        return new KeyedBytes(ByteBuffer.allocate(4).putInt(t.taskId()).array(), statsCodec.encode(record));
    }
}
