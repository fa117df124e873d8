package org.d2r.metaworld;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AssetsTest {

    @Test
    void findsSharedAssetsBesideAnAncestorOfTheWorkingDirectory(@TempDir Path root) throws IOException {
        Path assets = root.resolve("shared/metaworld-v2/assets");
        Files.createDirectories(assets.resolve("sawyer_xyz"));
        Path module = Files.createDirectories(root.resolve("clone/metaworld/src"));
        assertEquals(assets, Assets.locate(null, null, module));
        assertEquals(assets, Assets.locate(null, null, root.resolve("clone")));
        assertEquals(assets, Assets.locate(null, null, root));
    }

    @Test
    void explicitSettingsWinAndAreChecked(@TempDir Path root) throws IOException {
        Path mine = Files.createDirectories(root.resolve("mine/sawyer_xyz")).getParent();
        assertEquals(mine, Assets.locate(mine.toString(), "/nonexistent", root));
        assertEquals(mine, Assets.locate(null, mine.toString(), root));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Assets.locate(null, root.resolve("empty").toString(), root));
        assertTrue(e.getMessage().contains("METAWORLD_ASSETS"), e.getMessage());
    }

    @Test
    void missingAssetsNameTheSettingAndTheFetchScript(@TempDir Path root) {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Assets.locate(null, null, root));
        assertTrue(e.getMessage().contains("METAWORLD_ASSETS"), e.getMessage());
        assertTrue(e.getMessage().contains("scripts/fetch-metaworld-assets.sh"), e.getMessage());
        IllegalStateException viaEnv = assertThrows(IllegalStateException.class,
                () -> MetaWorld.make("reach-v2", EnvConfig.defaults().withAssets(root)));
        assertTrue(viaEnv.getMessage().contains("fetch-metaworld-assets.sh"), viaEnv.getMessage());
    }
}
