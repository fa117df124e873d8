package org.d2r.recording;

import java.util.Locale;
import org.d2r.schemas.Transition;

/** The per-task count key of reports: task id (zero-padded, so keys sort by id) and name. */
final class TaskKey {

    private TaskKey() {}

    static String of(Transition t) {
        return String.format(Locale.ROOT, "%03d %s", t.getTaskId(), t.getTaskName());
    }
}
