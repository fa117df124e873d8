package org.d2r.roles;

import java.time.Duration;
import org.d2r.core.io.PolicySnapshot;

/**
 * The newest policy to act with (Acme's variable source): the policy-snapshots topic in the pipeline
 * ({@code org.d2r.kafka.SnapshotFeed}); in one process the actors act with the learner's own network instead.
 */
public interface PolicySource {

    /**
     * A published policy with the learner's progress when it was published.
     *
     * @param version         the snapshot's version (what transitions acted with it carry)
     * @param envStepsPerTask environment steps per task behind them; -1 where the learner did not know them
     */
    record Policy(long version, long updateCount, long envStepsPerTask, PolicySnapshot policy) {
    }

    /** The newest policy so far, or null before the first. */
    Policy latest();

    /** Waits until a policy newer than {@code version} is there; null on timeout. */
    default Policy awaitNewerThan(long version, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            Policy p = latest();
            if (p != null && p.version() > version) return p;
            if (System.nanoTime() >= end) return null;
            Thread.sleep(20);
        }
    }
}
