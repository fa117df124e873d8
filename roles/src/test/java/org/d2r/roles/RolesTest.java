package org.d2r.roles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RolesTest {

    private final List<String> said = new CopyOnWriteArrayList<>();
    private final List<String> warned = new CopyOnWriteArrayList<>();

    private AutoCloseable role(String name) {
        return () -> said.add("closed " + name);
    }

    @Test
    void rolesStopOnceInReverseStartOrder() {
        Roles roles = Roles.open("test", said::add, warned::add);
        roles.add("broker", role("broker"));
        roles.add("learner", role("learner"));
        roles.add("producers", role("producers"));
        roles.close();
        roles.close();
        roles.interrupt();
        assertEquals(List.of("closed producers", "test: stopped producers", "closed learner", "test: stopped learner",
                "closed broker", "test: stopped broker"), said);
        assertFalse(roles.interrupted(), "closed by its owner, not stopped from outside");
    }

    @Test
    void aDeclaredStopOrderWinsOverTheStartOrderAndAFailedStopDoesNotKeepTheOthersRunning() {
        Roles roles = Roles.open("train", said::add, warned::add, "producers", "learner", "evaluator", "broker");
        roles.add("broker", role("broker"));
        roles.add("learner", "learner", r -> {
            throw new IllegalStateException("disk full");
        });
        roles.add("evaluator", role("evaluator"));
        roles.add("producers", "producers", r -> "stopped " + r + " (transitions committed)");
        assertThrows(IllegalArgumentException.class, () -> roles.add("monitor", role("monitor")),
                "a role the stop order does not name would never be stopped");
        roles.close();
        assertEquals(List.of("train: stopped producers (transitions committed)", "closed evaluator", "train: stopped evaluator",
                "closed broker", "train: stopped broker"), said);
        assertEquals(List.of("train: stopping learner failed: java.lang.IllegalStateException: disk full"), warned);
    }

    @Test
    void aStopRequestDuringTheStopHurriesItAndWaitsForIt() throws Exception {
        Roles roles = Roles.open("train", said::add, warned::add);
        CountDownLatch inSlowStop = new CountDownLatch(1);
        CountDownLatch hurried = new CountDownLatch(1);
        roles.add("evaluator", "evaluator", r -> {
            inSlowStop.countDown();
            // a final evaluation that only ends when cut short
            assertTrue(hurried.await(30, TimeUnit.SECONDS), "never hurried");
            return "stopped evaluator";
        });
        roles.onHurry(hurried::countDown);
        Thread owner = new Thread(roles::close);
        owner.start();
        assertTrue(inSlowStop.await(30, TimeUnit.SECONDS));
        roles.interrupt(); // Ctrl-C: returns only once the owner's stop is over
        assertEquals(List.of("train: stopped evaluator"), said);
        assertTrue(roles.interrupted());
        owner.join(30_000);
        assertFalse(owner.isAlive());
    }

    @Test
    void aRoleThatStartsWhileTheRolesStopIsStoppedAndRefused() {
        Roles roles = Roles.open("train", said::add, warned::add);
        roles.interrupt();
        assertTrue(roles.stopping() && roles.interrupted());
        assertThrows(IllegalStateException.class, () -> roles.add("producers", role("producers")));
        assertEquals(List.of("closed producers", "train: stopped producers"), said);
    }
}
