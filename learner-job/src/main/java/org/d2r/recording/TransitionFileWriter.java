package org.d2r.recording;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumWriter;
import org.d2r.schemas.Transition;

/**
 * Writes transitions to a standard Avro object container file: the {@link Transition} schema is
 * embedded in the header, so avro-tools, Spark or Python's fastavro read it without this project.
 * Blocks are deflate-compressed (level 1: floats barely compress, the headers and names do) and
 * flushed every {@link #SYNC_RECORDS} records, so a process killed midway leaves a file that is
 * readable up to its last complete block. {@link RecordingSink} is the one that takes the environment loop's steps.
 */
public class TransitionFileWriter implements Closeable {

    /** File metadata: where the records came from (a topic and cluster, or a training run). */
    public static final String META_SOURCE = "d2r.source";
    static final int SYNC_RECORDS = 4096;

    private final Path file;
    private final DataFileWriter<Transition> writer;
    private final Map<String, Long> perTask = new TreeMap<>();
    private long count;

    /**
     * Creates {@code file}; an existing file is refused so that no recording is overwritten.
     *
     * @param source what the records are (stored as {@link #META_SOURCE})
     * @throws IllegalArgumentException when the file exists or its folder cannot be created
     */
    public TransitionFileWriter(Path file, String source) throws IOException {
        if (Files.exists(file)) {
            throw new IllegalArgumentException(file + " already exists: choose another file name or remove the old recording");
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        this.file = file;
        this.writer = new DataFileWriter<>(new SpecificDatumWriter<>(Transition.class));
        writer.setCodec(CodecFactory.deflateCodec(1));
        writer.setMeta(META_SOURCE, source == null ? "" : source);
        writer.create(Transition.getClassSchema(), file.toFile());
    }

    public void append(Transition t) throws IOException {
        writer.append(t);
        count++;
        perTask.merge(String.format(Locale.ROOT, "%03d %s", t.getTaskId(), t.getTaskName()), 1L, Long::sum);
        if (count % SYNC_RECORDS == 0) writer.flush();
    }

    public long count() {
        return count;
    }

    /** Records written per task, keyed "id name" (unordered; the zero-padded id makes the keys sort by id). */
    public Map<String, Long> perTask() {
        return Map.copyOf(perTask);
    }

    public Path file() {
        return file;
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }
}
