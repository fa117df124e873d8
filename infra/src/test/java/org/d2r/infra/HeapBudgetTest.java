package org.d2r.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An embedded run says at start what heap its full replay needs, instead of running out of it hours in. */
class HeapBudgetTest {

    private static final long GB = 1L << 30;

    @Test
    void mt50WithThePapersReplayNeedsMoreThanTheDefaultHeapAndNamesTheOption() {
        // MT50: 1e7 transitions (200,000 a task) at the paper's 1M steps a task
        HeapBudget b = HeapBudget.of(10_000_000L, 50, 1_000_000L);
        assertEquals(10_000_000L, b.transitions());
        assertTrue(b.bytes() > 5 * GB && b.bytes() < 6 * GB, "about 5.7 GB: " + b.bytes());
        String r = b.refusal(6 * GB, 24 * GB); // the JVM's default on a 24 GB machine: a quarter
        assertTrue(r != null && r.contains("10,000,000 transitions") && r.contains("D2R_OPTS=-Xmx" + b.suggestedGigabytes() + "g"), r);
        assertNull(b.refusal(b.suggestedGigabytes() * GB, 24 * GB), "the suggested heap holds it");
    }

    @Test
    void theHeapComparedIsTheOneTheSuggestionGivesNotTheCollectorsShareOfIt() throws Exception {
        // a JVM started as the refusal says, with the parallel collector whose maxMemory() leaves out a survivor space
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-XX:+UseParallelGC", "-Xmx7g", "-cp", System.getProperty("java.class.path"),
                HeapBudgetProbe.class.getName()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertEquals(0, p.waitFor(), out);
        String[] heaps = out.split(" ");
        assertEquals(7 * GB, Long.parseLong(heaps[0]), "the -Xmx given");
        assertTrue(Long.parseLong(heaps[1]) < 7 * GB, "maxMemory() is less here, which is why it is not what is compared");
        HeapBudget mt50 = HeapBudget.of(10_000_000L, 50, 1_000_000L);
        assertEquals(7, mt50.suggestedGigabytes());
        assertNull(mt50.refusal(Long.parseLong(heaps[0]), 24 * GB), "-Xmx7g, as suggested, starts the run");
    }

    /** Prints {@link HeapBudget#maxHeap()} and {@code Runtime.maxMemory()} of the JVM it runs in. */
    static final class HeapBudgetProbe {
        public static void main(String[] args) {
            System.out.println(HeapBudget.maxHeap() + " " + Runtime.getRuntime().maxMemory());
        }
    }

    @Test
    void aMachineTooSmallForTheSuggestedHeapIsToldToSplitTheRoles() {
        String r = HeapBudget.of(10_000_000L, 50, 1_000_000L).refusal(2 * GB, 4 * GB);
        assertTrue(r.contains("this machine has") && r.contains("run mode 3"), r);
    }

    @Test
    void aShortRunHoldsOnlyTheStepsItTakes() {
        HeapBudget b = HeapBudget.of(10_000_000L, 50, 1_000L);
        assertEquals(50_000L, b.transitions(), "the budget's transitions, not the capacity");
        assertNull(b.refusal(2 * GB, 24 * GB));
        assertNull(HeapBudget.of(1_000_000L, 10, 1_500_000L).refusal(6 * GB, 24 * GB), "MT10 fits the default heap");
    }

    @Test
    void aSmokeRunFitsTheHeapTheFaultDrillsGiveIt() {
        assertNull(HeapBudget.of(1_000_000L, 2, 500L).refusal(1 * GB, 24 * GB), "smoke, two tasks, 500 steps: -Xmx1g");
    }

    @Test
    void trainRefusesBeforeItStartsAnything(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("mt50");
        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-cp", System.getProperty("java.class.path"), D2rCli.class.getName(), "train", "--preset", "mt50-rand",
                "--run-dir", run.toString())).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(1, p.exitValue(), out);
        assertTrue(out.contains("D2R_OPTS=-Xmx") && out.contains("10,000,000 transitions"), out);
        assertFalse(out.contains("Exception"), out);
        assertFalse(Files.exists(run), "nothing left behind: the same command works with the heap");
    }
}
