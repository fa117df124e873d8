package org.d2r.metaworld.mujoco;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.IntBuffer;

/**
 * The simulation state (mjData) of one {@link MjModel}. Array accessors return DoubleBuffer views
 * in native order over MuJoCo's own arrays; the arrays never move for the life of this object, so
 * callers may keep the views and read or write them every step without copying. Views must not be
 * used after {@link #close()}; the methods of this class check and throw instead of crashing.
 */
public final class MjData implements AutoCloseable {

    private final MjModel model;
    private long ptr;
    private final ByteBuffer contacts;
    private final IntBuffer ncon;
    private final DoubleBuffer efcForce;
    private final DoubleBuffer time;
    private final int contactStride, geom1Off, geom2Off, efcOff;

    MjData(MjModel model) {
        this.model = model;
        this.ptr = MujocoNative.makeData(model.live());
        this.contacts = raw(MujocoNative.D_CONTACT);
        this.ncon = raw(MujocoNative.D_NCON).asIntBuffer();
        this.efcForce = doubles(MujocoNative.D_EFC_FORCE);
        this.time = doubles(MujocoNative.D_TIME);
        this.contactStride = model.contactStride();
        this.geom1Off = model.contactGeom1Offset();
        this.geom2Off = model.contactGeom2Offset();
        this.efcOff = model.contactEfcAddressOffset();
    }

    private long live() {
        if (ptr == 0) {
            throw new IllegalStateException("MjData used after close()");
        }
        if (model.isClosed()) {
            throw new IllegalStateException("MjData used after its MjModel was closed");
        }
        return ptr;
    }

    /**
     * Runs {@code n} mj_step calls in one native crossing; returns how many MuJoCo warnings (mjData.warning
     * counters) they raised: mujoco_py raised on a warning, which Meta-World's instability handling keys on.
     */
    public int step(int n) {
        return MujocoNative.step(model.live(), live(), n);
    }

    /** mj_forward: recomputes positions, contacts and forces from qpos/qvel without advancing time. */
    public void forward() {
        MujocoNative.forward(model.live(), live());
    }

    /** mj_resetData: qpos to qpos0, zero velocities, time and warning counters. */
    public void reset() {
        MujocoNative.resetData(model.live(), live());
    }

    /**
     * mj_copyData: this state becomes a full copy of {@code source}'s (every array, contact and
     * constraint slots included, warning counters too); this object's buffers keep their addresses.
     */
    public void copyFrom(MjData source) {
        if (source.model != model) {
            throw new IllegalArgumentException("copyFrom needs an MjData of the same MjModel; make both with model.makeData()");
        }
        MujocoNative.copyData(model.live(), live(), source.live());
    }

    /** Runs n bare mj_steps and returns the nanoseconds they took (a physics-only timing). */
    public long timeSteps(int n) {
        return MujocoNative.timeSteps(model.live(), live(), n);
    }

    public double time() {
        live();
        return time.get(0);
    }

    public DoubleBuffer qpos() { return doubles(MujocoNative.D_QPOS); }
    public DoubleBuffer qvel() { return doubles(MujocoNative.D_QVEL); }
    public DoubleBuffer ctrl() { return doubles(MujocoNative.D_CTRL); }
    /** nmocap x 3. */
    public DoubleBuffer mocapPos() { return doubles(MujocoNative.D_MOCAP_POS); }
    /** nmocap x 4 (w, x, y, z). */
    public DoubleBuffer mocapQuat() { return doubles(MujocoNative.D_MOCAP_QUAT); }
    /** Body frame positions in world coordinates, nbody x 3 (what mujoco_py's get_body_xpos reads). */
    public DoubleBuffer xpos() { return doubles(MujocoNative.D_XPOS); }
    /** Body orientations, nbody x 4 (w, x, y, z). */
    public DoubleBuffer xquat() { return doubles(MujocoNative.D_XQUAT); }
    public DoubleBuffer siteXpos() { return doubles(MujocoNative.D_SITE_XPOS); }
    /** nsite x 9, row-major rotation matrices. */
    public DoubleBuffer siteXmat() { return doubles(MujocoNative.D_SITE_XMAT); }
    public DoubleBuffer geomXpos() { return doubles(MujocoNative.D_GEOM_XPOS); }
    /** ngeom x 9, row-major rotation matrices. */
    public DoubleBuffer geomXmat() { return doubles(MujocoNative.D_GEOM_XMAT); }

    /** Number of contacts detected by the last forward/step. */
    int ncon() {
        live();
        return ncon.get(0);
    }

    /**
     * Sum of efc_force at each contact's efc_address over the contacts between the two geoms, as
     * Meta-World's touching_object computes it. mujoco_py exposed {@code data.contact} as all
     * {@code nconmax} slots, not just the {@code ncon} live ones, so Meta-World also summed stale
     * slots left over from earlier steps; {@code includeStaleSlots} reproduces that. Reads the
     * contact list in place: no copy, no native call.
     */
    public double contactForceBetween(int geomA, int geomB, boolean includeStaleSlots) {
        int n = includeStaleSlots ? model.nconmax() : ncon();
        live();
        double sum = 0;
        for (int i = 0; i < n; i++) {
            int base = i * contactStride;
            int g1 = contacts.getInt(base + geom1Off);
            int g2 = contacts.getInt(base + geom2Off);
            if ((g1 == geomA && g2 == geomB) || (g1 == geomB && g2 == geomA)) {
                int adr = contacts.getInt(base + efcOff);
                // numpy's efc_force[-1] for a contact without constraint rows reads the last slot.
                sum += efcForce.get(adr >= 0 ? adr : efcForce.capacity() + adr);
            }
        }
        return sum;
    }

    private ByteBuffer raw(int field) {
        return MujocoNative.dataArray(model.live(), live(), field).order(ByteOrder.nativeOrder());
    }

    private DoubleBuffer doubles(int field) {
        return raw(field).asDoubleBuffer();
    }

    /** Frees the native state. Idempotent. */
    @Override
    public void close() {
        if (ptr != 0) {
            MujocoNative.freeData(ptr);
            ptr = 0;
        }
    }
}
