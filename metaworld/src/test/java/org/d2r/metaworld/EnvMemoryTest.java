package org.d2r.metaworld;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Environments free their MuJoCo model and data on close, and resets allocate nothing native. */
class EnvMemoryTest {

    static long residentKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS");
    }

    @Test
    void manyEnvironmentsAndResetsDoNotGrowResidentMemory() throws IOException {
        cycle(20);
        long before = residentKb();
        cycle(300);
        long grownKb = residentKb() - before;
        // A Sawyer scene's model + data is several MB; leaking 300 of them would add about a GB.
        assertTrue(grownKb < 64 * 1024, "resident memory grew by " + grownKb + " KB over 300 environments");
    }

    private static void cycle(int n) {
        for (int i = 0; i < n; i++) {
            try (MetaWorldEnv env = MetaWorld.make("push-v2", EnvConfig.defaults().withEnvIndex(i))) {
                env.reset();
                env.step(new double[] {0, 0, 0, 1});
            }
        }
    }
}
