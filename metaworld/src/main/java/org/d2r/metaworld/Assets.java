package org.d2r.metaworld;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.Optional;

/**
 * Where Meta-World's {@code assets_v2} scene files are read from (never copied into the repo).
 * Order: an explicit path in {@link EnvConfig#assets()}, the system property
 * {@code metaworld.assets}, the environment variable {@code METAWORLD_ASSETS}, the first
 * directory upward from the working directory whose sibling {@code shared/metaworld-v2/assets}
 * exists (so module directories, the repo root and CI's {@code <x>/clone} beside {@code <x>/shared}
 * all work), then the user cache ({@code ${XDG_CACHE_HOME:-~/.cache}/d2r/metaworld-<commit>/assets}).
 * When none has them and the system property {@code d2r.assets.fetch} is true (bin/d2r sets it), the pinned
 * commit's archive is fetched into that cache once ({@link AssetsArchive}); tests and embedders never
 * download anything unasked.
 */
public final class Assets {

    static final String PROPERTY = "metaworld.assets";
    static final String ENV_VAR = "METAWORLD_ASSETS";
    /** Meta-World's commit of the D2R paper: the scenes our tasks were ported against. */
    public static final String COMMIT = "04be337a12305e393c0caf0cbf5ec7755c7c8feb";
    static final String FETCH_PROPERTY = "d2r.assets.fetch";
    static final String URL_ENV_VAR = "D2R_METAWORLD_URL";
    static final String DEFAULT_URL = "https://github.com/Farama-Foundation/Metaworld/archive/" + COMMIT + ".tar.gz";
    private static final String FETCH_HINT = "Set " + ENV_VAR + " (or -D" + PROPERTY
            + ") to Meta-World's assets_v2 folder, or let bin/d2r fetch it (it does when none is found).";

    private Assets() {}

    /** The assets folder for this configuration, checked to contain {@code sawyer_xyz/}. */
    public static Path root(EnvConfig cfg) {
        if (cfg != null && cfg.assets() != null) {
            return checked(cfg.assets(), "EnvConfig.assets");
        }
        String url = Boolean.getBoolean(FETCH_PROPERTY) ? fetchUrl(System.getenv(URL_ENV_VAR)) : null;
        return resolve(System.getProperty(PROPERTY), System.getenv(ENV_VAR), Paths.get("").toAbsolutePath(),
                cacheDir(System.getenv()), url);
    }

    /** The archive to fetch: {@code D2R_METAWORLD_URL} when set (a mirror, or a {@code file:} URL), else GitHub's. */
    static String fetchUrl(String override) {
        return override == null || override.isBlank() ? DEFAULT_URL : override.strip();
    }

    /**
     * The user cache folder of the pinned commit: {@code $XDG_CACHE_HOME/d2r/metaworld-<commit>}, or
     * {@code $HOME/.cache/...} (the XDG base directory rule: a relative XDG_CACHE_HOME is ignored).
     */
    public static Path cacheDir(Map<String, String> env) {
        String xdg = env.get("XDG_CACHE_HOME");
        Path base;
        if (xdg != null && !xdg.isBlank() && Paths.get(xdg).isAbsolute()) {
            base = Paths.get(xdg);
        } else {
            String home = env.getOrDefault("HOME", System.getProperty("user.home"));
            base = Paths.get(home).resolve(".cache");
        }
        return base.resolve("d2r").resolve("metaworld-" + COMMIT);
    }

    /**
     * The lookup, then the fetch into {@code cache} when {@code fetchUrl} is not null and nothing was found.
     * Synchronized: the environments of one process are built from several threads, and one download is enough.
     */
    static synchronized Path resolve(String property, String envVar, Path workingDir, Path cache, String fetchUrl) {
        Optional<Path> found = find(property, envVar, workingDir, cache);
        if (found.isPresent()) {
            return found.get();
        }
        if (fetchUrl == null) {
            throw new IllegalStateException("Meta-World assets not found: " + ENV_VAR + " and -D" + PROPERTY
                    + " are unset, no shared/metaworld-v2/assets was found beside any parent of " + workingDir
                    + " and the cache " + cache + " is empty. " + FETCH_HINT);
        }
        return AssetsArchive.fetch(fetchUrl, cache, System.err, System.getenv());
    }

    private static Optional<Path> find(String property, String envVar, Path workingDir, Path cache) {
        if (property != null && !property.isBlank()) {
            return Optional.of(checked(Paths.get(property), "system property " + PROPERTY));
        }
        if (envVar != null && !envVar.isBlank()) {
            return Optional.of(checked(Paths.get(envVar), "environment variable " + ENV_VAR));
        }
        for (Path dir = workingDir; dir.getParent() != null; dir = dir.getParent()) {
            Path candidate = dir.resolveSibling("shared").resolve("metaworld-v2").resolve("assets");
            if (Files.isDirectory(candidate.resolve("sawyer_xyz"))) {
                return Optional.of(candidate);
            }
        }
        // Also accept being started from the folder that holds both the clone and shared/.
        Path below = workingDir.resolve("shared").resolve("metaworld-v2").resolve("assets");
        if (Files.isDirectory(below.resolve("sawyer_xyz"))) {
            return Optional.of(below);
        }
        Path cached = AssetsArchive.assetsIn(cache);
        return Files.isDirectory(cached.resolve("sawyer_xyz")) ? Optional.of(cached) : Optional.empty();
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
