package org.d2r.core.io;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import org.d2r.core.baselines.Method;
import org.d2r.core.config.D2rNetConfig;
import org.d2r.core.config.ResRouting;
import org.d2r.core.model.D2rNetwork;
import org.d2r.core.model.TaskNetwork;
import org.d2r.core.nn.Buf;
import org.d2r.core.nn.Param;
import org.d2r.core.routing.RoutingGranularity;

/**
 * What acting needs and nothing more: which network the actor is (D2R or a baseline), its weights,
 * D2R's configuration and the per-task SampleK temperatures, with the learner's update count as the
 * policy version. Small, versioned binary format ending in a CRC-32 of everything before it; a
 * corrupted, truncated, foreign or mismatched snapshot is refused with a message naming the problem.
 *
 * <pre>
 *   "D2RSNAP\0" | int format (3) | UTF method | D2rNetConfig | int obsDims, actionDims, tasks
 *   | long version | double[tasks] tau | int tensors, each: UTF name, int rows, int cols,
 *   float[rows*cols] | long CRC-32 of all preceding bytes
 * </pre>
 *
 * D2rNetConfig ends with its routing granularity (UTF, e.g. "layer-level") from format 3 on; formats 1
 * and 2 are read as D2R's module-level routing. Format 1, D2R's only, is format 2 without the method and
 * is still read as D2R. The baselines size their networks from {@code net} (Method.mlpHidden, softModular,
 * care, paco); the tensors are the actor's {@link TaskNetwork#weights()}: for CARE and PaCo also the parts it
 * shares with the critics (CARE's embedding table, task encoder, experts and actor attention; PaCo's task vectors w).
 */
