package org.d2r.infra;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Every native library a role opens is in the process once loadAll returns, so no role thread opens one later. */
class NativeLibrariesTest {

    @Test
    void loadAllMapsTheNativeLibrariesOfEveryRole() throws Exception {
        NativeLibraries.loadAll();
        String maps = Files.readString(Path.of("/proc/self/maps"));
        for (String lib : new String[] {"libjnind4jcpu", "libopenblas", "libd2rmujoco", "libawt_headless", "libfontmanager"}) {
            assertTrue(maps.contains(lib), lib + " is not loaded");
        }
    }
}
