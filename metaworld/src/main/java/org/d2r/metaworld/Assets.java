package org.d2r.metaworld;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Where Meta-World's {@code assets_v2} scene files are read from (never copied into the repo).
 * Order: an explicit path in {@link EnvConfig#assets()}, the system property
 * {@code metaworld.assets}, the environment variable {@code METAWORLD_ASSETS}, then the first
 * directory upward from the working directory whose sibling {@code shared/metaworld-v2/assets}
 * exists (so module directories, the repo root and CI's {@code <x>/clone} beside {@code <x>/shared}
 * all work).
 */
public final class Assets {

    static final String PROPERTY = "metaworld.assets";
    static final String ENV_VAR = "METAWORLD_ASSETS";
    private static final String FETCH_HINT = "Set " + ENV_VAR + " (or -D" + PROPERTY
            + ") to Meta-World's assets_v2 folder, or fetch it with scripts/fetch-metaworld-assets.sh.";

    private Assets() {}

    /** The assets folder for this configuration, checked to contain {@code sawyer_xyz/}. */
    public static Path root(EnvConfig cfg) {
        if (cfg != null && cfg.assets() != null) {
            return checked(cfg.assets(), "EnvConfig.assets");
        }
        return locate(System.getProperty(PROPERTY), System.getenv(ENV_VAR), Paths.get("").toAbsolutePath());
    }

    static Path locate(String property, String envVar, Path workingDir) {
        if (property != null && !property.isBlank()) {
            return checked(Paths.get(property), "system property " + PROPERTY);
        }
        if (envVar != null && !envVar.isBlank()) {
            return checked(Paths.get(envVar), "environment variable " + ENV_VAR);
        }
        for (Path dir = workingDir; dir != null; dir = dir.getParent()) {
            if (dir.getParent() == null) {
                break;
            }
            Path candidate = dir.resolveSibling("shared").resolve("metaworld-v2").resolve("assets");
            if (Files.isDirectory(candidate.resolve("sawyer_xyz"))) {
                return candidate;
            }
        }
        // Also accept being started from the folder that holds both the clone and shared/.
        Path below = workingDir.resolve("shared").resolve("metaworld-v2").resolve("assets");
        if (Files.isDirectory(below.resolve("sawyer_xyz"))) {
            return below;
        }
        throw new IllegalStateException("Meta-World assets not found: " + ENV_VAR + " and -D" + PROPERTY
                + " are unset and no shared/metaworld-v2/assets was found beside any parent of " + workingDir
                + ". " + FETCH_HINT);
    }

    private static Path checked(Path p, String source) {
        if (!Files.isDirectory(p.resolve("sawyer_xyz"))) {
            throw new IllegalStateException("Meta-World assets not found at " + p.toAbsolutePath() + " (from "
                    + source + "): it has no sawyer_xyz/ folder. " + FETCH_HINT);
        }
        return p;
    }

    /** A scene file under {@code sawyer_xyz/}, e.g. {@code sawyer_reach_v2.xml}. */
    public static Path scene(EnvConfig cfg, String fileName) {
        Path p = root(cfg).resolve("sawyer_xyz").resolve(fileName);
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("Meta-World scene " + p + " is missing. " + FETCH_HINT);
        }
        return p;
    }
}
