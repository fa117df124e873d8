package org.d2r.schemas;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;

class AvroCodecTest {

    /** A released version kept in the schema history, e.g. {@code EvalResult.v1}. */
    private static Schema released(String version) throws IOException {
        try (InputStream in = SchemaHistory.class.getResourceAsStream("history/" + version + ".avsc")) {
            return new Schema.Parser().parse(in);
        }
    }

    /** A record of an older released version, as a producer on that version wrote it. */
    private static byte[] writtenBy(Schema writer, java.util.Map<String, Object> fields) throws IOException {
        GenericRecord r = new GenericData.Record(writer);
        fields.forEach(r::put);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new BinaryMessageEncoder<GenericRecord>(GenericData.get(), writer).encode(r, out);
        return out.toByteArray();
    }

    private static Schema fixture(String name) throws IOException {
        try (InputStream in = AvroCodecTest.class.getResourceAsStream("/avro/" + name)) {
            return new Schema.Parser().parse(in);
        }
    }

    /** Writes {@code t} as a record of {@code writer}, field by field, as a producer on that version would. */
    private static byte[] writeAs(Schema writer, Transition t, Long envSeed) throws IOException {
        GenericRecord r = new GenericData.Record(writer);
        for (Schema.Field f : writer.getFields()) {
            if (f.name().equals("envSeed")) {
                r.put(f.name(), envSeed);
            } else {
                r.put(f.name(), t.get(f.name()));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new BinaryMessageEncoder<GenericRecord>(GenericData.get(), writer).encode(r, out);
        return out.toByteArray();
    }

    @Test
    void roundTripsEveryFieldAndReusesTheRecord() {
        AvroCodec<Transition> codec = AvroCodec.forType(Transition.class);
        List<Transition> stream = SyntheticTransitions.of("run", 3, 7, 3);
        Transition reuse = null;
        for (Transition t : stream) {
            byte[] bytes = codec.encode(t);
            assertEquals(codec.fingerprint(), AvroCodec.writerFingerprint(bytes));
            reuse = codec.decode(bytes, reuse);
            assertEquals(t, reuse);
        }
        assertNotEquals(stream.get(0), stream.get(1), "fixture steps must differ for the round trip to mean anything");
    }

    @Test
    void bytesAreAvrosOwnSingleObjectEncodingBothWays() throws IOException {
        AvroCodec<Transition> codec = AvroCodec.forType(Transition.class);
        Transition t = SyntheticTransitions.of("run", 2, 3, 1).get(0);
        byte[] ours = codec.encode(t);
        assertEquals(t, Transition.getDecoder().decode(ours), "Avro's BinaryMessageDecoder must read the codec's bytes");
        ByteArrayOutputStream theirs = new ByteArrayOutputStream();
        Transition.getEncoder().encode(t, theirs);
        assertArrayEquals(theirs.toByteArray(), ours);
        byte[] trailing = java.util.Arrays.copyOf(ours, ours.length + 3);
        assertThrows(MalformedRecordException.class, () -> codec.decode(trailing));
    }

    @Test
    void oldReaderReadsRecordsOfTheNextCompatibleVersion() throws IOException {
        Schema v2 = fixture("Transition.v2.avsc");
        Transition t = SyntheticTransitions.of("run", 1, 1, 1).get(0);
        byte[] v2Bytes = writeAs(v2, t, 99L);

        AvroCodec<Transition> codec = AvroCodec.forType(Transition.class);
        assertThrows(UnknownSchemaException.class, () -> codec.decode(v2Bytes),
                "before v2 is registered its fingerprint is unknown");
        codec.addWriterSchema(v2);
        Transition read = codec.decode(v2Bytes);
        assertEquals(t, read, "the v1 reader must see every v1 field of a v2 record");
    }

    @Test
    void incompatibleWriterIsRefusedNamingSchemaAndField() throws IOException {
        AvroCodec<Transition> codec = AvroCodec.forType(Transition.class);
        IncompatibleSchemaException dropped = assertThrows(IncompatibleSchemaException.class,
                () -> codec.addWriterSchema(fixture("Transition.no-reward.avsc")));
        assertTrue(dropped.getMessage().contains("org.d2r.schemas.Transition"), dropped.getMessage());
        assertTrue(dropped.getMessage().contains("field 'reward'"), dropped.getMessage());

        IncompatibleSchemaException retyped = assertThrows(IncompatibleSchemaException.class,
                () -> codec.addWriterSchema(fixture("Transition.step-string.avsc")));
        assertTrue(retyped.getMessage().contains("field 'step'"), retyped.getMessage());
    }

    @Test
    void unknownFingerprintIsNamed() throws IOException {
        Schema v2 = fixture("Transition.v2.avsc");
        byte[] v2Bytes = writeAs(v2, SyntheticTransitions.of("run", 0, 0, 1).get(0), null);
        AvroCodec<Transition> codec = AvroCodec.forType(Transition.class);
        UnknownSchemaException e = assertThrows(UnknownSchemaException.class, () -> codec.decode(v2Bytes));
        String expected = AvroCodec.hex(AvroCodec.writerFingerprint(v2Bytes));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().contains("org.d2r.schemas.Transition"), e.getMessage());
    }

    @Test
    void garbageAndTruncatedBytesAreMalformedNotCrashes() {
        AvroCodec<Transition> codec = AvroCodec.forType(Transition.class);
        byte[] good = codec.encode(SyntheticTransitions.of("run", 0, 0, 1).get(0));
        assertThrows(MalformedRecordException.class, () -> codec.decode("not avro".getBytes()));
        assertThrows(MalformedRecordException.class, () -> codec.decode(java.util.Arrays.copyOf(good, good.length / 2)));
        assertThrows(MalformedRecordException.class, () -> codec.decode(null));
        // A record of another type carries another fingerprint.
        AvroCodec<DeadLetter> dl = AvroCodec.forType(DeadLetter.class);
        byte[] other = dl.encode(DeadLetter.newBuilder().setSourceTopic("t").setPartition(0).setOffset(1)
                .setReason("r").setStage("s").setFailedAtMs(0).build());
        assertThrows(UnknownSchemaException.class, () -> codec.decode(other));
    }

    @Test
    void nestedBatchRoundTrips() {
        AvroCodec<TrainingBatch> codec = AvroCodec.forType(TrainingBatch.class);
        TrainingBatch b = TrainingBatch.newBuilder().setRunId("r").setSequence(5).setSeed(1).setRowsPerTask(2)
                .setRows(SyntheticTransitions.of("r", 0, 0, 2))
                .setSources(List.of(new SourcePosition(0, 2L, 0, 41L, 40L))).build();
        assertEquals(b, codec.decode(codec.encode(b)));
    }

    @Test
    void batchesOfTheFirstReleasedVersionStillDecode() throws IOException {
        // TrainingBatch v1 (inline rows only, no window start) is kept in the schema history: recorded
        // batch topics of that release must stay readable, with the new fields at their defaults.
        Schema v1 = released("TrainingBatch.v1");
        assertNotEquals(AvroCodec.forType(TrainingBatch.class).fingerprint(),
                org.apache.avro.SchemaNormalization.parsingFingerprint64(v1), "v1 is an older version");
        Transition row = SyntheticTransitions.of("r", 1, 0, 1).get(0);
        GenericRecord source = new GenericData.Record(v1.getField("sources").schema().getElementType());
        source.put("taskId", 1);
        source.put("transitionsSeen", 7L);
        source.put("partition", 3);
        source.put("offset", 70L);
        GenericRecord batch = new GenericData.Record(v1);
        batch.put("runId", "old");
        batch.put("sequence", 9L);
        batch.put("seed", 2L);
        batch.put("rowsPerTask", 1);
        batch.put("rows", List.of(new GenericData.Record(v1.getField("rows").schema().getElementType()) {{
            for (Schema.Field f : getSchema().getFields()) put(f.name(), row.get(f.name()));
        }}));
        batch.put("sources", List.of(source));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(batch, out);

        TrainingBatch read = AvroCodec.forType(TrainingBatch.class).decode(out.toByteArray());
        assertEquals(List.of(row), read.getRows());
        assertEquals(new SourcePosition(1, 7L, 3, 70L, -1L), read.getSources().get(0));
        assertTrue(read.getRefs().isEmpty());
    }

    @Test
    void snapshotsOfTheFirstVersionDecodeWithEnvStepsUnknown() throws IOException {
        // PolicySnapshot v1 had no envStepsPerTask: a compacted topic written by that release keeps its newest
        // snapshot, which a newer producer or evaluator must still read (the field at its default, -1)
        Schema v1 = released("PolicySnapshot.v1");
        assertTrue(v1.getField("envStepsPerTask") == null, "v1 is the version before the field");
        byte[] old = writtenBy(v1, java.util.Map.of("runId", "old", "version", 300L, "updateCount", 300L, "alpha", List.of(0.5f),
                "tau", List.of(1f), "weightsFormat", "d2r-core.PolicySnapshot/1", "weights", ByteBuffer.wrap(new byte[] {1, 2, 3}),
                "configFingerprint", "f", "createdAtMs", 7L));
        PolicySnapshot read = AvroCodec.forType(PolicySnapshot.class).decode(old);
        assertEquals(300L, read.getUpdateCount());
        assertEquals(-1L, read.getEnvStepsPerTask());
        PolicySnapshot now = PolicySnapshot.newBuilder(read).setEnvStepsPerTask(4_321L).build();
        assertEquals(4_321L, AvroCodec.forType(PolicySnapshot.class).decode(AvroCodec.forType(PolicySnapshot.class).encode(now))
                .getEnvStepsPerTask());
    }

    @Test
    void evalResultsOfTheFirstVersionDecodeWithoutRoutingSharesAndOldReadersSkipThem() throws IOException {
        // EvalResult v2 added the routing shares for the run monitor: eval-results written by v1 evaluators still
        // read (no shares), and a v1 reader (an older monitor or report) reads a v2 record without them
        Schema v1 = released("EvalResult.v1");
        assertTrue(v1.getField("routingShares") == null, "v1 is the version before the field");
        byte[] old = writtenBy(v1, java.util.Map.of("runId", "old", "snapshotVersion", 200L, "updateCount", 200L,
                "envStepsPerTask", 900L, "taskId", 1, "taskName", "push-v2", "episodes", 10, "successRate", 0.3f, "meanReturn", 12.5f,
                "metrics", java.util.Map.of("meanModulesUsed", 3.5)));
        AvroCodec<EvalResult> codec = AvroCodec.forType(EvalResult.class);
        EvalResult read = codec.decode(old);
        assertEquals(0.3f, read.getSuccessRate());
        assertEquals(List.of(), read.getRoutingShares());
        EvalResult now = EvalResult.newBuilder(read).setRoutingShares(List.of(1f, 0.25f, 0.75f)).build();
        assertEquals(List.of(1f, 0.25f, 0.75f), codec.decode(codec.encode(now)).getRoutingShares());
        org.apache.avro.message.BinaryMessageDecoder<GenericRecord> v1Reader =
                new org.apache.avro.message.BinaryMessageDecoder<>(GenericData.get(), v1);
        v1Reader.addSchema(EvalResult.getClassSchema());
        GenericRecord asV1 = v1Reader.decode(codec.encode(now));
        assertEquals("push-v2", asV1.get("taskName").toString());
        assertEquals(12.5f, asV1.get("meanReturn"));
    }

    @Test
    void learnerMetricsRoundTripWithTheirNamedFiguresNaNIncluded() {
        AvroCodec<LearnerMetrics> codec = AvroCodec.forType(LearnerMetrics.class);
        LearnerMetrics m = LearnerMetrics.newBuilder().setRunId("r").setUpdate(7).setBatchSequence(6).setEnvStepsPerTask(1_200)
                .setFigures(java.util.Map.of("policy_loss", -1.5, "alpha_loss", Double.NaN)).setAlpha(List.of(0.9f, 0.8f))
                .setTau(List.of(1f, 0.5f)).setCreatedAtMs(42).build();
        LearnerMetrics read = codec.decode(codec.encode(m));
        assertEquals(-1.5, read.getFigures().get("policy_loss"));
        assertTrue(Double.isNaN(read.getFigures().get("alpha_loss")));
        assertEquals(List.of(0.9f, 0.8f), read.getAlpha());
        assertEquals(7L, read.getUpdate());
    }

    @Test
    void routingPathPacksTo17BytesForSixteenModules() {
        boolean[] path = new boolean[RoutingPathBits.pathLength(16)];
        assertEquals(136, path.length);
        path[0] = true;
        path[9] = true;
        path[135] = true;
        ByteBuffer packed = RoutingPathBits.pack(path);
        assertEquals(17, packed.remaining());
        byte[] expected = new byte[17];
        expected[0] = 1; // bit k is bit k % 8 of byte k / 8
        expected[1] = 1 << 1;
        expected[16] = (byte) (1 << 7);
        assertEquals(ByteBuffer.wrap(expected), packed);
    }

    @Test
    void topicNamesAreValidatedAndPrefixed() {
        assertEquals("r1.transitions", Topics.withPrefix("r1.").transitions());
        assertEquals(7, Topics.defaults().all().stream().distinct().count());
        assertEquals("r1.learner-metrics", Topics.withPrefix("r1.").learnerMetrics());
        assertThrows(IllegalArgumentException.class, () -> Topics.withPrefix("bad prefix "));
    }
}
