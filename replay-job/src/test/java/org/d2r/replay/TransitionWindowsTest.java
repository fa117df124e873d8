package org.d2r.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.d2r.infra.kafka.Broker;
import org.d2r.infra.kafka.KafkaTopics;
import org.d2r.infra.kafka.KeyedRecord;
import org.d2r.infra.kafka.TopicLayout;
import org.d2r.kafka.ReplayBatchReader;
import org.d2r.schemas.AvroCodec;
import org.d2r.schemas.SourcePosition;
import org.d2r.schemas.SyntheticTransitions;
import org.d2r.schemas.Topics;
import org.d2r.schemas.TrainingBatch;
import org.d2r.schemas.TrainingBatchWriter;
import org.d2r.schemas.Transition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Batches of references resolved by the learner's reader against a real (embedded) broker. */
class TransitionWindowsTest {

    private static final AvroCodec<Transition> TRANSITIONS = AvroCodec.forType(Transition.class);
    @RegisterExtension
    static final Broker kafka = new Broker();

    /** Two tasks' transitions, 40 each, keyed by task; returns them as the topic holds them. */
    private static List<ConsumerRecord<byte[], byte[]>> recordTwoTasks(Topics topics) throws Exception {
        try (Admin admin = kafka.admin()) {
            TopicLayout.create(admin, topics, new TopicLayout.Settings(2, (short) 1));
        }
        List<KeyedRecord> records = new ArrayList<>();
        SyntheticTransitions a = new SyntheticTransitions("w", 0, 3, 1000);
        SyntheticTransitions b = new SyntheticTransitions("w", 1, 4, 1000);
        for (int i = 0; i < 40; i++) {
            for (Transition t : List.of(a.next(), b.next())) {
                records.add(new KeyedRecord(ByteBuffer.allocate(4).putInt(t.getTaskId()).array(), TRANSITIONS.encode(t)));
            }
        }
        KafkaTopics.write(kafka.bootstrapServers(), topics.transitions(), records);
        return KafkaTopics.readAll(kafka.bootstrapServers(), topics.transitions(), records.size());
    }

    private static List<ConsumerRecord<byte[], byte[]>> ofTask(List<ConsumerRecord<byte[], byte[]>> all, int task) {
        return all.stream().filter(r -> TRANSITIONS.decode(r.value()).getTaskId() == task).toList();
    }

    /**
     * A batch as the replay job would write it: for each task, rows {@code picks} (indices into the
     * task's stream), the window being the task's stream [start, newest].
     */
    private static byte[] batch(long sequence, List<List<ConsumerRecord<byte[], byte[]>>> streams, int start, int newest,
                                int[] picks) {
        List<SourcePosition> sources = new ArrayList<>();
        int rows = picks.length;
        int[] partitions = new int[streams.size() * rows];
        long[] offsets = new long[streams.size() * rows];
        for (int task = 0; task < streams.size(); task++) {
            List<ConsumerRecord<byte[], byte[]>> s = streams.get(task);
            sources.add(new SourcePosition(task, (long) newest + 1, s.get(newest).partition(), s.get(newest).offset(),
                    s.get(start).offset()));
            for (int j = 0; j < rows; j++) {
                partitions[task * rows + j] = s.get(picks[j]).partition();
                offsets[task * rows + j] = s.get(picks[j]).offset();
            }
        }
        return new TrainingBatchWriter().encodeReferences("w", sequence, 0, rows, sources, partitions, offsets);
    }

    private static void assertRows(TrainingBatch b, List<List<ConsumerRecord<byte[], byte[]>>> streams, int[] picks) {
        assertEquals(streams.size() * picks.length, b.getRows().size());
        for (int task = 0; task < streams.size(); task++) {
            for (int j = 0; j < picks.length; j++) {
                assertEquals(TRANSITIONS.decode(streams.get(task).get(picks[j]).value()), b.getRows().get(task * picks.length + j),
                        "batch " + b.getSequence() + " task " + task + " row " + j);
            }
        }
    }

    @Test
    void referencesResolveToTheTransitionsTheyNameAndTheCopyForgetsWhatLeftTheWindows() throws Exception {
        Topics topics = Topics.withPrefix("res.");
        List<ConsumerRecord<byte[], byte[]>> all = recordTwoTasks(topics);
        List<List<ConsumerRecord<byte[], byte[]>>> streams = List.of(ofTask(all, 0), ofTask(all, 1));
        int[] first = {0, 9, 3, 3};
        int[] second = {25, 30, 21, 29};
        int[] third = {39, 35, 36, 30};
        List<KeyedRecord> batches = List.of(
                new KeyedRecord(new byte[8], batch(0, streams, 0, 9, first)),
                new KeyedRecord(new byte[8], batch(1, streams, 20, 30, second)),
                new KeyedRecord(new byte[8], batch(2, streams, 30, 39, third)));
        KafkaTopics.write(kafka.bootstrapServers(), topics.replayBatches(), batches);

        try (ReplayBatchReader reader = new ReplayBatchReader(kafka.bootstrapServers(), topics, "res-a", -1)) {
            assertRows(reader.next(Duration.ofSeconds(30)), streams, first);
            long afterFirst = reader.transitionsHeld();
            assertTrue(afterFirst >= 20, "both tasks' windows 0..9 are held: " + afterFirst);
            assertRows(reader.next(Duration.ofSeconds(30)), streams, second);
            assertRows(reader.next(Duration.ofSeconds(30)), streams, third);
            // windows 30..39 of two tasks; the copy holds no more than each partition's span of them
            long held = reader.transitionsHeld();
            assertTrue(held >= 20 && held <= 40, "transitions held after the windows moved to 30..39: " + held);
        }
        // A learner restarting after batch 1 seeks straight to batch 2's windows.
        try (ReplayBatchReader reader = new ReplayBatchReader(kafka.bootstrapServers(), topics, "res-b", 1)) {
            TrainingBatch b = reader.next(Duration.ofSeconds(30));
            assertEquals(2, b.getSequence());
            assertRows(b, streams, third);
            assertTrue(reader.transitionsHeld() <= 40, "read from the window starts, not the topic's start: "
                    + reader.transitionsHeld());
        }
    }

