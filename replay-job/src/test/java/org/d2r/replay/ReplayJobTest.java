package org.d2r.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.d2r.infra.kafka.Broker;
import org.d2r.infra.kafka.KafkaTopics;
import org.d2r.infra.kafka.KeyedRecord;
import org.d2r.infra.kafka.TopicLayout;
import org.d2r.kafka.ReplayBatchReader;
import org.d2r.schemas.AvroCodec;
import org.d2r.schemas.DeadLetter;
import org.d2r.schemas.SourcePosition;
import org.d2r.schemas.SyntheticTransitions;
import org.d2r.schemas.TaskStats;
import org.d2r.schemas.Topics;
import org.d2r.schemas.TrainingBatch;
import org.d2r.schemas.Transition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The replay job on a real (embedded) broker and a MiniCluster, replaying recorded streams. */
class ReplayJobTest {

    @RegisterExtension
    static final Broker kafka = new Broker();
    private static final AvroCodec<Transition> TRANSITIONS = AvroCodec.forType(Transition.class);
    private static final AvroCodec<TrainingBatch> BATCHES = AvroCodec.forType(TrainingBatch.class);

    private static ReplayConfig config(String prefix, int tasks, long capacity, long warmup, int rows, long seed) {
        return new ReplayConfig(kafka.bootstrapServers(), prefix, "test", tasks, capacity, warmup, tasks, rows, seed, 3,
                "g", true, Duration.ofSeconds(1), null, null, Map.of(), ReplayConfig.BatchRows.REFERENCES);
    }

    /** The config with the fields these tests vary. */
    private static ReplayConfig vary(ReplayConfig c, long capacity, long seed, boolean bounded, String groupId) {
        return new ReplayConfig(c.bootstrapServers(), c.topicPrefix(), c.runId(), c.tasks(), capacity, c.warmup(),
                c.transitionsPerUpdate(), c.rowsPerTask(), seed, c.recentEpisodes(), groupId, bounded,
                c.checkpointInterval(), c.checkpointDir(), c.restoreFrom(), c.clientProperties(), c.batchRows());
    }

    private static ReplayConfig bounded(ReplayConfig c, boolean bounded, String groupId) {
        return vary(c, c.capacity(), c.seed(), bounded, groupId);
    }

    private static Topics layout(String prefix) {
        Topics topics = Topics.withPrefix(prefix);
        try (Admin admin = kafka.admin()) {
            TopicLayout.create(admin, topics, new TopicLayout.Settings(2, (short) 1));
        }
        return topics;
    }

    private static KeyedRecord keyed(Transition t) {
        return new KeyedRecord(ByteBuffer.allocate(4).putInt(t.getTaskId()).array(), TRANSITIONS.encode(t));
    }

    /** Tasks' streams interleaved step by step, as lock-stepped producers would write them. */
    private static List<Transition> recording(int tasks, int perTask, int episodeLength) {
        List<SyntheticTransitions> sources = new ArrayList<>();
        for (int t = 0; t < tasks; t++) {
            sources.add(new SyntheticTransitions("test", t, 5, episodeLength));
        }
        List<Transition> out = new ArrayList<>();
        for (int i = 0; i < perTask; i++) {
            for (SyntheticTransitions s : sources) {
                out.add(s.next());
            }
        }
        return out;
    }

    private static void runBounded(ReplayConfig config) throws Exception {
        runBounded(config, 2);
    }

    private static void runBounded(ReplayConfig config, int parallelism) throws Exception {
        try (LocalReplayJob job = ReplayJob.startLocal(config, parallelism)) {
            job.awaitFinished(Duration.ofMinutes(2));
        }
    }

