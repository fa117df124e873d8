package org.d2r.core.io;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;
import org.d2r.core.nn.Adam;
import org.d2r.core.nn.Buf;
import org.d2r.core.nn.Param;
import org.d2r.core.nn.ParamSet;
import org.d2r.core.sac.MultiTaskSac;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Everything the update needs to resume bit-exactly: actor, critics, target critics and log alpha
 * (exact bits in their own precision), Adam moments and step counts, the update's random state and
 * update count, plus named extra byte blocks for the caller (replay, environment random states,
 * counters). CRC-32 over the whole file; a checkpoint for another configuration is refused.
 */
public final class Checkpoint {
    public static final int FORMAT = 1;
    private static final byte[] MAGIC = {'D', '2', 'R', 'C', 'K', 'P', 'T', 0};

    private Checkpoint() {}

    public static void write(MultiTaskSac sac, Map<String, byte[]> extras, OutputStream raw) throws IOException {
        CheckedOutputStream checked = new CheckedOutputStream(raw, new CRC32());
        DataOutputStream o = new DataOutputStream(new BufferedOutputStream(checked, 1 << 16));
        o.write(MAGIC);
        o.writeInt(FORMAT);
        o.writeLong(sac.updateCount());
        for (long s : sac.rng().state()) o.writeLong(s);
        ParamSet[] sets = sac.parameterSets();
        o.writeInt(sets.length);
        for (ParamSet ps : sets) {
            o.writeInt(ps.list().size());
            for (Param p : ps.list()) {
                o.writeUTF(p.name());
                writeArray(o, p.value());
            }
        }
        Adam[] opts = sac.optimizers();
        o.writeInt(opts.length);
        for (Adam a : opts) {
            o.writeLong(a.stepCount());
            o.writeInt(a.firstMoments().size());
            for (int i = 0; i < a.firstMoments().size(); i++) {
                writeArray(o, a.firstMoments().get(i));
                writeArray(o, a.secondMoments().get(i));
            }
        }
        o.writeInt(extras.size());
        for (Map.Entry<String, byte[]> e : extras.entrySet()) {
            o.writeUTF(e.getKey());
            o.writeInt(e.getValue().length);
            o.write(e.getValue());
        }
        o.flush();
        long crc = checked.getChecksum().getValue();
        DataOutputStream tail = new DataOutputStream(raw);
        tail.writeLong(crc);
        tail.flush();
    }

    /** Restores into an update built with the same configuration; returns the caller's extra blocks. */
    public static Map<String, byte[]> restore(MultiTaskSac sac, InputStream raw) throws IOException {
        byte[] data = raw.readAllBytes();
        if (data.length < MAGIC.length + 8) throw new IllegalArgumentException("checkpoint is truncated (" + data.length + " bytes)");
        CRC32 crc = new CRC32();
        crc.update(data, 0, data.length - 8);
        long stored = java.nio.ByteBuffer.wrap(data, data.length - 8, 8).getLong();
        if (stored != crc.getValue()) {
            throw new IllegalArgumentException("checkpoint is corrupted or truncated: checksum mismatch; use an earlier checkpoint");
        }
        DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(data, 0, data.length - 8));
        try {
            byte[] magic = in.readNBytes(MAGIC.length);
            if (!java.util.Arrays.equals(magic, MAGIC)) throw new IllegalArgumentException("not a D2R learner checkpoint (bad magic bytes)");
            int format = in.readInt();
            if (format != FORMAT) throw new IllegalArgumentException("checkpoint format " + format + " is not readable by this build (reads " + FORMAT + ")");
            long updates = in.readLong();
            long[] rng = {in.readLong(), in.readLong(), in.readLong()};
            ParamSet[] sets = sac.parameterSets();
            int nSets = in.readInt();
            if (nSets != sets.length) throw mismatch("parameter sets: " + nSets + " vs " + sets.length);
            for (ParamSet ps : sets) {
                int n = in.readInt();
                if (n != ps.list().size()) throw mismatch("tensor count " + n + " vs " + ps.list().size());
                for (Param p : ps.list()) {
                    String name = in.readUTF();
                    if (!name.equals(p.name())) throw mismatch("tensor " + name + " where " + p.name() + " was expected");
                    readArray(in, p.value(), name);
                }
            }
            Adam[] opts = sac.optimizers();
            int nOpt = in.readInt();
            if (nOpt != opts.length) throw mismatch("optimizers: " + nOpt + " vs " + opts.length);
            long[] steps = new long[nOpt];
            for (int k = 0; k < nOpt; k++) {
                Adam a = opts[k];
                steps[k] = in.readLong();
                int n = in.readInt();
                if (n != a.firstMoments().size()) throw mismatch("optimizer moments " + n + " vs " + a.firstMoments().size());
                for (int i = 0; i < n; i++) {
                    readArray(in, a.firstMoments().get(i), "adam.m");
                    readArray(in, a.secondMoments().get(i), "adam.v");
                }
            }
            Map<String, byte[]> extras = new LinkedHashMap<>();
            int nx = in.readInt();
            for (int i = 0; i < nx; i++) {
                String key = in.readUTF();
                int len = in.readInt();
                extras.put(key, in.readNBytes(len));
            }
            if (in.available() != 0) throw new IllegalArgumentException("checkpoint has " + in.available() + " unexpected trailing bytes");
            for (int k = 0; k < nOpt; k++) opts[k].restoreStepCount(steps[k]);
            sac.rng().restore(rng);
            sac.restoreCounters(updates);
            return extras;
        } catch (EOFException e) {
            throw new IllegalArgumentException("checkpoint is truncated", e);
        }
    }

    public static void write(MultiTaskSac sac, Map<String, byte[]> extras, Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream o = Files.newOutputStream(tmp)) {
            write(sac, extras, o);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public static Map<String, byte[]> restore(MultiTaskSac sac, Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return restore(sac, in);
        }
    }

    private static IllegalArgumentException mismatch(String what) {
        return new IllegalArgumentException("checkpoint does not match this learner's configuration (" + what
                + "); resume with the configuration it was written with");
    }

    private static void writeArray(DataOutputStream o, INDArray a) throws IOException {
        Buf b = Buf.of(a);
        boolean dbl = a.dataType() == DataType.DOUBLE;
        o.writeBoolean(dbl);
        o.writeInt(b.length());
        for (int i = 0, n = b.length(); i < n; i++) {
            if (dbl) o.writeLong(Double.doubleToRawLongBits(b.get(i)));
            else o.writeInt(Float.floatToRawIntBits((float) b.get(i)));
        }
    }

    private static void readArray(DataInputStream in, INDArray a, String name) throws IOException {
        boolean dbl = in.readBoolean();
        int n = in.readInt();
        Buf b = Buf.of(a);
        if (n != b.length() || dbl != (a.dataType() == DataType.DOUBLE)) {
            throw mismatch(name + " holds " + n + (dbl ? " doubles" : " floats") + ", expected " + b.length() + " " + a.dataType());
        }
        for (int i = 0; i < n; i++) b.set(i, dbl ? Double.longBitsToDouble(in.readLong()) : Float.intBitsToFloat(in.readInt()));
    }
}
