package org.d2r.metaworld.mujoco;

import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.IntBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.DoubleStream;

/**
 * A compiled MuJoCo model (mjModel). Array accessors return views over the native arrays, so a
 * write (e.g. to {@link #bodyPos()}) changes the model in place, as Meta-World does with
 * {@code sim.model.body_pos[...] = ...}. Views must not be used after {@link #close()}.
 */
public final class MjModel implements AutoCloseable {

    private long ptr;
    private final int[] sizes;

    private MjModel(long ptr) {
        this.ptr = ptr;
        this.sizes = MujocoNative.modelSizes(ptr);
    }

    /** Loads the MuJoCo binding now, on the calling thread (see infra's NativeLibraries for why that matters). */
    public static void loadNativeLibrary() {
        MujocoNative.ensureLoaded();
    }

    /** Compiles an MJCF file. Errors from MuJoCo's compiler become IllegalArgumentException. */
    public static MjModel load(Path xml) {
        MujocoNative.ensureLoaded();
        if (!Files.isRegularFile(xml)) {
            throw new IllegalArgumentException("MuJoCo model file not found: " + xml.toAbsolutePath());
        }
        return new MjModel(MujocoNative.loadXml(xml.toAbsolutePath().toString()));
    }

    /** A deep copy (mj_copyModel): cheaper than compiling the XML again, and independently mutable. */
    public MjModel copy() {
        return new MjModel(MujocoNative.copyModel(live()));
    }

    public MjData makeData() {
        return new MjData(this);
    }

    long live() {
        if (ptr == 0) {
            throw new IllegalStateException("MjModel used after close()");
        }
        return ptr;
    }

    public boolean isClosed() {
        return ptr == 0;
    }

    public int nq() { return sizes[0]; }
    public int nv() { return sizes[1]; }
    public int nmocap() { return sizes[6]; }
    public int neq() { return sizes[7]; }
    public int nconmax() { return sizes[9]; }

    int contactStride() { return sizes[11]; }
    int contactGeom1Offset() { return sizes[12]; }
    int contactGeom2Offset() { return sizes[13]; }
    int contactEfcAddressOffset() { return sizes[14]; }

    /** Values per equality constraint in {@link #eqData()} (mjNEQDATA). */
    public int eqDataWidth() { return sizes[15]; }

    public int id(MjObj type, String name) {
        int id = MujocoNative.name2id(live(), type.code, name);
        if (id < 0) {
            throw new IllegalArgumentException("The model has no " + type.name().toLowerCase() + " named '" + name + "'");
        }
        return id;
    }

    public int idOrMinusOne(MjObj type, String name) {
        return MujocoNative.name2id(live(), type.code, name);
    }

    public double timestep() { return doubles(MujocoNative.M_OPT_TIMESTEP).get(0); }

    /** body_pos, nbody x 3: body frame offsets relative to the parent. */
    public DoubleBuffer bodyPos() { return doubles(MujocoNative.M_BODY_POS); }
    /** site_pos, nsite x 3. */
    public DoubleBuffer sitePos() { return doubles(MujocoNative.M_SITE_POS); }
    /** eq_data, neq x {@link #eqDataWidth()}. */
    public DoubleBuffer eqData() { return doubles(MujocoNative.M_EQ_DATA); }
    /** eq_type (mjtEq; 1 = weld). */
    public IntBuffer eqType() { return ints(MujocoNative.M_EQ_TYPE); }
    public IntBuffer jntQposAdr() { return ints(MujocoNative.M_JNT_QPOSADR); }
    /** body_mocapid: the mocap index of each body, -1 for bodies that are not mocap. */
    public IntBuffer bodyMocapId() { return ints(MujocoNative.M_BODY_MOCAPID); }

    /**
     * Every value this class hands out through a writable buffer, and body_quat, geom_pos and jnt_dofadr
     * besides, in one array: two equal results mean the model was not edited through this binding in
     * between. A new writable accessor must be added here too.
     */
    public double[] editableValues() {
        int[] dfields = {MujocoNative.M_BODY_POS, MujocoNative.M_BODY_QUAT, MujocoNative.M_SITE_POS,
            MujocoNative.M_GEOM_POS, MujocoNative.M_EQ_DATA, MujocoNative.M_OPT_TIMESTEP};
        int[] ifields = {MujocoNative.M_EQ_TYPE, MujocoNative.M_JNT_QPOSADR, MujocoNative.M_JNT_DOFADR,
            MujocoNative.M_BODY_MOCAPID};
        DoubleStream.Builder out = DoubleStream.builder();
        for (int f : dfields) {
            DoubleBuffer d = doubles(f);
            for (int k = 0; k < d.capacity(); k++) {
                out.add(d.get(k));
            }
        }
        for (int f : ifields) {
            IntBuffer b = ints(f);
            for (int k = 0; k < b.capacity(); k++) {
                out.add(b.get(k));
            }
        }
        return out.build().toArray();
    }

    private DoubleBuffer doubles(int field) {
        return MujocoNative.modelArray(live(), field).order(ByteOrder.nativeOrder()).asDoubleBuffer();
    }

    private IntBuffer ints(int field) {
        return MujocoNative.modelArray(live(), field).order(ByteOrder.nativeOrder()).asIntBuffer();
    }

    /** Frees the native model. Idempotent. Any MjData made from it must be closed first. */
    @Override
    public void close() {
        if (ptr != 0) {
            MujocoNative.freeModel(ptr);
            ptr = 0;
        }
    }
}