    @Test
    void replayingARecordingTwiceGivesIdenticalBatchesAtTheReplayRatio() throws Exception {
        int tasks = 3;
        int perTask = 60;
        int window = 20;
        Topics topics = layout("det.");
        List<Transition> recorded = recording(tasks, perTask, 1000);
        KafkaTopics.write(kafka.bootstrapServers(), topics.transitions(), recorded.stream().map(ReplayJobTest::keyed).toList());

        // Warm-up 30 over 3 tasks: 10 per task; one batch per 3 new transitions = one per task step.
        ReplayConfig config = config("det.", tasks, (long) window * tasks, 30, 8, 42);
        runBounded(bounded(config, true, "det-1"));
        int expected = perTask - 10 + 1;
        List<ConsumerRecord<byte[], byte[]>> first = KafkaTopics.readAll(kafka.bootstrapServers(), topics.replayBatches(), expected);
        assertEquals(expected, first.size(), "one batch per N new transitions after the warm-up");

        // The second replay runs with another parallelism: batches must not depend on it.
        runBounded(bounded(config, true, "det-2"), 1);
        List<ConsumerRecord<byte[], byte[]>> both = KafkaTopics.readAll(kafka.bootstrapServers(), topics.replayBatches(), 2 * expected);
        assertEquals(2 * expected, both.size());
        for (int i = 0; i < expected; i++) {
            assertArrayEquals(both.get(i).value(), both.get(expected + i).value(), "batch " + i + " differs between replays");
        }

        // The batches name their rows (references, the default); the learner's reader resolves them from the
        // transitions topic, and the rows are those the window held at each batch.
        List<TrainingBatch> resolved = readResolved(topics, "det-reader", expected);
        Set<String> distinctRows = new HashSet<>();
        for (int i = 0; i < expected; i++) {
            TrainingBatch raw = BATCHES.decode(first.get(i).value());
            assertEquals(i, raw.getSequence(), "batches leave in sequence");
            assertEquals(0, raw.getRows().size(), "a batch of references carries no rows");
            assertEquals(tasks * 8, raw.getRefs().size());
            TrainingBatch b = resolved.get(i);
            assertEquals(i, b.getSequence());
            assertEquals(tasks * 8, b.getRows().size());
            for (int task = 0; task < tasks; task++) {
                SourcePosition src = b.getSources().get(task);
                long seen = 10 + i;
                assertEquals(seen, src.getTransitionsSeen(), "task " + task + " count at batch " + i);
                for (Transition row : b.getRows().subList(task * 8, (task + 1) * 8)) {
                    assertEquals(task, row.getTaskId(), "rows are laid out by task id");
                    // The window holds the task's newest `window` transitions: indices seen-window .. seen-1.
                    long index = row.getEpisode() * 1000 + row.getStep();
                    assertTrue(index < seen && index >= seen - window, "row " + index + " outside the window at " + seen);
                    distinctRows.add(task + ":" + index);
                }
                for (org.d2r.schemas.TransitionRef ref : raw.getRefs().subList(task * 8, (task + 1) * 8)) {
                    assertTrue(ref.getOffset() >= src.getWindowStart() && ref.getOffset() <= src.getOffset(),
                            "reference " + ref + " outside the window start..newest of task " + task + ": " + src);
                }
            }
        }
        assertTrue(distinctRows.size() > tasks * window / 2, "sampling must spread over the windows");

        // Another seed draws other rows from the same windows.
        runBounded(vary(config, config.capacity(), 43, true, "det-3"));
        List<ConsumerRecord<byte[], byte[]>> all = KafkaTopics.readAll(kafka.bootstrapServers(), topics.replayBatches(), 3 * expected);
        assertEquals(3 * expected, all.size());
        int differing = 0;
        for (int i = 0; i < expected; i++) {
            differing += java.util.Arrays.equals(all.get(i).value(), all.get(2 * expected + i).value()) ? 0 : 1;
        }
        assertTrue(differing > expected / 2, "the seed must matter, only " + differing + " batches differ");

        // Inline rows: the same rows the references name, carried in the batch (the two forms are one contract).
        runBounded(bounded(config.withBatchRows(ReplayConfig.BatchRows.INLINE), true, "det-4"));
        List<ConsumerRecord<byte[], byte[]>> withInline = KafkaTopics.readAll(kafka.bootstrapServers(), topics.replayBatches(),
                4 * expected);
        assertEquals(4 * expected, withInline.size());
        for (int i = 0; i < expected; i++) {
            TrainingBatch inline = BATCHES.decode(withInline.get(3 * expected + i).value());
            assertTrue(inline.getRefs().isEmpty());
            assertEquals(resolved.get(i).getRows(), inline.getRows(), "batch " + i + ": inline rows differ from resolved references");
            for (int task = 0; task < tasks; task++) {
                assertEquals(-1L, inline.getSources().get(task).getWindowStart());
                SourcePosition r = resolved.get(i).getSources().get(task);
                SourcePosition in = inline.getSources().get(task);
                assertEquals(List.of(r.getTransitionsSeen(), r.getOffset()), List.of(in.getTransitionsSeen(), in.getOffset()));
            }
        }
    }

