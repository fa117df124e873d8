package org.d2r.infra;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fault drills' watchdog fails a frozen child with its thread dump instead of waiting on it. */
class WatchdogTest {

    /** A child that neither writes nor ends: what a deadlocked train looks like from outside. */
    public static final class Frozen {
        public static void main(String[] args) throws InterruptedException {
            Object lock = new Object();
            synchronized (lock) {
                lock.wait();
            }
        }
    }

    @Test
    void aChildThatStopsMakingProgressFailsWithItsThreadDump(@TempDir Path dir) throws Exception {
        TrainRuns runs = new TrainRuns(dir, Duration.ofSeconds(3));
        ProcessBuilder b = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Frozen.class.getName())).redirectErrorStream(true);
        Process frozen = b.redirectOutput(dir.resolve("frozen.out").toFile()).start();
        Files.move(dir.resolve("frozen.out"), runs.output(frozen));
        AssertionError e = assertThrows(AssertionError.class, () -> runs.awaitExit(frozen, dir.resolve("no-run"), "a frozen child"));
        assertTrue(e.getMessage().contains("made no progress for 3 s"), e.getMessage());
        assertTrue(e.getMessage().contains("WatchdogTest$Frozen.main"), "the dump shows where it hangs: " + e.getMessage());
        frozen.waitFor();
        assertTrue(!frozen.isAlive(), "the frozen child is killed");
    }

    /** A JVM that gives jcmd no dump (here: attach disabled) is still read from outside, thread by thread. */
    @Test
    void aChildThatJcmdCannotReadIsDumpedFromOutside(@TempDir Path dir) throws Exception {
        Process frozen = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+DisableAttachMechanism", "-cp", System.getProperty("java.class.path"), Frozen.class.getName()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("frozen.out").toFile()).start();
        try {
            Thread.sleep(1000);
            String dump = TrainRuns.threadDump(frozen.pid());
            assertTrue(dump.contains("jcmd got no thread dump"), dump);
            assertTrue(dump.contains("(VM Thread)") && dump.contains("wchan="), "each thread's kernel state: " + dump);
        } finally {
            frozen.destroyForcibly().waitFor();
        }
    }
}
