package org.d2r.schemas;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityResult;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * The one wire format of every topic: Avro single-object encoding (2-byte marker, the writer
 * schema's 64-bit CRC fingerprint, the binary body). The fingerprint lets a reader find the
 * writer's schema among the versions it knows and resolve old and new records into the
 * generated class it was compiled with, so producers and consumers can be upgraded separately.
 *
 * <p>The bytes are exactly those of Avro's {@code BinaryMessageEncoder}/{@code BinaryMessageDecoder}
 * (interchangeable with them), but framed here over buffered binary encoders and decoders on
 * byte arrays: Avro's message classes use direct encoders on synchronized streams, a call per
 * float, which made them the replay job's bottleneck. Each known writer version has its resolving
 * reader, by fingerprint.
 *
 * <p>Instances hold a reusable output buffer and encoder/decoder and are meant for one thread at
 * a time: give each task, consumer or operator instance its own codec ({@link #forType} is cheap).
 */
public final class AvroCodec<T extends SpecificRecord> {

    static final byte MARKER_0 = (byte) 0xC3;
    static final byte MARKER_1 = (byte) 0x01;
    static final int HEADER_LENGTH = 10;

    /**
     * The single-object header of {@code schema}, for a hand-written encoder that writes its fields
     * in {@code fieldOrder}: refuses to start when the schema's fields have changed since.
     */
    static byte[] headerForHandWritten(Schema schema, List<String> fieldOrder, Class<?> writer) {
        List<String> fields = schema.getFields().stream().map(Schema.Field::name).toList();
        if (!fields.equals(fieldOrder)) {
            throw new IllegalStateException(schema.getName() + "'s fields are now " + fields + ", " + writer.getSimpleName()
                    + " writes " + fieldOrder + ": update " + writer.getSimpleName() + " with the schema");
        }
        return header(schema);
    }

    private static byte[] header(Schema schema) {
        return ByteBuffer.allocate(HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN)
                .put(MARKER_0).put(MARKER_1).putLong(SchemaNormalization.parsingFingerprint64(schema)).array();
    }

    private final Schema readerSchema;
    private final Map<Long, DatumReader<T>> readers = new HashMap<>();
    private final SpecificData model;
    private final DatumWriter<T> writer;
    private final ReusableBytes buffer;
    private BinaryDecoder decoder;

    private AvroCodec(Class<T> type, Schema readerSchema) {
        this.readerSchema = readerSchema;
        this.model = SpecificData.getForClass(type);
        this.writer = new SpecificDatumWriter<>(readerSchema, model);
        this.buffer = new ReusableBytes(header(readerSchema), 1024);
        remember(readerSchema);
    }

    /** Codec for a generated record class, knowing that class's schema and the older versions of it shipped in this module. */
    public static <T extends SpecificRecord> AvroCodec<T> forType(Class<T> type) {
        Schema schema = SpecificData.get().getSchema(type);
        if (schema == null || schema.getType() != Schema.Type.RECORD) {
            throw new IllegalArgumentException(type.getName() + " is not an Avro generated record class");
        }
        AvroCodec<T> codec = new AvroCodec<>(type, schema);
        for (Schema older : SchemaHistory.olderVersionsOf(schema.getFullName())) codec.addWriterSchema(older);
        return codec;
    }

    /**
     * Accepts records written with {@code writer}, once checked to resolve to the reader schema.
     *
     * @throws IncompatibleSchemaException naming the schema and each offending field
     */
    public void addWriterSchema(Schema writer) {
        SchemaCompatibilityResult result =
                SchemaCompatibility.checkReaderWriterCompatibility(readerSchema, writer).getResult();
        if (result.getCompatibility() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            throw new IncompatibleSchemaException(describe(writer, result.getIncompatibilities()));
        }
        remember(writer);
    }

    private void remember(Schema schema) {
        readers.put(SchemaNormalization.parsingFingerprint64(schema), new SpecificDatumReader<>(schema, readerSchema, model));
    }

    private String describe(Schema writer, List<Incompatibility> problems) {
        String fields = problems.stream()
                .map(p -> "field '" + fieldName(p) + "' (" + p.getType() + " at " + p.getLocation() + ": " + p.getMessage() + ")")
                .collect(Collectors.joining("; "));
        return "writer schema " + writer.getFullName() + " (fingerprint " + hex(SchemaNormalization.parsingFingerprint64(writer))
                + ") cannot be read as " + readerSchema.getFullName() + " (fingerprint " + hex(fingerprint()) + "): "
                + fields + ". A compatible change only adds fields with defaults or removes fields the reader has a default for;"
                + " publish incompatible data under a new record name or topic.";
    }

    /** Dotted field path of an incompatibility, found by walking its JSON-pointer location through the reader schema. */
    private String fieldName(Incompatibility p) {
        StringBuilder path = new StringBuilder();
        Schema s = readerSchema;
        String[] parts = p.getLocation().split("/");
        try {
            for (int i = 0; i < parts.length; i++) {
                switch (parts[i]) {
                    case "fields" -> {
                        Schema.Field f = s.getFields().get(Integer.parseInt(parts[++i]));
                        path.append(path.length() == 0 ? "" : ".").append(f.name());
                        s = f.schema();
                    }
                    case "items" -> s = s.getElementType();
                    case "values" -> s = s.getValueType();
                    default -> { }
                }
            }
        } catch (RuntimeException ignored) {
            // An unexpected location shape: fall back on what was resolved so far.
        }
        return path.length() == 0 ? p.getMessage() : path.toString();
    }

    /** Single-object bytes of {@code record}, a fresh array (the internal buffer is reused). */
    public byte[] encode(T record) {
        try {
            writer.write(record, buffer.begin());
            return buffer.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public T decode(byte[] bytes) {
        return decode(bytes, null);
    }

    /**
     * Decodes, reusing {@code reuse}'s arrays and strings where the model allows.
     *
     * @throws UnknownSchemaException when the writer's fingerprint is not a known version
     * @throws MalformedRecordException when the bytes are not a single-object encoded record
     */
    public T decode(byte[] bytes, T reuse) {
        if (bytes == null) {
            throw new MalformedRecordException("null payload where a " + readerSchema.getFullName() + " record was expected");
        }
        if (bytes.length < HEADER_LENGTH || bytes[0] != MARKER_0 || bytes[1] != MARKER_1) {
            throw new MalformedRecordException("not an Avro single-object encoded " + readerSchema.getFullName()
                    + " (no C3 01 marker and fingerprint; " + bytes.length + " bytes)");
        }
        long fp = writerFingerprint(bytes);
        DatumReader<T> reader = readers.get(fp);
        if (reader == null) {
            throw new UnknownSchemaException("no known writer schema for fingerprint " + hex(fp)
                    + " while reading " + readerSchema.getFullName() + "; known fingerprints: "
                    + new TreeSet<>(readers.keySet()).stream().map(AvroCodec::hex).collect(Collectors.joining(", "))
                    + ". The record was written by an unknown (newer or foreign) schema version: upgrade d2r-schemas"
                    + " on this consumer or register the writer's schema with addWriterSchema.");
        }
        try {
            decoder = DecoderFactory.get().binaryDecoder(bytes, HEADER_LENGTH, bytes.length - HEADER_LENGTH, decoder);
            T out = reader.read(reuse, decoder);
            if (!decoder.isEnd()) {
                throw new IOException((bytes.length - HEADER_LENGTH) + "-byte body has bytes left after the record");
            }
            return out;
        } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException | NegativeArraySizeException
                | ClassCastException | UnsupportedOperationException e) {
            // A truncated or corrupt body surfaces as any of these from the binary decoder.
            throw new MalformedRecordException("corrupt " + readerSchema.getFullName() + " body ("
                    + bytes.length + " bytes, writer fingerprint " + hex(fp) + "): " + e);
        }
    }

    /** Fingerprint (CRC-64-AVRO of the parsing canonical form) of this codec's reader schema. */
    public long fingerprint() {
        return SchemaNormalization.parsingFingerprint64(readerSchema);
    }

    /** The writer fingerprint of single-object bytes (little-endian after the C3 01 marker), or 0 if too short. */
    public static long writerFingerprint(byte[] bytes) {
        if (bytes == null || bytes.length < 10) return 0L;
        return ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    static String hex(long fingerprint) {
        return String.format("0x%016x", fingerprint);
    }
}
