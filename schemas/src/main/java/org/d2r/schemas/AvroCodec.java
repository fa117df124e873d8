package org.d2r.schemas;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityResult;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * The one wire format of every topic: Avro single-object encoding (2-byte marker, the writer
 * schema's 64-bit CRC fingerprint, the binary body). The fingerprint lets a reader find the
 * writer's schema among the versions it knows and resolve old and new records into the
 * generated class it was compiled with, so producers and consumers can be upgraded one at a
 * time.
 *
 * <p>Instances hold a reusable output buffer and are meant for one thread at a time: give each
 * task, consumer or operator instance its own codec ({@link #forType} is cheap).
 */
public final class AvroCodec<T extends SpecificRecord> {

    private final Class<T> type;
    private final Schema readerSchema;
    private final SchemaStore.Cache knownWriters = new SchemaStore.Cache();
    private final Map<Long, Schema> knownByFingerprint = new TreeMap<>();
    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;
    private final ReusableBytes buffer = new ReusableBytes(1024);

    private AvroCodec(Class<T> type, Schema readerSchema) {
        this.type = type;
        this.readerSchema = readerSchema;
        SpecificData model = SpecificData.getForClass(type);
        this.encoder = new BinaryMessageEncoder<>(model, readerSchema);
        this.decoder = new BinaryMessageDecoder<>(model, readerSchema, knownWriters);
        remember(readerSchema);
    }

    /** Codec for a generated record class, knowing that class's schema and the older versions of it shipped in this module. */
    public static <T extends SpecificRecord> AvroCodec<T> forType(Class<T> type) {
        Schema schema = SpecificData.get().getSchema(type);
        if (schema == null || schema.getType() != Schema.Type.RECORD) {
            throw new IllegalArgumentException(type.getName() + " is not an Avro generated record class");
        }
        AvroCodec<T> codec = new AvroCodec<>(type, schema);
        for (Schema older : SchemaHistory.olderVersionsOf(schema.getFullName())) {
            codec.addWriterSchema(older);
        }
        return codec;
    }

    /**
     * Accepts records written with {@code writer}, after checking that this codec's reader
     * schema can resolve them.
     *
     * @throws IncompatibleSchemaException naming the schema and each offending field
     */
    public AvroCodec<T> addWriterSchema(Schema writer) {
        SchemaCompatibilityResult result =
                SchemaCompatibility.checkReaderWriterCompatibility(readerSchema, writer).getResult();
        if (result.getCompatibility() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            throw new IncompatibleSchemaException(describe(writer, result.getIncompatibilities()));
        }
        remember(writer);
        decoder.addSchema(writer);
        return this;
    }

    private void remember(Schema schema) {
        knownWriters.addSchema(schema);
        knownByFingerprint.put(SchemaNormalization.parsingFingerprint64(schema), schema);
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
        buffer.reset();
        try {
            encoder.encode(record, buffer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    /** Decodes into a new record. */
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
        try {
            return decoder.decode(new ByteArrayInputStream(bytes), reuse);
        } catch (MissingSchemaException e) {
            throw new UnknownSchemaException("no known writer schema for fingerprint " + hex(writerFingerprint(bytes))
                    + " while reading " + readerSchema.getFullName() + "; known fingerprints: "
                    + knownByFingerprint.keySet().stream().map(AvroCodec::hex).collect(Collectors.joining(", "))
                    + ". The record was written by an unknown (newer or foreign) schema version: upgrade d2r-schemas"
                    + " on this consumer or register the writer's schema with addWriterSchema.");
        } catch (BadHeaderException e) {
            throw new MalformedRecordException("not an Avro single-object encoded " + readerSchema.getFullName()
                    + " (" + e.getMessage() + "; " + bytes.length + " bytes)");
        } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException | NegativeArraySizeException
                | ClassCastException e) {
            // A truncated or corrupt body surfaces as any of these from the binary decoder.
            throw new MalformedRecordException("corrupt " + readerSchema.getFullName() + " body ("
                    + bytes.length + " bytes, writer fingerprint " + hex(writerFingerprint(bytes)) + "): " + e);
        }
    }

    /** Fingerprint (CRC-64-AVRO of the parsing canonical form) of this codec's reader schema. */
    public long fingerprint() {
        return SchemaNormalization.parsingFingerprint64(readerSchema);
    }

    public Schema schema() {
        return readerSchema;
    }

    public Class<T> type() {
        return type;
    }

    /** The writer fingerprint of single-object bytes (little-endian after the C3 01 marker), or 0 if too short. */
    public static long writerFingerprint(byte[] bytes) {
        if (bytes == null || bytes.length < 10) {
            return 0L;
        }
        return ByteBuffer.wrap(bytes, 2, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
    }

    static String hex(long fingerprint) {
        return String.format("0x%016x", fingerprint);
    }

    /** A ByteArrayOutputStream whose array survives reset, so steady-state encoding allocates only the result. */
    private static final class ReusableBytes extends ByteArrayOutputStream {
        ReusableBytes(int size) {
            super(size);
        }
    }
}
