package org.d2r.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.d2r.cli.Cli;
import org.d2r.core.baselines.Method;
import org.d2r.core.config.LearnerConfig;
import org.d2r.metaworld.MetaWorld;
import org.d2r.replay.ReplayConfig;
import org.d2r.roles.RunConfig;
import org.d2r.schemas.kafka.KafkaClientProperties;

/**
 * Options of {@code bin/d2r train} (embedded mode). The option names are the ones the compose file
 * passes to the separate roles, so one vocabulary configures both modes.
 */
record TrainOptions(String preset, Method method, List<String> tasks, long seed, Path runDir, boolean resume, String bootstrapServers,
                    Map<String, String> kafkaProperties, long stepsPerTask, int snapshotEvery, int checkpointEvery,
                    long evalEvery, int finalEpisodes, long maxLead, ReplayConfig.BatchRows batchRows, List<String> ablations) {

    TrainOptions {
        ablations = List.copyOf(ablations);
    }

    /** d2r.md, "Evaluation (paper)": the final policy over 100 episodes per task. */
    static final int PAPER_FINAL_EPISODES = 100;

    /**
     * The options given (as the names they were given with; numbers already converted) and the repeated
     * {@code --kafka-property} pairs and {@code --ablation} names, resolved against the preset and, with
     * {@code --resume}, the run folder.
     *
     * @throws IllegalArgumentException naming the bad option and the fix (a usage error to the command)
     */
    static TrainOptions of(Map<String, String> given, List<String> pairs, List<String> ablations) {
        Map<String, String> v = new LinkedHashMap<>(given);
        List<String> fromFolder = v.containsKey("--resume") ? resumeOptions(Path.of(v.get("--resume")), v) : List.of();
        if (v.containsKey("--resume")) ablations = resumedAblations(Path.of(v.get("--resume")), ablations);
        try {
            return resolve(v, pairs, ablations);
        } catch (IllegalArgumentException e) {
            if (fromFolder.isEmpty()) throw e;
            throw new IllegalArgumentException(e.getMessage() + " (options taken from the run folder's config: "
                    + String.join(", ", fromFolder) + ")", e);
        }
    }

    /** Parses {@code bin/d2r train}'s arguments without running (tests). */
    static TrainOptions parse(String[] args) {
        return Cli.parse(new TrainCommand(), args).options();
    }

    private static TrainOptions resolve(Map<String, String> v, List<String> pairs, List<String> ablations) {
        String preset = v.getOrDefault("--preset", "mt10-rand");
        if (!LearnerConfig.PRESETS.contains(preset)) {
            throw new IllegalArgumentException("unknown --preset '" + preset + "'; valid: " + String.join(", ", LearnerConfig.PRESETS));
        }
        Method method = Method.parse(v.getOrDefault("--method", "d2r"));
        List<String> tasks;
        try {
            tasks = MetaWorld.parseTaskList(v.containsKey("--tasks") ? v.get("--tasks") : LearnerConfig.preset(preset).benchmark());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--tasks: " + e.getMessage());
        }
        for (String t : tasks) {
            if (!MetaWorld.isImplemented(t)) throw new IllegalArgumentException("task '" + t + "' in --tasks is not built into this installation");
        }
        if (v.containsKey("--resume") && v.containsKey("--run-dir")) {
            throw new IllegalArgumentException("give --resume DIR or --run-dir DIR, not both");
        }
        if (v.containsKey("--run-dir") && isRun(Path.of(v.get("--run-dir")))) {
            // a second start there would overwrite its config.json and mix two runs' metrics and checkpoints
            throw new IllegalArgumentException("--run-dir " + v.get("--run-dir") + " already holds a run: continue it with --resume "
                    + v.get("--run-dir") + ", or give another folder");
        }
        Map<String, String> props = KafkaClientProperties.fromOptions(pairs,
                v.containsKey("--kafka-properties-file") ? Path.of(v.get("--kafka-properties-file")) : null);
        if (!props.isEmpty() && !v.containsKey("--bootstrap-servers")) {
            throw new IllegalArgumentException("--kafka-property only applies to an external Kafka: add --bootstrap-servers H:P");
        }
        long seed = number(v, "--seed", 1);
        List<String> named = new ArrayList<>(); // by LearnerConfig's names, as train --local records them
        for (String a : ablations) {
            try {
                named.addAll(LearnerConfig.preset(preset).withAblation(a).ablations());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--ablation: " + e.getMessage());
            }
        }
        if (named.contains("no-samplek")) {
            throw new IllegalArgumentException("--ablation no-samplek changes how the producers act, which the pipeline's producers"
                    + " take from the preset: train it with train --local or train-offline");
        }
        boolean smoke = preset.equals("smoke");
        LearnerConfig cfg = LearnerConfig.preset(preset);
        Path runDir = v.containsKey("--resume") ? Path.of(v.get("--resume"))
                : Path.of(v.getOrDefault("--run-dir", "runs/" + preset + "-" + seed + "-" + System.currentTimeMillis() / 1000));
        long steps = number(v, "--steps", cfg.stepsPerTask());
        if (steps < 1) throw new IllegalArgumentException("--steps must be >= 1");
        int snap = (int) number(v, "--snapshot-every", smoke ? 50 : 100);
        int ckpt = (int) number(v, "--checkpoint-every", smoke ? 200 : 1000);
        long eval = number(v, "--eval-every", smoke ? 200 : 10_000);
        if (snap < 1 || ckpt < 1 || eval < 1) throw new IllegalArgumentException("--snapshot-every, --checkpoint-every, --eval-every must be >= 1");
        long finalEpisodes = number(v, "--final-episodes", smoke ? cfg.evalEpisodes() : PAPER_FINAL_EPISODES);
        if (finalEpisodes < 1 || finalEpisodes > 100_000) throw new IllegalArgumentException("--final-episodes must be between 1 and 100000");
        long maxLead = number(v, "--max-lead", 1000);
        if (maxLead < 0) throw new IllegalArgumentException("--max-lead must be >= 0 (0 = never pause)");
        ReplayConfig.BatchRows batchRows;
        try {
            batchRows = ReplayConfig.BatchRows.parse(v.getOrDefault("--batch-rows", "references"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--batch-rows: " + e.getMessage());
        }
        return new TrainOptions(preset, method, new ArrayList<>(tasks), seed, runDir, v.containsKey("--resume"),
                v.get("--bootstrap-servers"), props, steps, snap, ckpt, eval, (int) finalEpisodes, maxLead, batchRows, named);
    }

    /** A run's ablations are part of what it is (its checkpoints' network): a resume keeps them, and refuses others. */
    private static List<String> resumedAblations(Path dir, List<String> given) {
        RunConfig first = readConfig(dir.resolve("config.json"));
        List<String> stored = first == null || first.ablations() == null ? List.of() : first.ablations();
        if (!given.isEmpty() && !given.equals(stored)) {
            throw new IllegalArgumentException("--resume " + dir + " was started with ablations " + stored + ", not " + given
                    + ": leave --ablation out to continue it, or start a new run with --run-dir");
        }
        return stored;
    }

    /** config.json's keys and the options they were given as; the first four make the run what it is. */
    private static final Map<String, String> STORED = Map.ofEntries(Map.entry("preset", "--preset"), Map.entry("method", "--method"),
            Map.entry("tasks", "--tasks"), Map.entry("seed", "--seed"), Map.entry("stepsPerTask", "--steps"),
            Map.entry("snapshotEvery", "--snapshot-every"), Map.entry("checkpointEvery", "--checkpoint-every"),
            Map.entry("evalEvery", "--eval-every"), Map.entry("finalEpisodes", "--final-episodes"),
            Map.entry("maxLead", "--max-lead"), Map.entry("batchRows", "--batch-rows"));
    private static final List<String> IDENTITY = List.of("--preset", "--method", "--tasks", "--seed");

    /**
     * A resumed run's options default to the ones it last ran with (config.json, then the newest resume's
     * config.resumed.json over it); an option that would make it another run (a checkpoint of another
     * network, other tasks, another broker's offsets) is refused. A run folder from before config.json
     * kept a key simply lacks it.
     *
     * @return the options taken from the folder (for error messages)
     */
    private static List<String> resumeOptions(Path dir, Map<String, String> v) {
        if (!Files.isDirectory(dir)) throw new IllegalArgumentException("--resume " + dir + ": no such run folder");
        RunConfig first = readConfig(dir.resolve("config.json"));
        if (first == null) {
            throw new IllegalArgumentException("--resume " + dir + " is not a run folder (it has no config.json): give the folder a train"
                    + " run wrote, or start a new run there with --run-dir " + dir);
        }
        if (first.mode() != null && !first.mode().equals(RunConfig.EMBEDDED)) {
            throw new IllegalArgumentException("--resume " + dir + " is a '" + first.mode() + "' run, not one of bin/d2r train's"
                    + " pipeline: see that mode's own --help");
        }
        RunConfig latest = readConfig(dir.resolve("config.resumed.json"));
        List<String> taken = new ArrayList<>();
        for (Map.Entry<String, String> e : STORED.entrySet()) {
            // the identity is the first start's; budgets and cadences the newest start's
            String stored = (latest != null && !IDENTITY.contains(e.getValue()) && latest.option(e.getKey()) != null ? latest : first)
                    .option(e.getKey());
            if (stored == null) continue;
            String given = v.get(e.getValue());
            if (given == null) {
                v.put(e.getValue(), stored);
                taken.add(e.getValue() + " " + stored);
            } else if (IDENTITY.contains(e.getValue()) && !given.equalsIgnoreCase(stored)) {
                throw new IllegalArgumentException("--resume " + dir + " was started with " + e.getValue() + " " + stored + ", not " + given
                        + ": leave " + e.getValue() + " out to continue it, or start a new run with --run-dir");
            }
        }
        // the checkpoints hold offsets and batch sequences of the broker the run used
        String broker = first.option("bootstrapServers");
        String given = v.get("--bootstrap-servers");
        if (broker == null && given != null) {
            throw new IllegalArgumentException("--resume " + dir + " ran on its own embedded broker (" + dir.resolve("kafka")
                    + "): leave --bootstrap-servers out to continue it");
        }
        if (broker != null && !broker.equals(given)) {
            throw new IllegalArgumentException("--resume " + dir + " ran on the Kafka at " + broker + ": continue it with --bootstrap-servers "
                    + broker + " (and the same --kafka-property settings, which are not kept in the run folder)");
        }
        return taken;
    }

    /** A folder that train already wrote a run into. */
    static boolean isRun(Path dir) {
        return Files.exists(dir.resolve("config.json")) || Files.isDirectory(dir.resolve("checkpoints"));
    }

    private static RunConfig readConfig(Path file) {
        if (!Files.exists(file)) return null;
        try {
            return RunConfig.read(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("--resume: " + file + " is unreadable (" + e.getMessage() + ")");
        }
    }

    private static long number(Map<String, String> v, String name, long dflt) {
        String s = v.get(name);
        if (s == null) return dflt;
        try {
            return Long.parseLong(s.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " needs a whole number, got '" + s + "'");
        }
    }

    /** The run id: the run folder's name, so a resumed run keeps its topics' keys and consumer groups. */
    String runId() {
        return runDir.toAbsolutePath().normalize().getFileName().toString().replaceAll("[^a-zA-Z0-9._-]", "_");
    }
}