    /** The first {@code n} batches as the learner's reader hands them out. */
    private static List<TrainingBatch> readResolved(Topics topics, String group, int n) {
        List<TrainingBatch> out = new ArrayList<>();
        try (ReplayBatchReader reader = new ReplayBatchReader(kafka.bootstrapServers(), topics, group, -1)) {
            for (int i = 0; i < n; i++) {
                TrainingBatch b = reader.next(Duration.ofSeconds(30));
                assertTrue(b != null, "batch " + i + " did not arrive");
                out.add(b);
            }
        }
        return out;
    }

    @Test
    void aTasksTransitionOnAnotherPartitionIsADeadLetterWhenBatchesNameRows() throws Exception {
        int tasks = 2;
        Topics topics = layout("part.");
        List<Transition> recorded = recording(tasks, 30, 1000);
        KafkaTopics.write(kafka.bootstrapServers(), topics.transitions(), recorded.stream().map(ReplayJobTest::keyed).toList());
        int home = KafkaTopics.readAll(kafka.bootstrapServers(), topics.transitions(), recorded.size()).stream()
                .filter(r -> TRANSITIONS.decode(r.value()).getTaskId() == 1).findFirst().orElseThrow().partition();
        try (LocalReplayJob job = ReplayJob.startLocal(bounded(config("part.", tasks, 40, 10, 4, 1), false, "part-1"), 2)) {
            // the task's stream is established (batches made) before the stray record arrives
            assertEquals(26, KafkaTopics.readAll(kafka.bootstrapServers(), topics.replayBatches(), 26).size());
            Transition stray = Transition.newBuilder(recorded.get(recorded.size() - 1)).setStep(999).build();
            KafkaTopics.writeTo(kafka.bootstrapServers(), topics.transitions(), 1 - home, List.of(keyed(stray)));
            List<ConsumerRecord<byte[], byte[]>> dead = KafkaTopics.readAll(kafka.bootstrapServers(), topics.deadLetters(), 1);
            assertEquals(1, dead.size());
            String reason = AvroCodec.forType(DeadLetter.class).decode(dead.get(0).value()).getReason();
            assertTrue(reason.contains("arrived on partition " + (1 - home)) && reason.contains("key transitions by task id"),
                    reason);
        }
    }