public record PolicySnapshot(Method method, D2rNetConfig net, int obsDims, int actionDims, int tasks, long version,
                             double[] tau, List<Tensor> tensors) {

    public static final int FORMAT = 3;
    static final int FORMAT_BEFORE_GRANULARITY = 2;
    static final int FORMAT_D2R_ONLY = 1;
    private static final byte[] MAGIC = {'D', '2', 'R', 'S', 'N', 'A', 'P', 0};

    /** One named weight tensor, row-major [rows, cols]. */
    public record Tensor(String name, int rows, int cols, float[] values) {
        public Tensor {
            if (values.length != rows * cols) throw new IllegalArgumentException("tensor " + name + " holds " + values.length + " values, not " + rows + "x" + cols);
        }
    }

    public PolicySnapshot {
        java.util.Objects.requireNonNull(method, "method");
        if (tau.length != tasks) throw new IllegalArgumentException("need one temperature per task (" + tasks + "), got " + tau.length);
        tau = tau.clone();
        tensors = List.copyOf(tensors);
    }

    public static PolicySnapshot of(D2rNetwork actor, double[] tau, long version) {
        return of(Method.D2R, actor, actor.config(), tau, version);
    }

    /** Takes the current weights of an actor that {@code method} built from {@code net} (2 x actionDims outputs). */
    public static PolicySnapshot of(Method method, TaskNetwork actor, D2rNetConfig net, double[] tau, long version) {
        if (method == Method.D2R && !(actor instanceof D2rNetwork d && d.config().equals(net))) {
            throw new IllegalArgumentException("a D2R snapshot needs the D2R actor of configuration " + net);
        }
        List<Tensor> ts = new ArrayList<>();
        for (Param p : actor.weights()) {
            Buf b = Buf.of(p.value());
            float[] v = new float[b.length()];
            for (int i = 0; i < v.length; i++) v[i] = (float) b.get(i);
            ts.add(new Tensor(p.name(), (int) p.value().rows(), (int) p.value().columns(), v));
        }
        PolicySnapshot s = new PolicySnapshot(method, net, actor.inputSize(), actor.outputSize() / 2, actor.taskCount(), version,
                tau, ts);
        s.checkLayout();
        return s;
    }

    public Tensor tensor(String name) {
        for (Tensor t : tensors) if (t.name().equals(name)) return t;
        throw new IllegalArgumentException("policy snapshot has no tensor '" + name + "'; it does not match the "
                + method.title() + " layout");
    }

    public void requireCompatible(int expectedObsDims, int expectedActionDims, int expectedTasks) {
        if (obsDims != expectedObsDims || actionDims != expectedActionDims || tasks != expectedTasks) {
            throw new IllegalArgumentException("policy snapshot is for " + tasks + " tasks, " + obsDims + " observation and "
                    + actionDims + " action dims; these environments need " + expectedTasks + ", " + expectedObsDims + " and "
                    + expectedActionDims + " (snapshot from another benchmark or configuration)");
        }
    }

    public byte[] toBytes() {
        try {
            ByteArrayOutputStream bo = new ByteArrayOutputStream();
            DataOutputStream o = new DataOutputStream(bo);
            o.write(MAGIC);
            o.writeInt(FORMAT);
            o.writeUTF(method.cliName());
            writeConfig(o, net);
            o.writeInt(obsDims);
            o.writeInt(actionDims);
            o.writeInt(tasks);
            o.writeLong(version);
            for (double t : tau) o.writeDouble(t);
            o.writeInt(tensors.size());
            for (Tensor t : tensors) {
                o.writeUTF(t.name());
                o.writeInt(t.rows());
                o.writeInt(t.cols());
                ByteBuffer bb = ByteBuffer.allocate(4 * t.values().length);
                bb.asFloatBuffer().put(t.values());
                o.write(bb.array());
            }
            o.flush();
            CRC32 crc = new CRC32();
            crc.update(bo.toByteArray());
            o.writeLong(crc.getValue());
            o.flush();
            return bo.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static PolicySnapshot fromBytes(byte[] data) {
        if (data.length < MAGIC.length + 12 || !Arrays.equals(Arrays.copyOf(data, MAGIC.length), MAGIC)) {
            throw new IllegalArgumentException("not a D2R policy snapshot (bad magic bytes); expected a file written by PolicySnapshot");
        }
        CRC32 crc = new CRC32();
        crc.update(data, 0, data.length - 8);
        long stored = ByteBuffer.wrap(data, data.length - 8, 8).getLong();
        if (stored != crc.getValue()) {
            throw new IllegalArgumentException("policy snapshot is corrupted or truncated: checksum mismatch (stored "
                    + Long.toHexString(stored) + ", computed " + Long.toHexString(crc.getValue()) + "); fetch a fresh snapshot");
        }
        try {
            DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(data, 0, data.length - 8));
            in.skipNBytes(MAGIC.length);
            int format = in.readInt();
            if (format < FORMAT_D2R_ONLY || format > FORMAT) {
                throw new IllegalArgumentException("policy snapshot format " + format + " is not readable by this build (reads "
                        + FORMAT_D2R_ONLY + " to " + FORMAT + "): update the reader");
            }
            Method method = format == FORMAT_D2R_ONLY ? Method.D2R : readMethod(in.readUTF());
            D2rNetConfig net = readConfig(in, format);
            int obs = in.readInt(), act = in.readInt(), tasks = in.readInt();
            long version = in.readLong();
            double[] tau = new double[tasks];
            for (int i = 0; i < tasks; i++) tau[i] = in.readDouble();
            int n = in.readInt();
            List<Tensor> ts = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String name = in.readUTF();
                int r = in.readInt(), c = in.readInt();
                byte[] raw = new byte[Math.multiplyExact(4, Math.multiplyExact(r, c))];
                in.readFully(raw);
                float[] v = new float[r * c];
                ByteBuffer.wrap(raw).asFloatBuffer().get(v);
                ts.add(new Tensor(name, r, c, v));
            }
            if (in.available() != 0) throw new IllegalArgumentException("policy snapshot has " + in.available() + " unexpected trailing bytes");
            PolicySnapshot s = new PolicySnapshot(method, net, obs, act, tasks, version, tau, ts);
            s.checkLayout();
            return s;
        } catch (EOFException e) {
            throw new IllegalArgumentException("policy snapshot is truncated", e);
        } catch (IOException | ArithmeticException e) {
            throw new IllegalArgumentException("policy snapshot is unreadable: " + e.getMessage(), e);
        }
    }

    private static Method readMethod(String name) {
        for (Method m : Method.values()) if (m.cliName().equals(name)) return m;
        throw new IllegalArgumentException("policy snapshot of unknown method '" + name + "' (this build knows "
                + java.util.Arrays.stream(Method.values()).map(Method::cliName).toList() + "): written by a newer build? update the reader");
    }

    /** Checks every tensor has the shape the method's actor of this configuration has. */
    void checkLayout() {
        TaskNetwork probe = method.actor(net, obsDims, actionDims, tasks, 1, org.nd4j.linalg.api.buffer.DataType.FLOAT,
                new org.d2r.core.nn.Rng(0));
        checkLayout(probe.weights(), "a " + method.title() + " actor of its configuration");
    }

    private void checkLayout(List<Param> expected, String what) {
        if (expected.size() != tensors.size()) {
            throw new IllegalArgumentException("policy snapshot has " + tensors.size() + " tensors, " + what + " has " + expected.size());
        }
        for (int i = 0; i < expected.size(); i++) {
            Param p = expected.get(i);
            Tensor t = tensors.get(i);
            if (!p.name().equals(t.name()) || p.value().rows() != t.rows() || p.value().columns() != t.cols()) {
                throw new IllegalArgumentException("policy snapshot tensor " + i + " is " + t.name() + " [" + t.rows() + "x" + t.cols()
                        + "], expected " + p.name() + " " + Arrays.toString(p.value().shape()));
            }
        }
    }

    /** Copies the weights into an actor of the same method and configuration (batched acting, tests). */
    public void loadInto(TaskNetwork actor) {
        boolean sameD2r = method != Method.D2R || actor instanceof D2rNetwork d && d.config().equals(net);
        if (!sameD2r || actor.inputSize() != obsDims || actor.outputSize() != 2 * actionDims || actor.taskCount() != tasks) {
            throw new IllegalArgumentException("policy snapshot does not match this actor: snapshot of " + method.title() + " "
                    + (method == Method.D2R ? net + " " : "") + "obs " + obsDims + " act " + actionDims + " tasks " + tasks);
        }
        List<Param> ps = actor.weights();
        checkLayout(ps, "the actor it is loaded into");
        for (int i = 0; i < ps.size(); i++) {
            Buf b = Buf.of(ps.get(i).value());
            float[] v = tensors.get(i).values();
            for (int k = 0; k < v.length; k++) b.set(k, v[k]);
        }
    }

    static void writeConfig(DataOutputStream o, D2rNetConfig c) throws IOException {
        o.writeInt(c.modules());
        o.writeInt(c.topK());
        o.writeBoolean(c.rescale());
        o.writeInt(c.moduleWidth());
        writeInts(o, c.stateHidden());
        o.writeInt(c.taskWidth());
        writeInts(o, c.routerHidden());
        // one byte as before (format 1 wrote a boolean: 0 off, 1 on); 2 is the paper-text form
        o.writeByte(c.resRouting().ordinal());
        o.writeBoolean(c.stateInRouting());
        o.writeUTF(c.granularity().cliName());
    }

    static D2rNetConfig readConfig(DataInputStream in, int format) throws IOException {
        int modules = in.readInt(), k = in.readInt();
        boolean rescale = in.readBoolean();
        int width = in.readInt();
        int[] sh = readInts(in);
        int tw = in.readInt();
        int[] rh = readInts(in);
        int res = in.readUnsignedByte();
        boolean state = in.readBoolean();
        if (res >= ResRouting.values().length) throw new IOException("policy snapshot names an unknown ResRouting form " + res);
        RoutingGranularity g = format > FORMAT_BEFORE_GRANULARITY ? RoutingGranularity.parse(in.readUTF()) : RoutingGranularity.MODULE;
        return new D2rNetConfig(modules, k, rescale, width, sh, tw, rh, ResRouting.values()[res], state, g);
    }

    private static void writeInts(DataOutputStream o, int[] a) throws IOException {
        o.writeInt(a.length);
        for (int v : a) o.writeInt(v);
    }

    private static int[] readInts(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 64) throw new IOException("implausible layer count " + n);
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = in.readInt();
        return a;
    }
}
