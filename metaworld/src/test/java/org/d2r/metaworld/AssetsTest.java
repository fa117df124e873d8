package org.d2r.metaworld;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AssetsTest {

    @Test
    void findsSharedAssetsBesideAnAncestorOfTheWorkingDirectory(@TempDir Path root) throws IOException {
        Path assets = root.resolve("shared/metaworld-v2/assets");
        Files.createDirectories(assets.resolve("sawyer_xyz"));
        Path module = Files.createDirectories(root.resolve("clone/metaworld/src"));
        Path noCache = root.resolve("cache");
        assertEquals(assets, Assets.resolve(null, null, module, noCache, null));
        assertEquals(assets, Assets.resolve(null, null, root.resolve("clone"), noCache, null));
        assertEquals(assets, Assets.resolve(null, null, root, noCache, null));
    }

    @Test
    void explicitSettingsWinAndAreChecked(@TempDir Path root) throws IOException {
        Path mine = Files.createDirectories(root.resolve("mine/sawyer_xyz")).getParent();
        Path cache = root.resolve("cache");
        Files.createDirectories(cache.resolve("assets/sawyer_xyz"));
        assertEquals(mine, Assets.resolve(mine.toString(), "/nonexistent", root, cache, null));
        assertEquals(mine, Assets.resolve(null, mine.toString(), root, cache, null));
        // a wrong explicit setting is an error, not a reason to fall back on the cache
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Assets.resolve(null, root.resolve("empty").toString(), root, cache, null));
        assertTrue(e.getMessage().contains("METAWORLD_ASSETS"), e.getMessage());
    }

    @Test
    void theUserCacheIsTheLastPlaceLookedIn(@TempDir Path root) throws IOException {
        Path cache = root.resolve("cache/d2r/metaworld-" + Assets.COMMIT);
        Path work = Files.createDirectories(root.resolve("work"));
        assertThrows(IllegalStateException.class, () -> Assets.resolve(null, null, work, cache, null));
        Files.createDirectories(cache.resolve("assets/sawyer_xyz"));
        assertEquals(cache.resolve("assets"), Assets.resolve(null, null, work, cache, null));
        Path shared = Files.createDirectories(root.resolve("shared/metaworld-v2/assets/sawyer_xyz")).getParent();
        assertEquals(shared, Assets.resolve(null, null, work, cache, null));
    }

    @Test
    void theCacheFollowsXdgCacheHomeElseHome() {
        String folder = "d2r/metaworld-" + Assets.COMMIT;
        assertEquals(Path.of("/x/cache").resolve(folder), Assets.cacheDir(Map.of("XDG_CACHE_HOME", "/x/cache", "HOME", "/home/u")));
        // the XDG rule: a relative XDG_CACHE_HOME is ignored
        assertEquals(Path.of("/home/u/.cache").resolve(folder), Assets.cacheDir(Map.of("XDG_CACHE_HOME", "rel", "HOME", "/home/u")));
        assertEquals(Path.of("/home/u/.cache").resolve(folder), Assets.cacheDir(Map.of("HOME", "/home/u")));
    }

    @Test
    void theFetchUrlIsGitHubsArchiveOfThePinnedCommitUnlessOverridden() {
        assertEquals("https://github.com/Farama-Foundation/Metaworld/archive/04be337a12305e393c0caf0cbf5ec7755c7c8feb.tar.gz",
                Assets.fetchUrl(null));
        assertEquals(Assets.DEFAULT_URL, Assets.fetchUrl(" "));
        assertEquals("http://mirror/m.tar.gz", Assets.fetchUrl("http://mirror/m.tar.gz"));
    }

    @Test
    void missingAssetsNameTheSettingTheCacheAndTheLauncher(@TempDir Path root) {
        Path cache = root.resolve("cache");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Assets.resolve(null, null, root, cache, null));
        assertTrue(e.getMessage().contains("METAWORLD_ASSETS"), e.getMessage());
        assertTrue(e.getMessage().contains(cache.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("bin/d2r"), e.getMessage());
        IllegalStateException viaEnv = assertThrows(IllegalStateException.class,
                () -> MetaWorld.make("reach-v2", new EnvConfig(500, GoalMode.RAND, 0, 0, false, root)));
        assertTrue(viaEnv.getMessage().contains("bin/d2r"), viaEnv.getMessage());
    }
}
