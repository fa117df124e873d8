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

    /** One reference file per group of ported tasks. */
    private static final List<String> REFERENCES = List.of(
            "reference-actions.csv.gz",
            "reference-actions-mt50a.csv.gz",
            "reference-actions-mt50d.csv.gz",
            "reference-actions-mt50c.csv.gz",
            "reference-actions-mt50b.csv.gz");

    /**
     * Each reference file holds, per policy, 230 observations (300 in mt50d's, 400 in mt50c's; hand
     * placed at random scales and near the thresholds around the object, so every phase is reached)
     * with the action Meta-World's own policy code at the pinned commit returned for them; made by
     * src/test/python/gen_policy_reference.py (mt50c's: every line of each policy's source runs).
     */
    private static List<Case> reference() throws IOException {
        List<Case> cases = new ArrayList<>();
        for (String resource : REFERENCES) {
            cases.addAll(reference(resource));
        }
        return cases;
    }

    private static List<Case> reference(String resource) throws IOException {
        List<Case> cases = new ArrayList<>();
        try (InputStream in = new GZIPInputStream(
                     ScriptedPoliciesTest.class.getResourceAsStream(resource));
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
        return cases;
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
        assertTrue(grab.get("button-press-wall-v2").size() == 2, "button-press-wall grab effort 1 and -1 both covered");
        assertTrue(grab.get("coffee-pull-v2").size() == 2, "coffee-pull grab effort -1 and 0.7 both covered");
        assertTrue(grab.get("coffee-push-v2").size() == 2, "coffee-push grab effort -1 and 0.5 both covered");
        assertTrue(grab.get("handle-pull-side-v2").size() == 2, "handle-pull-side grab effort 0 and 0.6 both covered");
        for (String t : List.of("assembly-v2", "basketball-v2", "disassemble-v2", "hammer-v2", "peg-unplug-side-v2",
                "stick-push-v2", "stick-pull-v2")) {
            assertEquals(2, grab.get(t).size(), t + ": both grab efforts covered");
        }
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
    void buttonPressAlignsWithNumpysIscloseIncludingItsRelativeTolerance() {
        double[] obs = new double[39];
        obs[4] = 0.3; obs[5] = 0.8; obs[6] = 0.19;  // way point (0.3, ., 0.12)
        obs[0] = 0.3 + 0.02 + 2e-6; obs[1] = 0.6; obs[2] = 0.12;  // beyond 0.02, within 0.02 + 1e-5 * 0.3
        double[] push = ScriptedPolicies.forTask("button-press-v2").action(obs);
        assertEquals(25.0 * (0.8 + 0.02 - 0.6), push[1], 1e-12, "counted as lined up: push in");
        obs[0] = 0.3 + 0.02 + 4e-6;
        double[] align = ScriptedPolicies.forTask("button-press-v2").action(obs);
        assertEquals(25.0 * -0.1, align[1], 1e-12, "not lined up: stay 10 cm back");
    }

    @Test
    void handlePullBroadcastsTheHandleHeightToAllThreeAxes() {
        double[] obs = new double[39];
        obs[4] = 0.1; obs[5] = 0.84; obs[6] = 0.05;       // way point (0.1, 0.8, 0.05)
        obs[0] = 0.1; obs[1] = 0.8; obs[2] = 0.2;         // lined up in x-y, 15 cm above
        double[] a = ScriptedPolicies.forTask("handle-pull-v2").action(obs);
        assertArrayEquals(new double[] {25 * (0.05 - 0.1), 25 * (0.05 - 0.8), 25 * (0.05 - 0.2), 1.0}, a, 1e-12);
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