    @Test
    void aWindowStartTheTopicNoLongerHoldsNamesRetention() throws Exception {
        Topics topics = Topics.withPrefix("ret.");
        List<ConsumerRecord<byte[], byte[]>> all = recordTwoTasks(topics);
        List<List<ConsumerRecord<byte[], byte[]>>> streams = List.of(ofTask(all, 0), ofTask(all, 1));
        KafkaTopics.write(kafka.bootstrapServers(), topics.replayBatches(),
                List.of(new KeyedRecord(new byte[8], batch(0, streams, 5, 15, new int[] {5, 15}))));
        // what retention does: the records before task 0's 10th are deleted
        ConsumerRecord<byte[], byte[]> cut = streams.get(0).get(10);
        try (Admin admin = kafka.admin()) {
            admin.deleteRecords(Map.of(new TopicPartition(topics.transitions(), cut.partition()),
                    RecordsToDelete.beforeOffset(cut.offset()))).all().get();
        }
        try (ReplayBatchReader reader = new ReplayBatchReader(kafka.bootstrapServers(), topics, "ret-a", -1)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> reader.next(Duration.ofSeconds(30)));
            assertTrue(e.getMessage().contains("retention") && e.getMessage().contains(topics.transitions()), e.getMessage());
        }
    }

    @Test
    void aReferenceBeforeItsWindowStartIsRefusedNotGuessed() throws Exception {
        Topics topics = Topics.withPrefix("bad.");
        List<ConsumerRecord<byte[], byte[]>> all = recordTwoTasks(topics);
        List<List<ConsumerRecord<byte[], byte[]>>> streams = List.of(ofTask(all, 0), ofTask(all, 1));
        // task rows 2 and 12 with a window said to start at 10: row 2 is not in the reader's copy
        KafkaTopics.write(kafka.bootstrapServers(), topics.replayBatches(),
                List.of(new KeyedRecord(new byte[8], batch(0, streams, 10, 20, new int[] {12, 2}))));
        try (ReplayBatchReader reader = new ReplayBatchReader(kafka.bootstrapServers(), topics, "bad-a", -1)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> reader.next(Duration.ofSeconds(30)));
            assertTrue(e.getMessage().contains("row 1 names") && e.getMessage().contains("window start"), e.getMessage());
        }
    }

    @Test
    void aBatchWhoseRowsHaveNotArrivedYetWaitsForThemInsteadOfFailing() throws Exception {
        Topics topics = Topics.withPrefix("late.");
        try (Admin admin = kafka.admin()) {
            TopicLayout.create(admin, topics, new TopicLayout.Settings(2, (short) 1));
        }
        SyntheticTransitions a = new SyntheticTransitions("w", 0, 3, 1000);
        List<KeyedRecord> records = new ArrayList<>();
        List<Transition> sent = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Transition t = a.next();
            sent.add(t);
            records.add(new KeyedRecord(new byte[4], TRANSITIONS.encode(t)));
        }
        // one partition, so offsets are 0..19; only the first half is there when the batch arrives
        KafkaTopics.writeTo(kafka.bootstrapServers(), topics.transitions(), 0, records.subList(0, 10));
        byte[] batch = new TrainingBatchWriter().encodeReferences("w", 0, 0, 2,
                List.of(new SourcePosition(0, 20L, 0, 19L, 0L)), new int[] {0, 0}, new long[] {3, 19});
        KafkaTopics.write(kafka.bootstrapServers(), topics.replayBatches(), List.of(new KeyedRecord(new byte[8], batch)));
        try (ReplayBatchReader reader = new ReplayBatchReader(kafka.bootstrapServers(), topics, "late-a", -1)) {
            assertNull(reader.next(Duration.ofSeconds(2)), "row 19 is not in the topic yet: no batch, no failure");
            assertEquals(-1, reader.lastSequence());
            reader.commit(); // a checkpoint now must not commit past the batch still waiting for its rows
        }
        try (ReplayBatchReader reader = new ReplayBatchReader(kafka.bootstrapServers(), topics, "late-a", -1)) {
            KafkaTopics.writeTo(kafka.bootstrapServers(), topics.transitions(), 0, records.subList(10, 20));
            TrainingBatch b = reader.next(Duration.ofSeconds(30));
            assertEquals(0, b.getSequence());
            assertEquals(List.of(sent.get(3), sent.get(19)), b.getRows());
        }
    }

    @Test
    void aBatchOfAnUnknownSchemaStopsTheReaderNamingTheUpgrade() throws Exception {
        Topics topics = Topics.withPrefix("newer.");
        try (Admin admin = kafka.admin()) {
            TopicLayout.create(admin, topics, new TopicLayout.Settings(1, (short) 1));
        }
        byte[] batch = new TrainingBatchWriter().encode("w", 0, 0, 0, List.of(), List.of());
        batch[2] ^= 0x5A; // another writer fingerprint: a later release's schema
        KafkaTopics.write(kafka.bootstrapServers(), topics.replayBatches(), List.of(new KeyedRecord(new byte[8], batch)));
        try (ReplayBatchReader reader = new ReplayBatchReader(kafka.bootstrapServers(), topics, "newer-a", -1)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> reader.next(Duration.ofSeconds(30)));
            assertTrue(e.getMessage().contains("upgrade the learner"), e.getMessage());
        }
    }
}
