package org.d2r.metaworld;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.d2r.metaworld.tasks.Tasks;

/** The task names, checked before {@link Tasks} builds one. */
final class TaskRegistry {

    /** Every task, the MT10 ones first in MT10's order. */
    private static final List<String> NAMES = List.of("reach-v2", "push-v2", "pick-place-v2", "door-open-v2",
            "drawer-open-v2", "drawer-close-v2", "button-press-topdown-v2", "peg-insert-side-v2", "window-open-v2",
            "window-close-v2", "button-press-topdown-wall-v2", "button-press-v2", "button-press-wall-v2",
            "coffee-button-v2", "coffee-pull-v2", "coffee-push-v2", "dial-turn-v2", "handle-press-side-v2",
            "handle-press-v2", "handle-pull-side-v2", "handle-pull-v2", "lever-pull-v2", "assembly-v2",
            "disassemble-v2", "basketball-v2", "hammer-v2", "peg-unplug-side-v2", "stick-push-v2", "stick-pull-v2",
            "pick-place-wall-v2", "pick-out-of-hole-v2", "push-back-v2", "push-wall-v2", "reach-wall-v2",
            "shelf-place-v2", "sweep-into-v2", "sweep-v2", "bin-picking-v2", "soccer-v2", "box-close-v2",
            "door-close-v2", "door-lock-v2", "door-unlock-v2", "hand-insert-v2", "faucet-open-v2", "faucet-close-v2",
            "plate-slide-v2", "plate-slide-side-v2", "plate-slide-back-v2", "plate-slide-back-side-v2");
    private static final Set<String> NAME_SET = Collections.unmodifiableSet(new LinkedHashSet<>(NAMES));

    private TaskRegistry() {}

    static Set<String> names() {
        return NAME_SET;
    }

    /** @throws IllegalArgumentException naming the valid tasks for an unknown one */
    static void check(String task) {
        if (!NAME_SET.contains(task)) {
            throw new IllegalArgumentException("Unknown Meta-World task '" + task + "'. Valid tasks: "
                    + String.join(", ", NAMES));
        }
    }

    /** Every listed task is built into this module; an unknown one is an IllegalArgumentException. */
    static boolean isImplemented(String task) {
        check(task);
        return true;
    }

    static SawyerXYZEnv create(String task, EnvConfig cfg) {
        check(task);
        return Tasks.create(task, cfg);
    }
}
