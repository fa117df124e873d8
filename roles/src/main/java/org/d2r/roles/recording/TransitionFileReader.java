package org.d2r.roles.recording;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.NoSuchElementException;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.specific.SpecificDatumReader;
import org.d2r.schemas.Transition;

/**
 * Reads an Avro container file of transitions in the order they were written. The file's own
 * (writer) schema is resolved into this build's {@link Transition}, so recordings made by an
 * older schema version stay readable; a file of some other record type is refused up front.
 */
public final class TransitionFileReader implements Closeable {

    private final Path file;
    private final DataFileReader<Transition> reader;
    private long read;
    private boolean ended;

    private TransitionFileReader(Path file, DataFileReader<Transition> reader) {
        this.file = file;
        this.reader = reader;
    }

    /**
     * @throws IllegalArgumentException when the file is missing, empty, not an Avro container file,
     *     or holds records that cannot be read as transitions; the message names the fix
     */
    public static TransitionFileReader open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("recording " + file + " does not exist: give an Avro file written by"
                    + " 'bin/d2r export-transitions --out FILE' or 'bin/d2r train --local --record FILE'");
        }
        if (Files.size(file) == 0) {
            throw new IllegalArgumentException("recording " + file + " is empty (0 bytes): the export or run that wrote it"
                    + " did not get to write its header; record again");
        }
        DataFileReader<Transition> r;
        try {
            r = new DataFileReader<>(file.toFile(), new SpecificDatumReader<>(Transition.class));
        } catch (IOException | AvroRuntimeException e) {
            throw new IllegalArgumentException("recording " + file + " is not an Avro container file (" + e.getMessage()
                    + "); give a file written by 'bin/d2r export-transitions' or 'bin/d2r train --local --record'");
        }
        Schema written = r.getSchema();
        SchemaCompatibility.SchemaCompatibilityType compat = SchemaCompatibility
                .checkReaderWriterCompatibility(Transition.getClassSchema(), written).getType();
        if (compat != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            r.close();
            throw new IllegalArgumentException("recording " + file + " holds " + written.getFullName()
                    + " records that cannot be read as org.d2r.schemas.Transition: record transitions with"
                    + " 'bin/d2r export-transitions' or 'bin/d2r train --local --record'");
        }
        return new TransitionFileReader(file, r);
    }

    /** A metadata entry of the file's header, or null. */
    public String meta(String key) {
        return reader.getMetaString(key);
    }

    /** @throws IllegalStateException when the next block of the file is corrupt or cut off */
    public boolean hasNext() {
        try {
            boolean more = reader.hasNext();
            ended |= !more;
            return more;
        } catch (AvroRuntimeException e) {
            throw corrupt(e);
        }
    }

    /**
     * The next transition, reusing {@code reuse}'s arrays where possible.
     *
     * @throws IllegalStateException when a block of the file is corrupt or cut off
     */
    public Transition next(Transition reuse) {
        if (!hasNext()) throw new NoSuchElementException("recording " + file + " has no record after #" + read);
        try {
            Transition t = reader.next(reuse);
            read++;
            return t;
        } catch (AvroRuntimeException | IOException e) {
            throw corrupt(e);
        }
    }

    private IllegalStateException corrupt(Exception e) {
        return new IllegalStateException("recording " + file + " is corrupt after record #" + read + " (" + e.getMessage()
                + "); record again, or keep the records before it (avro-tools cat --limit " + read + ")", e);
    }

    /**
     * Bytes after the last complete block, once every record was read: 0 for a complete file, more
     * when the writer was cut off mid-block (a killed run or export), where Avro's reader ends quietly:
     * how a caller can tell that the recording was cut short.
     */
    public long incompleteTailBytes() throws IOException {
        if (!ended) throw new IllegalStateException("the tail is known only after hasNext() said there is no record left");
        return Math.max(0, Files.size(file) - reader.previousSync());
    }

    public long read() {
        return read;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
