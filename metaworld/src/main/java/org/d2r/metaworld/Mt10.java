package org.d2r.metaworld;

import java.util.List;

/** The MT10 benchmark's tasks in the D2R paper's order (index = task id of the one-hot). */
public final class Mt10 {

    public static final List<String> TASKS = List.of("reach-v2", "push-v2", "pick-place-v2", "door-open-v2",
            "drawer-open-v2", "drawer-close-v2", "button-press-topdown-v2", "peg-insert-side-v2",
            "window-open-v2", "window-close-v2");

    private Mt10() {}
}