    @Test
    void malformedRecordsGoToDeadLettersAndTheJobGoesOn() throws Exception {
        int tasks = 2;
        Topics topics = layout("dl.");
        List<Transition> recorded = recording(tasks, 40, 10);
        List<KeyedRecord> records = new ArrayList<>();
        for (int i = 0; i < recorded.size(); i++) {
            records.add(keyed(recorded.get(i)));
            if (i == 20) {
                records.add(new KeyedRecord(new byte[] {0, 0, 0, 0}, "garbage".getBytes()));
                Transition wrongTask = Transition.newBuilder(recorded.get(i)).setTaskId(7).build();
                records.add(new KeyedRecord(new byte[] {0, 0, 0, 7}, TRANSITIONS.encode(wrongTask)));
                Transition wrongShape = Transition.newBuilder(recorded.get(i))
                        .setObs(recorded.get(i).getObs().subList(0, 5)).setNextObs(recorded.get(i).getObs().subList(0, 5)).build();
                records.add(keyed(wrongShape));
            }
        }
        KafkaTopics.write(kafka.bootstrapServers(), topics.transitions(), records);

        runBounded(bounded(config("dl.", tasks, 100, 10, 4, 1), true, "dl-1"));

        List<ConsumerRecord<byte[], byte[]>> dead = KafkaTopics.readAll(kafka.bootstrapServers(), topics.deadLetters(), 3);
        assertEquals(3, dead.size());
        AvroCodec<DeadLetter> dl = AvroCodec.forType(DeadLetter.class);
        List<String> reasons = dead.stream().map(r -> dl.decode(r.value()).getReason()).sorted().toList();
        assertTrue(reasons.stream().anyMatch(r -> r.contains("not an Avro single-object")), reasons.toString());
        assertTrue(reasons.stream().anyMatch(r -> r.contains("task id 7 outside 0..1")), reasons.toString());
        assertTrue(reasons.stream().anyMatch(r -> r.contains("obs=5")), reasons.toString());
        for (ConsumerRecord<byte[], byte[]> r : dead) {
            DeadLetter d = dl.decode(r.value());
            assertEquals(topics.transitions(), d.getSourceTopic());
            assertTrue(d.getValue() != null && d.getValue().remaining() > 0, "the raw bytes are kept");
        }

        // Every good record still counted: 40 per task, warm-up 5 per task, one batch per task step.
        List<ConsumerRecord<byte[], byte[]>> batches = KafkaTopics.readAll(kafka.bootstrapServers(), topics.replayBatches(), 36);
        assertEquals(40 - 5 + 1, batches.size());

        // Statistics at each episode end (10 steps): 4 episodes per task, rates over the last 3.
        AvroCodec<TaskStats> sc = AvroCodec.forType(TaskStats.class);
        List<TaskStats> stats = KafkaTopics.readAll(kafka.bootstrapServers(), topics.taskStats(), 8).stream()
                .map(r -> sc.decode(r.value())).toList();
        assertEquals(8, stats.size());
        for (int task = 0; task < tasks; task++) {
            final int t = task;
            List<Transition> mine = recorded.stream().filter(x -> x.getTaskId() == t).toList();
            TaskStats last = stats.stream().filter(s -> s.getTaskId() == t).reduce((a, b) -> b).orElseThrow();
            assertEquals(4, last.getEpisodes());
            assertEquals(3, last.getRecentEpisodes());
            double ret = 0;
            int successes = 0;
            for (int ep = 1; ep < 4; ep++) {
                final int e = ep;
                List<Transition> episode = mine.stream().filter(x -> x.getEpisode() == e).toList();
                ret += episode.stream().mapToDouble(Transition::getReward).sum();
                successes += episode.stream().anyMatch(Transition::getSuccess) ? 1 : 0;
            }
            assertEquals(ret / 3, last.getMeanReturn(), 1e-3);
            assertEquals(successes / 3f, last.getSuccessRate(), 1e-6);
        }
    }
    @Test
    void statisticsKeepEachEnvironmentsEpisodeApartAndDropACutOffOne() throws Exception {
        // one task, two environments stepped in lockstep: env 0 runs 5-step episodes, env 1 3-step ones;
        // env 1's episode 2 is cut off after 2 steps (its producer restarted) and it goes on with episode 7
        Topics topics = layout("envs.");
        SyntheticTransitions base = new SyntheticTransitions("test", 0, 9, 1000);
        List<KeyedRecord> records = new ArrayList<>();
        List<Transition> closed = new ArrayList<>();
        List<Transition> all = new ArrayList<>();
        int[][] plan = {{0, 5}, {1, 3}};
        long[] episode = {0, 0};
        int[] step = {0, 0};
        for (int i = 0; i < 20; i++) {
            for (int[] env : plan) {
                int e = env[0];
                if (e == 1 && episode[1] == 2 && step[1] == 2) {
                    episode[1] = 7;
                    step[1] = 0;
                }
                boolean last = step[e] == env[1] - 1;
                Transition t = Transition.newBuilder(base.next()).setEnvId(e).setEpisode(episode[e]).setStep(step[e])
                        .setReward(1 + e * 10 + step[e]).setSuccess(e == 1 && last).setTruncated(last).build();
                all.add(t);
                records.add(keyed(t));
                if (last) {
                    closed.add(t);
                    episode[e]++;
                    step[e] = 0;
                } else {
                    step[e]++;
                }
            }
        }
        KafkaTopics.write(kafka.bootstrapServers(), topics.transitions(), records);
        runBounded(bounded(config("envs.", 1, 100, 10, 4, 1), true, "envs-1"));

        AvroCodec<TaskStats> sc = AvroCodec.forType(TaskStats.class);
        List<TaskStats> stats = KafkaTopics.readAll(kafka.bootstrapServers(), topics.taskStats(), closed.size()).stream()
                .map(r -> sc.decode(r.value())).toList();
        assertEquals(closed.size(), stats.size(), "one statistics record per closed episode");
        // after each closed episode: the mean over the last (up to) 3, each episode summed over its own
        // environment and index only, so episode 7 of env 1 holds its own 3 steps, not the cut-off 2 before
        for (int i = 0; i < closed.size(); i++) {
            double ret = 0;
            int successes = 0;
            int from = Math.max(0, i - 2);
            for (Transition end : closed.subList(from, i + 1)) {
                ret += all.stream().filter(x -> x.getEnvId() == end.getEnvId() && x.getEpisode() == end.getEpisode())
                        .mapToDouble(Transition::getReward).sum();
                successes += end.getSuccess() ? 1 : 0;
            }
            int n = i + 1 - from;
            assertEquals(i + 1, stats.get(i).getEpisodes());
            assertEquals(ret / n, stats.get(i).getMeanReturn(), 1e-3, "mean return after closed episode " + i);
            assertEquals(successes / (float) n, stats.get(i).getSuccessRate(), 1e-6);
        }
        assertTrue(closed.stream().anyMatch(t -> t.getEnvId() == 1 && t.getEpisode() == 7), "the plan closes env 1's episode 7");
    }

