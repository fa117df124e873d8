package org.d2r.learner.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.d2r.roles.RunConfig;

/** What {@code --resume} of train --local and train-offline reads back: the command line a run was started with. */
final class StartedRun {

    private StartedRun() {}

    /**
     * The config.json of the run in {@code dir} ({@code command}, the mode as users name it, is for the messages); one
     * without the arguments, or without what {@code complete} asks, is from a version that cannot be resumed.
     */
    static RunConfig read(Path dir, String command, Predicate<RunConfig> complete) {
        Path config = dir.resolve("config.json");
        if (!Files.isRegularFile(config)) {
            throw new IllegalArgumentException(config + " is missing: give the run folder of a " + command + " run");
        }
        RunConfig doc;
        try {
            doc = RunConfig.read(config);
        } catch (IOException e) {
            throw new IllegalArgumentException(config + " cannot be read: " + e.getMessage());
        }
        if (doc.args() == null || !complete.test(doc)) {
            throw new IllegalArgumentException(config + " has no 'args': the run was started by an earlier version, which"
                    + " cannot be resumed; start it afresh");
        }
        return doc;
    }

    /**
     * {@code args} without the options {@code names}, each with its value ({@code --x v} or {@code --x=v}); the values
     * taken out go to {@code values}, the last of a repeated option winning as on the command line.
     */
    static List<String> without(List<String> args, Set<String> names, Map<String, String> values) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            if (!names.contains(name)) {
                out.add(a);
            } else if (a.contains("=")) {
                values.put(name, a.substring(name.length() + 1));
            } else if (++i < args.size()) {
                values.put(name, args.get(i));
            }
        }
        return out;
    }
}
