package org.d2r.metaworld.policies;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class ScriptedPoliciesTest {

    private record Case(String task, double[] obs, double[] action) {}

    /**
     * reference-actions.csv.gz holds, per policy, 230 observations (hand placed at random
     * scales and near the thresholds around the object, so every phase is reached) with the
     * action Meta-World's own policy code at the pinned commit returned for them; made by
     * src/test/python/gen_policy_reference.py. reference-actions-mt50b.csv.gz does the same for
     * the second MT50 group's policies ({@code gen_policy_reference.py <Metaworld> <out> mt50b}).
     */
    private static List<Case> reference() throws IOException {
        List<Case> cases = new ArrayList<>();
        for (String resource : REFERENCES) {
            readReference(resource, cases);
        }
        return cases;
    }

    /** One reference file per group of ported policies (MT10 first; then each MT50 group's own). */
    private static final List<String> REFERENCES = List.of("reference-actions.csv.gz",
            "reference-actions-mt50b.csv.gz");

    private static void readReference(String resource, List<Case> cases) throws IOException {
        try (InputStream in = new GZIPInputStream(ScriptedPoliciesTest.class.getResourceAsStream(resource));
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(",");
                double[] v = Arrays.stream(f, 1, f.length).mapToDouble(Double::parseDouble).toArray();
                cases.add(new Case(f[0], Arrays.copyOfRange(v, 0, 39), Arrays.copyOfRange(v, 39, 43)));
            }
        }
    }

    @Test
    void everyPolicyMatchesMetaWorldsActionsOnReferenceObservations() throws IOException {
        List<Case> cases = reference();
        Map<String, Integer> perTask = new HashMap<>();
        for (Case c : cases) {
            double[] got = ScriptedPolicies.forTask(c.task()).action(c.obs());
            assertArrayEquals(c.action(), got, 1e-12, () -> c.task() + " obs " + Arrays.toString(c.obs()));
            perTask.merge(c.task(), 1, Integer::sum);
        }
        assertEquals(Set.copyOf(ScriptedPolicies.tasks()), perTask.keySet());
        perTask.values().forEach(n -> assertTrue(n >= 200));
    }

    @Test
    void referenceObservationsReachSeveralDistinctPhasesPerPolicy() throws IOException {
        // Guards the reference data itself: if every case of a policy fell into one branch, a
        // wrong threshold in another branch would pass unnoticed. Grab effort tells the phases
        // apart for the three policies whose effort depends on the phase.
        Map<String, Set<String>> grab = new HashMap<>();
        for (Case c : reference()) {
            grab.computeIfAbsent(c.task(), k -> new HashSet<>()).add(Double.toString(c.action()[3]));
        }
        assertTrue(grab.get("push-v2").size() == 2, "push grab effort 0 and 0.6 both covered");
        assertTrue(grab.get("pick-place-v2").size() == 2, "pick-place grab effort 0 and 1 both covered");
        assertTrue(grab.get("peg-insert-side-v2").size() == 2, "peg grab effort -1 and 0.6 both covered");
        assertTrue(grab.get("hand-insert-v2").size() == 2, "hand-insert grab effort 0 and 0.65 both covered");
        assertTrue(grab.get("box-close-v2").size() == 2, "box-close grab effort 0.5 and 1 both covered");
    }

    @Test
    void policiesArePureFunctionsOfTheObservation() throws IOException {
        List<Case> cases = reference();
        for (String task : ScriptedPolicies.tasks()) {
            ScriptedPolicy p = ScriptedPolicies.forTask(task);
            List<Case> mine = cases.stream().filter(c -> c.task().equals(task)).toList();
            List<double[]> first = new ArrayList<>();
            for (Case c : mine) {
                double[] obs = c.obs().clone();
                first.add(p.action(obs));
                assertArrayEquals(c.obs(), obs, 0.0, task + " modified its input observation");
            }
            // Same observations again, in reverse order, after the policy has seen others: a
            // policy with hidden state (a phase counter, a remembered target) answers differently.
            for (int i = mine.size() - 1; i >= 0; i--) {
                assertArrayEquals(first.get(i), p.action(mine.get(i).obs()), 0.0, task + " is not stateless");
            }
            // A fresh instance agrees with the used one.
            assertArrayEquals(first.get(0), ScriptedPolicies.forTask(task).action(mine.get(0).obs()), 0.0);
        }
    }

    @Test
    void actionsAreNotClippedByThePolicy() {
        // Meta-World clips in the environment, not in the policy: a far target gives |action| > 1.
        double[] obs = new double[39];
        obs[0] = 0.0; obs[1] = 0.6; obs[2] = 0.2;
        obs[36] = 0.3; obs[37] = 0.9; obs[38] = 0.3;
        double[] a = ScriptedPolicies.forTask("reach-v2").action(obs);
        assertEquals(5.0 * 0.3, a[0], 1e-12);
        assertTrue(a[0] > 1.0);
        assertEquals(0.0, a[3]);
    }

    @Test
    void drawerOpenPullsWithAMuchHigherGainOnceOnTheHandle() {
        double[] obs = new double[39];
        double[] handle = {0.05, 0.74, 0.09};
        System.arraycopy(handle, 0, obs, 4, 3);
        // Hand at the handle (xy within 0.06, z within 0.04 of handle z - 0.02): pull phase.
        obs[0] = 0.05; obs[1] = 0.74; obs[2] = 0.07;
        double[] pull = ScriptedPolicies.forTask("drawer-open-v2").action(obs);
        assertEquals(50.0 * -0.06, pull[1], 1e-12);
        assertEquals(-1.0, pull[3], "gripper stays open");
        // Hand far away: approach from above with gain 4.
        obs[0] = 0.3; obs[1] = 0.5; obs[2] = 0.2;
        double[] approach = ScriptedPolicies.forTask("drawer-open-v2").action(obs);
        assertEquals(4.0 * (0.09 - 0.02 + 0.3 - 0.2), approach[2], 1e-12);
    }

    @Test
    void doorOpenTargetsFiveCentimetresBesideTheHandleWithoutTouchingTheObservation() {
        double[] obs = new double[39];
        obs[4] = 0.1; obs[5] = 0.8; obs[6] = 0.15;
        obs[0] = 0.05; obs[1] = 0.8; obs[2] = 0.15;  // aligned and level: final phase
        double[] copy = obs.clone();
        double[] a = ScriptedPolicies.forTask("door-open-v2").action(obs);
        assertEquals(0.0, a[0], 1e-12, "target x is handle x - 0.05 = hand x");
        assertArrayEquals(copy, obs, 0.0);
        assertEquals(1.0, a[3]);
    }

    @Test
    void pickPlaceHoldsStillWhileTheFingersAreStillOpen() {
        double[] obs = new double[39];
        obs[4] = 0.0; obs[5] = 0.6; obs[6] = 0.02;
        obs[0] = -0.005; obs[1] = 0.6; obs[2] = 0.05;
        obs[36] = 0.1; obs[37] = 0.8; obs[38] = 0.2;
        obs[3] = 0.9;  // still open
        double[] wait = ScriptedPolicies.forTask("pick-place-v2").action(obs);
        assertArrayEquals(new double[] {0, 0, 0, 1.0}, wait, 1e-12);
        obs[3] = 0.5;  // closed on the puck: carry to the goal
        double[] carry = ScriptedPolicies.forTask("pick-place-v2").action(obs);
        assertNotEquals(0.0, carry[0]);
        assertEquals(10.0 * (0.1 + 0.005), carry[0], 1e-12);
    }

    @Test
    void badObservationsAreRejectedWithTheExpectedLength() {
        ScriptedPolicy p = ScriptedPolicies.forTask("push-v2");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.action(new double[49]));
        assertTrue(e.getMessage().contains("49") && e.getMessage().contains("39"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> p.action(null));
        IllegalArgumentException u = assertThrows(IllegalArgumentException.class,
                () -> ScriptedPolicies.forTask("reach-v1"));
        assertTrue(u.getMessage().contains("reach-v2"), u.getMessage());
    }

    @Test
    void policiesCoverMt10() {
        assertEquals(List.of("reach-v2", "push-v2", "pick-place-v2", "door-open-v2", "drawer-open-v2",
                "drawer-close-v2", "button-press-topdown-v2", "peg-insert-side-v2", "window-open-v2",
                "window-close-v2"), ScriptedPolicies.tasks().subList(0, 10));
        Random rnd = new Random(1);
        for (String t : ScriptedPolicies.tasks()) {
            double[] obs = rnd.doubles(39, -1, 1).toArray();
            assertEquals(4, ScriptedPolicies.forTask(t).action(obs).length);
        }
    }
}
