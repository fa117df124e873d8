package org.d2r.core.baselines;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/**
 * CARE's task metadata: a frozen embedding of each task's text description, one row per task of the
 * benchmark in its task order. Read from {@code roberta-mt50.json} (768 floats per Meta-World V2 task name;
 * never copied into the repository), found as the Meta-World assets are: the system property
 * {@value #PROPERTY}, the environment variable {@value #ENV_VAR}, then the first directory upward from the
 * working directory with a sibling {@code shared/metaworld-v2/task-embeddings/roberta-mt50.json}.
 */
public record TaskEmbeddings(List<String> tasks, double[][] rows) {

    static final String PROPERTY = "d2r.taskEmbeddings";
    static final String ENV_VAR = "D2R_TASK_EMBEDDINGS";
    static final String FILE = "roberta-mt50.json";
    private static final String HINT = "Set " + ENV_VAR + " (or -D" + PROPERTY + ") to the file " + FILE
            + " (the D2R release's torchrl/env/metaworld_env/roberta_encode.json, keys renamed -v1 -> -v2; see"
            + " shared/metaworld-v2/task-embeddings/README.md), or place it at shared/metaworld-v2/task-embeddings/" + FILE
            + " beside the clone.";

    public TaskEmbeddings {
        tasks = List.copyOf(tasks);
        if (rows.length != tasks.size() || rows.length == 0) {
            throw new IllegalArgumentException("need one embedding per task (" + tasks.size() + "), got " + rows.length);
        }
        int width = rows[0].length;
        double[][] copy = new double[rows.length][];
        for (int t = 0; t < rows.length; t++) {
            if (rows[t].length != width) throw new IllegalArgumentException("embedding of " + tasks.get(t) + " has " + rows[t].length + " values, not " + width);
            copy[t] = rows[t].clone();
        }
        rows = copy;
    }

    /** A copy: the embeddings are frozen. */
    @Override
    public double[][] rows() {
        double[][] c = new double[rows.length][];
        for (int t = 0; t < rows.length; t++) c[t] = rows[t].clone();
        return c;
    }

    /** Zero embeddings: a network whose weights a snapshot will overwrite, or one only counted. */
    public static TaskEmbeddings zeros(int tasks, int width) {
        List<String> names = new java.util.ArrayList<>();
        for (int t = 0; t < tasks; t++) names.add("task-" + t);
        return new TaskEmbeddings(names, new double[tasks][width]);
    }

    /** The embeddings of these tasks, in this order, from the located file. */
    public static TaskEmbeddings load(List<String> taskNames) {
        return read(locate(System.getProperty(PROPERTY), System.getenv(ENV_VAR), Paths.get("").toAbsolutePath()), taskNames);
    }

    static TaskEmbeddings read(Path file, List<String> taskNames) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalStateException("task embeddings " + file + " are unreadable: " + e.getMessage() + ". " + HINT, e);
        }
        double[][] rows = new double[taskNames.size()][];
        for (int t = 0; t < rows.length; t++) {
            JsonNode v = root.get(taskNames.get(t));
            if (v == null || !v.isArray()) {
                throw new IllegalArgumentException("task embeddings " + file + " have no entry for task '" + taskNames.get(t)
                        + "' (keys are Meta-World V2 names such as reach-v2)");
            }
            rows[t] = new double[v.size()];
            for (int i = 0; i < v.size(); i++) rows[t][i] = v.get(i).asDouble();
        }
        return new TaskEmbeddings(taskNames, rows);
    }

    static Path locate(String property, String envVar, Path workingDir) {
        if (property != null && !property.isBlank()) return checked(Paths.get(property), "system property " + PROPERTY);
        if (envVar != null && !envVar.isBlank()) return checked(Paths.get(envVar), "environment variable " + ENV_VAR);
        for (Path dir = workingDir; dir != null && dir.getParent() != null; dir = dir.getParent()) {
            Path candidate = dir.resolveSibling("shared").resolve("metaworld-v2").resolve("task-embeddings").resolve(FILE);
            if (Files.isRegularFile(candidate)) return candidate;
        }
        Path below = workingDir.resolve("shared").resolve("metaworld-v2").resolve("task-embeddings").resolve(FILE);
        if (Files.isRegularFile(below)) return below;
        throw new IllegalStateException("CARE's task embeddings " + FILE + " not found: " + ENV_VAR + " and -D" + PROPERTY
                + " are unset and no shared/metaworld-v2/task-embeddings/" + FILE + " was found beside any parent of " + workingDir
                + ". " + HINT);
    }

    private static Path checked(Path p, String source) {
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("CARE's task embeddings not found at " + p.toAbsolutePath() + " (from " + source + "). " + HINT);
        }
        return p;
    }
}
