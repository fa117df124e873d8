package org.d2r.roles;

import java.util.concurrent.atomic.AtomicReference;

/** The policy source of a learner and actors in one process: the newest published policy, handed over by reference. */
public final class InProcessPolicies implements PolicySource {
    private final AtomicReference<Policy> latest = new AtomicReference<>();

    /** Keeps {@code p} unless a policy of a higher version is already there (versions only grow, as on the topic). */
    public void publish(Policy p) {
        latest.accumulateAndGet(p, (cur, next) -> cur != null && cur.version() >= next.version() ? cur : next);
    }

    @Override
    public Policy latest() {
        return latest.get();
    }
}