    /** The newest completed checkpoint of {@code job} under {@code dir}, or null. */
    private static Path latestCheckpoint(Path dir, LocalReplayJob job) throws IOException {
        Path jobDir = dir.resolve(job.jobId().toString());
        if (!Files.isDirectory(jobDir)) {
            return null;
        }
        try (Stream<Path> chks = Files.list(jobDir)) {
            return chks.filter(p -> p.getFileName().toString().startsWith("chk-"))
                    .filter(p -> Files.exists(p.resolve("_metadata")))
                    .max(Comparator.comparingInt(p -> Integer.parseInt(p.getFileName().toString().substring(4))))
                    .orElse(null);
        }
    }

    private static Map<Long, List<byte[]>> bySequence(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<Long, List<byte[]>> out = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            out.computeIfAbsent(BATCHES.decode(r.value()).getSequence(), k -> new ArrayList<>()).add(r.value());
        }
        return out;
    }

    @Test
    void aJobRestoredFromItsCheckpointContinuesWithTheSameBatches(@TempDir Path checkpoints) throws Exception {
        int tasks = 2;
        Topics topics = layout("rs.");
        List<Transition> recorded = recording(tasks, 60, 1000);
        List<KeyedRecord> all = recorded.stream().map(ReplayJobTest::keyed).toList();
        KafkaTopics.write(kafka.bootstrapServers(), topics.transitions(), all.subList(0, all.size() / 2));

        // Warm-up 5 per task: 30 per task make batches 0..25.
        ReplayConfig live = bounded(config("rs.", tasks, 40, 10, 4, 9), false, "rs-live")
                .withCheckpoints(Duration.ofMillis(300), checkpoints.toUri().toString(), null);
        Path restorePoint;
        try (LocalReplayJob first = ReplayJob.startLocal(live, 2)) {
            assertEquals(26, KafkaTopics.readAll(kafka.bootstrapServers(), topics.replayBatches(), 26).size());
            // A checkpoint completed after the first half was processed, so the restored job continues from there.
            Path seenAtHalf = latestCheckpoint(checkpoints, first);
            long deadline = System.currentTimeMillis() + 30_000;
            do {
                Thread.sleep(200);
                restorePoint = latestCheckpoint(checkpoints, first);
            } while ((restorePoint == null || restorePoint.equals(seenAtHalf)) && System.currentTimeMillis() < deadline);
            assertTrue(restorePoint != null, "no checkpoint completed under " + checkpoints);
        }

        KafkaTopics.write(kafka.bootstrapServers(), topics.transitions(), all.subList(all.size() / 2, all.size()));
        // restored with the other batch form and another capacity asked for: the windows keep the form and the
        // size they were built with (their slots cannot be rearranged)
        try (LocalReplayJob resumed = ReplayJob.startLocal(vary(live.withBatchRows(ReplayConfig.BatchRows.INLINE),
                2 * live.capacity(), live.seed(), live.bounded(), live.groupId())
                .withCheckpoints(Duration.ofMillis(300), checkpoints.toUri().toString(), restorePoint.toUri().toString()), 2)) {
            long deadline = System.currentTimeMillis() + 60_000;
            while (bySequence(KafkaTopics.readAll(kafka.bootstrapServers(), topics.replayBatches(), 56)).size() < 56
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(500);
            }
        }
        Map<Long, List<byte[]>> afterRestart = bySequence(KafkaTopics.readAll(kafka.bootstrapServers(), topics.replayBatches(), 56));
        assertEquals(56, afterRestart.size(), "batches 0..55, none lost across the restart");
        // Restored, not restarted from scratch: the batches before the checkpoint were not made again.
        for (long seq = 0; seq < 26; seq++) {
            assertEquals(1, afterRestart.get(seq).size(), "batch " + seq + " re-emitted: the job did not resume from its checkpoint");
        }
        // The restored windows were the checkpointed ones: a fresh replay of the whole recording gives the same batches.
        runBounded(bounded(config("rs.", tasks, 40, 10, 4, 9), true, "rs-fresh"));
        Map<Long, List<byte[]>> withFresh = bySequence(KafkaTopics.readAll(kafka.bootstrapServers(), topics.replayBatches(), 112));
        assertEquals(afterRestart.keySet(), withFresh.keySet());
        for (Map.Entry<Long, List<byte[]>> e : withFresh.entrySet()) {
            assertTrue(e.getValue().size() >= 2, "batch " + e.getKey() + " missing from one of the runs");
            for (byte[] copy : e.getValue()) {
                assertArrayEquals(e.getValue().get(0), copy, "batch " + e.getKey() + " differs between the restored and the fresh run");
            }
        }
    }
    @Test
    void learnerReaderHandsOutEachSequenceOnceAndResumesAfterItsLastApplied() throws Exception {
        Topics topics = layout("rd.");
        AvroCodec<Transition> tc = AvroCodec.forType(Transition.class);
        List<byte[]> rows = SyntheticTransitions.of("rd", 0, 1, 2).stream().map(tc::encode).toList();
        org.d2r.schemas.TrainingBatchWriter writer = new org.d2r.schemas.TrainingBatchWriter();
        List<KeyedRecord> records = new ArrayList<>();
        for (long seq : new long[] {0, 1, 2, 1, 2, 3, -7, 4}) {
            byte[] value = seq < 0 ? "corrupt".getBytes()
                    : writer.encode("rd", seq, 0, 2, rows, List.of(new SourcePosition(0, seq + 1, 0, seq, -1L)));
            records.add(new KeyedRecord(ByteBuffer.allocate(8).putLong(seq).array(), value));
        }
        KafkaTopics.write(kafka.bootstrapServers(), topics.replayBatches(), records);

        try (ReplayBatchReader reader = new ReplayBatchReader(kafka.bootstrapServers(), topics, "learner-a", -1)) {
            for (long expected = 0; expected <= 4; expected++) {
                TrainingBatch b = reader.next(Duration.ofSeconds(20));
                assertEquals(expected, b.getSequence());
                assertEquals(2, b.getRows().size());
                if (expected == 1) {
                    reader.commit();
                }
            }
            assertEquals(2, reader.skipped(), "the re-sent batches 1 and 2 are skipped");
            assertEquals(null, reader.next(Duration.ofMillis(500)));
        }
        assertEquals(1, KafkaTopics.readAll(kafka.bootstrapServers(), topics.deadLetters(), 1).size(), "corrupt batch dead-lettered");

        // The learner restarts from its checkpoint after batch 3; its group committed after batch 1.
        try (ReplayBatchReader reader = new ReplayBatchReader(kafka.bootstrapServers(), topics, "learner-a", 3)) {
            assertEquals(4, reader.next(Duration.ofSeconds(20)).getSequence());
        }
        KafkaTopics.write(kafka.bootstrapServers(), topics.replayBatches(), List.of(new KeyedRecord(new byte[8],
                writer.encode("rd", 6, 0, 2, rows, List.of()))));
        try (ReplayBatchReader reader = new ReplayBatchReader(kafka.bootstrapServers(), topics, "learner-b", 4)) {
            IllegalStateException gap = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                    () -> reader.next(Duration.ofSeconds(20)));
            assertTrue(gap.getMessage().contains("replay batch 5 is missing"), gap.getMessage());
        }
    }
}
