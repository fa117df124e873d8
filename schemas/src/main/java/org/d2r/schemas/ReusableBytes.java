package org.d2r.schemas;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * An unsynchronized growable byte buffer whose array survives reset, so steady-state encoding
 * allocates only the result.
 */
final class ReusableBytes extends OutputStream {
    private byte[] buf;
    private int count;

    ReusableBytes(int size) {
        buf = new byte[size];
    }

    void reset() {
        count = 0;
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
        if (count + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, count + more));
        }
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, count);
    }
}
