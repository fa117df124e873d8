package org.d2r.metaworld.mujoco;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Native memory is freed on close: thousands of simulations must not grow the process. */
class NativeMemoryTest {

    static long residentKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }

    @Test
    void twoThousandSimulationsCreatedAndClosedDoNotGrowResidentMemory(@TempDir Path dir) throws IOException {
        Path xml = MujocoBindingTest.writeModel(dir, MujocoBindingTest.BALL_XML);
        try (MjModel base = MjModel.load(xml)) {
            cycle(base, 200); // warm up allocator and JIT
            long before = residentKb();
            cycle(base, 2000);
            long grownKb = residentKb() - before;
            // Each cycle allocates a model copy and its data (tens of KB); leaking them would add
            // tens of MB. Allow a small slack for the JVM's own growth.
            assertTrue(grownKb < 16 * 1024, "resident memory grew by " + grownKb + " KB over 2000 simulations");
        }
    }

    private static void cycle(MjModel base, int n) {
        for (int i = 0; i < n; i++) {
            try (MjModel m = base.copy(); MjData d = m.makeData()) {
                d.step(2);
            }
        }
    }
}
