package org.d2r.core.io;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.CRC32;

/** The framing snapshots and checkpoints share: a body ending in the CRC-32 of all before it, a file replaced whole or not at all. */
final class CrcFile {
    private CrcFile() {}

    /** What writes the file's bytes. */
    interface Body {
        void writeTo(OutputStream o) throws IOException;
    }

    /** The body of data (its trailing 8-byte CRC-32 checked, then left out); {@code what} names the file in the refusal. */
    static DataInputStream body(byte[] data, String what, String advice) {
        CRC32 crc = new CRC32();
        crc.update(data, 0, data.length - 8);
        long stored = ByteBuffer.wrap(data, data.length - 8, 8).getLong();
        if (stored != crc.getValue()) {
            throw new IllegalArgumentException(what + " is corrupted or truncated: checksum mismatch (stored " + Long.toHexString(stored)
                    + ", computed " + Long.toHexString(crc.getValue()) + "); " + advice);
        }
        return new DataInputStream(new ByteArrayInputStream(data, 0, data.length - 8));
    }

    /** Writes file.tmp, then moves it over file atomically: a reader never sees half a file. */
    static void write(Path file, Body body) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream o = Files.newOutputStream(tmp)) {
            body.writeTo(o);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
