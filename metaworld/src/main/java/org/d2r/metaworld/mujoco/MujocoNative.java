package org.d2r.metaworld.mujoco;

import java.nio.ByteBuffer;

/**
 * The JNI entry points of {@code d2r_mujoco.c}. Pointers travel as {@code long}; the owning
 * {@link MjModel} / {@link MjData} objects guard them against use after free.
 */
final class MujocoNative {

    // mjData field codes; same order as the enum in d2r_mujoco.c.
    static final int D_QPOS = 0, D_QVEL = 1, D_CTRL = 2, D_MOCAP_POS = 3, D_MOCAP_QUAT = 4,
            D_XPOS = 5, D_XQUAT = 6, D_SITE_XPOS = 7, D_SITE_XMAT = 8, D_GEOM_XPOS = 9,
            D_GEOM_XMAT = 10, D_EFC_FORCE = 11, D_CONTACT = 12, D_NCON = 13, D_TIME = 14;
    // mjModel field codes; same order as in d2r_mujoco.c.
    static final int M_BODY_POS = 0, M_BODY_QUAT = 1, M_SITE_POS = 2, M_EQ_DATA = 3, M_EQ_TYPE = 4,
            M_JNT_QPOSADR = 5, M_JNT_DOFADR = 6, M_BODY_MOCAPID = 7, M_GEOM_POS = 8,
            M_OPT_TIMESTEP = 9;

    static {
        NativeLoader.load();
    }

    private MujocoNative() {}

    static void ensureLoaded() {
        // Referencing the class runs the static initialiser; nothing else to do.
    }

    static native long loadXml(String path);

    static native long copyModel(long model);

    static native void freeModel(long model);

    static native long makeData(long model);

    static native void freeData(long data);

    static native int[] modelSizes(long model);

    static native ByteBuffer dataArray(long model, long data, int field);

    static native ByteBuffer modelArray(long model, int field);

    static native int name2id(long model, int type, String name);

    static native void forward(long model, long data);

    static native void resetData(long model, long data);

    static native void copyData(long model, long dst, long src);

    static native int step(long model, long data, int n);

    static native long timeSteps(long model, long data, int n);
}
