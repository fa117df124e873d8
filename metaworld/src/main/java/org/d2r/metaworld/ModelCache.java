package org.d2r.metaworld;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.d2r.metaworld.mujoco.MjModel;

/**
 * Compiled scenes, one pristine model per file for the life of the JVM. Compiling a Sawyer scene
 * (meshes, convex hulls) takes about 100 ms, copying a compiled one a few ms, and environments
 * mutate their own model (welds, body positions), so each environment gets a copy.
 */
final class ModelCache {

    private static final Map<Path, MjModel> PRISTINE = new ConcurrentHashMap<>();

    private ModelCache() {}

    /** A private copy of the compiled scene; the caller owns (and closes) it. */
    static MjModel copyOf(Path scene) {
        MjModel pristine = PRISTINE.computeIfAbsent(scene.toAbsolutePath().normalize(), MjModel::load);
        return pristine.copy();
    }
}
