package org.d2r.schemas;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * An unsynchronized growable byte buffer for single-object records of one schema, whose array and
 * encoder survive from record to record, so steady-state encoding allocates only the result.
 */
final class ReusableBytes extends OutputStream {
    private final byte[] header;
    private byte[] buf;
    private int count;
    private BinaryEncoder encoder;

    /** @param header the schema's single-object header, which every record starts with */
    ReusableBytes(byte[] header, int size) {
        this.header = header;
        buf = new byte[size];
    }

    /** Starts the next record with its header; its body goes to the encoder returned. */
    BinaryEncoder begin() {
        count = 0;
        write(header, 0, header.length);
        return encoder = EncoderFactory.get().binaryEncoder(this, encoder);
    }

    /** The record begun last, a fresh array. */
    byte[] end() throws IOException {
        encoder.flush();
        return Arrays.copyOf(buf, count);
    }

    @Override
    public void write(int b) {
        ensure(1);
        buf[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, count, len);
        count += len;
    }

    private void ensure(int more) {
        if (count + more > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, count + more));
    }
}
