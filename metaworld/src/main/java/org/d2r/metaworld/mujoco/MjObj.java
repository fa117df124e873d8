package org.d2r.metaworld.mujoco;

/** MuJoCo object types (mjtObj) that names are looked up for. */
public enum MjObj {
    BODY(1), JOINT(3), GEOM(5), SITE(6);

    final int code;

    MjObj(int code) {
        this.code = code;
    }
}
