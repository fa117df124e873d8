package org.d2r.core.sac;

import static org.d2r.core.sac.SacFixtures.batch;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.d2r.core.config.D2rNetConfig;
import org.d2r.core.config.SacConfig;
import org.d2r.core.nn.Par;
import org.d2r.core.nn.ParamSet;
import org.junit.jupiter.api.Test;

/**
 * The update runs the twin critics' passes side by side (Par.both). Large enough arrays that the
 * element-wise loops split over cores too, so a data race or an order dependence would show up as
 * a difference from the same update run strictly in sequence.
 */
class PairedUpdateTest {
    static final int TASKS = 2, PER_TASK = 256, OBS = 6, ACT = 2;
    static final D2rNetConfig NET = D2rNetConfig.small(4, 128, 128);
    static final SacConfig CFG = SacConfig.paper(TASKS, ACT).withBatchPerTask(PER_TASK);

    static MultiTaskSac sac(long seed) {
        return SacFixtures.sac(NET, CFG, OBS, ACT, seed);
    }

    /** Every parameter of every set, bit for bit. */
    private static void assertSameParameters(MultiTaskSac x, MultiTaskSac y) {
        ParamSet[] p = x.parameterSets(), s = y.parameterSets();
        for (int k = 0; k < p.length; k++) {
            for (int j = 0; j < p[k].list().size(); j++) {
                assertArrayEquals(p[k].list().get(j).value().data().asDouble(), s[k].list().get(j).value().data().asDouble(),
                        "parameter set " + k + ", " + p[k].list().get(j).name());
            }
        }
    }

    @Test
    void pairedUpdatesAreBitIdenticalFromRunToRun() {
        MultiTaskSac first = sac(7), second = sac(7);
        TransitionBatch b = batch(first, 11);
        for (int i = 0; i < 3; i++) {
            first.update(b);
            second.update(b);
        }
        assertSameParameters(first, second);
        assertArrayEquals(first.rng().state(), second.rng().state());
    }

    @Test
    void pairedUpdateMatchesTheSameUpdateInSequence() {
        MultiTaskSac paired = sac(7), sequential = sac(7);
        TransitionBatch b = batch(paired, 11);
        for (int i = 0; i < 3; i++) {
            paired.update(b);
            // inside Par.both everything nested runs on the calling thread, one pass after the other;
            // sums then run in one chunk instead of two, so only float rounding may differ
            Par.both(() -> sequential.update(b), () -> {});
        }
        ParamSet[] p = paired.parameterSets(), s = sequential.parameterSets();
        double worst = 0, moved = 0;
        ParamSet[] start = sac(7).parameterSets();
        for (int k = 0; k < p.length; k++) {
            for (int j = 0; j < p[k].list().size(); j++) {
                double[] a = p[k].list().get(j).value().data().asDouble(), c = s[k].list().get(j).value().data().asDouble();
                double[] o = start[k].list().get(j).value().data().asDouble();
                for (int i = 0; i < a.length; i++) {
                    worst = Math.max(worst, Math.abs(a[i] - c[i]));
                    moved = Math.max(moved, Math.abs(a[i] - o[i]));
                }
            }
        }
        assertTrue(moved > 1e-4, "the updates must move the parameters, moved at most " + moved);
        assertTrue(worst < 1e-6, "paired and sequential updates differ by " + worst + " (more than float rounding)");
        assertArrayEquals(paired.rng().state(), sequential.rng().state(), "both consume the same random draws");
    }

    @Test
    void aFailingPassIsReportedAfterTheOtherFinished() {
        AtomicInteger finished = new AtomicInteger();
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> Par.both(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            finished.incrementAndGet();
        }, () -> {
            throw new IllegalStateException("pass b failed");
        }));
        assertTrue(e.getMessage().contains("pass b failed"));
        assertTrue(finished.get() == 1, "both() returned before the other pass finished");
        RuntimeException fromA = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                () -> Par.both(() -> { throw new IllegalArgumentException("pass a failed"); }, () -> {}));
        assertTrue(fromA.getMessage().contains("pass a failed"), fromA.getMessage());
    }

    @Test
    void bothRunsEachPartOnceAndNestedPairsInline() {
        AtomicInteger a = new AtomicInteger(), b = new AtomicInteger(), nested = new AtomicInteger();
        Thread[] seen = new Thread[2];
        Par.both(() -> {
            a.incrementAndGet();
            Par.both(() -> { seen[0] = Thread.currentThread(); nested.incrementAndGet(); },
                    () -> { seen[1] = Thread.currentThread(); nested.incrementAndGet(); });
        }, b::incrementAndGet);
        assertTrue(a.get() == 1 && b.get() == 1 && nested.get() == 2, "each part runs exactly once");
        assertTrue(seen[0] == seen[1], "a pair inside a pair stays on one thread");
    }
}
