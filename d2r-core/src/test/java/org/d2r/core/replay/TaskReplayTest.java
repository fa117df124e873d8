package org.d2r.core.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.d2r.core.nn.Rng;
import org.d2r.core.routing.RoutingPaths;
import org.d2r.core.sac.TransitionBatch;
import org.junit.jupiter.api.Test;

class TaskReplayTest {

    private static float[] vec(int n, float v) {
        float[] a = new float[n];
        Arrays.fill(a, v);
        return a;
    }

    @Test
    void eachTasksRowsComeFromItsOwnBufferWithTheirPaths() {
        TaskReplay r = new TaskReplay(2, 10, 3, 2, 3);
        RoutingPaths acting = new RoutingPaths(3, 2);
        acting.set(0, 0, true);   // task 0's row: router 1 picks module 1
        acting.set(1, 5, true);   // task 1's row: output router picks module 3
        for (int i = 0; i < 4; i++) {
            r.add(0, vec(3, i), vec(2, -i), i, vec(3, i + 1), false, acting, 0);
            r.add(1, vec(3, 100 + i), vec(2, 0.5f), 7, vec(3, 101 + i), i == 3, acting, 1);
        }
        assertEquals(8, r.total());
        TransitionBatch b = TransitionBatch.allocate(8, 3, 2, 3);
        r.sample(b, 4, new Rng(3));
        for (int row = 0; row < 8; row++) {
            int task = row < 4 ? 0 : 1;
            assertEquals(task, b.taskIds()[row]);
            float o = b.obs()[row * 3];
            assertEquals(o + 1, b.nextObs()[row * 3], 1e-6, "obs and next obs stay paired");
            if (task == 0) {
                assertTrue(o >= 0 && o < 4);
                assertEquals(o, b.rewards()[row], 1e-6);
                assertEquals(-o, b.actions()[row * 2], 1e-6);
                assertTrue(!b.terminal()[row]);
                assertTrue(b.paths().get(row, 0) && !b.paths().get(row, 5));
            } else {
                assertTrue(o >= 100 && o < 104);
                assertEquals(o == 103, b.terminal()[row], "the terminal flag travels with its transition");
                assertTrue(b.paths().get(row, 5) && !b.paths().get(row, 0));
            }
        }
    }

    @Test
    void aFullBufferDropsItsOldestTransitions() {
        TaskReplay r = new TaskReplay(1, 5, 1, 1, 0);
        for (int i = 0; i < 12; i++) r.add(0, vec(1, i), vec(1, 0), 0, vec(1, i), false, null, 0);
        assertEquals(5, r.size(0));
        TransitionBatch b = TransitionBatch.allocate(200, 1, 1, 0);
        r.sample(b, 200, new Rng(1));
        Set<Float> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) seen.add(b.obs()[i]);
        assertEquals(Set.of(7f, 8f, 9f, 10f, 11f), seen, "uniform over exactly the newest five");
    }

    @Test
    void sampleRefusesAnEmptyTaskAndAMismatchedBatch() {
        TaskReplay r = new TaskReplay(2, 4, 1, 1, 0);
        r.add(0, vec(1, 0), vec(1, 0), 0, vec(1, 0), false, null, 0);
        assertThrows(IllegalStateException.class, () -> r.sample(TransitionBatch.allocate(4, 1, 1, 0), 2, new Rng(1)));
        assertThrows(IllegalArgumentException.class, () -> r.sample(TransitionBatch.allocate(3, 1, 1, 0), 2, new Rng(1)));
    }
}
