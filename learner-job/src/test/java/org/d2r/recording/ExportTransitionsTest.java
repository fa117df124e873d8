package org.d2r.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.clients.admin.Admin;
import org.d2r.cli.PrintingCommand;
import org.d2r.infra.kafka.Broker;
import org.d2r.infra.kafka.KafkaTopics;
import org.d2r.infra.kafka.KeyedRecord;
import org.d2r.infra.kafka.TopicLayout;
import org.d2r.learner.local.OfflineTrainCommand;
import org.d2r.roles.recording.TransitionFileReader;
import org.d2r.schemas.AvroCodec;
import org.d2r.schemas.DeadLetter;
import org.d2r.schemas.SyntheticTransitions;
import org.d2r.schemas.Topics;
import org.d2r.schemas.Transition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** export-transitions and train-offline --from-topic against a real (embedded) broker. */
class ExportTransitionsTest {

    private static final List<String> TASKS = List.of("reach-v2", "push-v2");
    private static final AvroCodec<Transition> CODEC = AvroCodec.forType(Transition.class);
    @RegisterExtension
    static final Broker kafka = new Broker();

    private record Outcome(int code, String out, String err) {}

    private static Outcome run(PrintingCommand c, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = PrintingCommand.run(c, args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static KeyedRecord keyed(int task, byte[] value) {
        return new KeyedRecord(ByteBuffer.allocate(4).putInt(task).array(), value);
    }

    /** Run "run-a": both tasks lock-stepped for {@code steps} steps; returns each task's records in order. */
    private static Map<Integer, List<Transition>> publish(Topics topics, int steps) throws Exception {
        Map<Integer, List<Transition>> sent = new TreeMap<>();
        List<KeyedRecord> records = new ArrayList<>();
        List<SyntheticTransitions> sources = List.of(new SyntheticTransitions("run-a", 0, 3, 200),
                new SyntheticTransitions("run-a", 1, 3, 200));
        for (int s = 0; s < steps; s++) {
            for (int task = 0; task < TASKS.size(); task++) {
                Transition t = Transition.newBuilder(sources.get(task).next()).setTaskName(TASKS.get(task)).build();
                sent.computeIfAbsent(task, k -> new ArrayList<>()).add(t);
                records.add(keyed(task, CODEC.encode(t)));
            }
        }
        // Another run on the same topic, a record that is not Avro, one that is not trainable.
        for (Transition t : SyntheticTransitions.of("run-b", 0, 4, 5)) {
            records.add(keyed(0, CODEC.encode(Transition.newBuilder(t).setTaskName("reach-v2").build())));
        }
        records.add(keyed(1, "garbage".getBytes(StandardCharsets.UTF_8)));
        records.add(keyed(1, CODEC.encode(Transition.newBuilder(sent.get(1).get(0)).setReward(Float.NaN).build())));
        KafkaTopics.write(kafka.bootstrapServers(), topics.transitions(), records);
        return sent;
    }

    @Test
    void exportRoundTripsEveryFieldAndKeepsMalformedRecordsAside(@TempDir Path tmp) throws Exception {
        Topics topics = Topics.withPrefix("exp.");
        try (Admin admin = kafka.admin()) {
            TopicLayout.create(admin, topics, new TopicLayout.Settings(2, (short) 1));
        }
        Map<Integer, List<Transition>> sent = publish(topics, 60);
        Path file = tmp.resolve("exp.avro");

        Outcome r = run(new ExportTransitionsCommand(), "--bootstrap-servers", kafka.bootstrapServers(), "--topic",
                topics.transitions(), "--run-id", "run-a", "--out", file.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("120 transitions written"), r.out());
        assertTrue(r.out().matches("(?s).*000 reach-v2\\s+60.*001 push-v2\\s+60.*"), r.out());
        assertTrue(r.out().contains("5 records of other runs left out"), r.out());
        assertTrue(r.err().contains("2 malformed records NOT in the recording"), r.err());

        Map<Integer, List<Transition>> got = new TreeMap<>();
        long count = 0;
        try (TransitionFileReader reader = TransitionFileReader.open(file)) {
            while (reader.hasNext()) {
                Transition t = reader.next(null);
                got.computeIfAbsent(t.getTaskId(), k -> new ArrayList<>()).add(t);
                count++;
            }
        }
        assertEquals(120, count);
        assertEquals(sent, got, "every field of every transition, each task in its produced order");

        // A standard container file: readable without this project's classes, the schema is in it.
        try (DataFileReader<GenericRecord> generic = new DataFileReader<>(file.toFile(), new GenericDatumReader<>())) {
            assertEquals("org.d2r.schemas.Transition", generic.getSchema().getFullName());
            GenericRecord first = generic.next();
            assertEquals("run-a", first.get("runId").toString());
        }

        Path dead = TopicExport.deadLetterFile(file);
        List<String> reasons = new ArrayList<>();
        try (DataFileReader<DeadLetter> d = new DataFileReader<>(dead.toFile(), new SpecificDatumReader<>(DeadLetter.class))) {
            for (DeadLetter letter : d) {
                reasons.add(letter.getReason());
                assertEquals(topics.transitions(), letter.getSourceTopic());
                assertTrue(letter.getValue().remaining() > 0, "the refused record's bytes are kept");
            }
        }
        assertEquals(2, reasons.size(), reasons.toString());
        assertTrue(reasons.stream().anyMatch(s -> s.contains("non-finite reward")), reasons.toString());
        assertTrue(reasons.stream().anyMatch(s -> s.contains("single-object")), reasons.toString());

        Outcome again = run(new ExportTransitionsCommand(), "--bootstrap-servers", kafka.bootstrapServers(), "--topic",
                topics.transitions(), "--out", file.toString());
        assertEquals(1, again.code());
        assertTrue(again.err().contains("already exists"), again.err());
        Outcome missing = run(new ExportTransitionsCommand(), "--bootstrap-servers", kafka.bootstrapServers(), "--topic",
                "no-such-topic", "--out", tmp.resolve("x.avro").toString());
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("'no-such-topic' does not exist") && missing.err().contains(topics.transitions()),
                missing.err());
        assertEquals(2, run(new ExportTransitionsCommand(), "--out", "x.avro").code(), "no bootstrap servers");

        // train-offline straight from the topic: the run folder keeps the copy it trained on.
        Path runDir = tmp.resolve("offline");
        Outcome offline = run(new OfflineTrainCommand(), "--from-topic", topics.transitions(), "--bootstrap-servers",
                kafka.bootstrapServers(), "--run-id", "run-a", "--preset", "smoke", "--tasks", String.join(",", TASKS),
                "--method", "mtsac", "--run-dir", runDir.toString());
        assertEquals(0, offline.code(), offline.err());
        assertTrue(Files.exists(runDir.resolve("recording.avro")));
        JsonNode cfg = new ObjectMapper().readTree(runDir.resolve("config.json").toFile());
        assertEquals(topics.transitions(), cfg.get("source").get("topic").asText());
        assertEquals(120, cfg.get("source").get("records").asLong());
        // No random-action prefix in this recording: one update per step of both tasks from the start.
        assertTrue(offline.out().contains("120 transitions replayed, 60 updates"), offline.out());
    }
}
