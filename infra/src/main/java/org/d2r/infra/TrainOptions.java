package org.d2r.infra;

import static org.d2r.core.config.LearnerConfig.PAPER_FINAL_EPISODES;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.d2r.core.baselines.Method;
import org.d2r.core.config.LearnerConfig;
import org.d2r.metaworld.MetaWorld;
import org.d2r.monitor.MonitorConfig;
import org.d2r.replay.ReplayConfig;
import org.d2r.roles.RunConfig;
import org.d2r.schemas.kafka.KafkaClientProperties;

/** Options of {@code bin/d2r train} (embedded mode). */
record TrainOptions(String preset, Method method, List<String> tasks, long seed, Path runDir, boolean resume, String bootstrapServers,
                    Map<String, String> kafkaProperties, long stepsPerTask, int snapshotEvery, int checkpointEvery,
                    long evalEvery, int finalEpisodes, long maxLead, ReplayConfig.BatchRows batchRows, List<String> ablations,
                    int monitorPort) {

    /** {@link #monitorPort} of a run without the run monitor ({@code --no-monitor}). */
    static final int NO_MONITOR = -1;

    TrainOptions {
        ablations = List.copyOf(ablations);
    }

    /**
     * The run's settings, typed; null where neither given nor stored, so that the preset's default applies. The
     * first six make the run what it is (its checkpoints' network, its tasks' ids, the replay job's batch form): a
     * resume keeps them and refuses other values; the budgets and cadences may change.
     */
    private record Settings(String preset, Method method, List<String> tasks, Long seed, List<String> ablations,
                            ReplayConfig.BatchRows batchRows, Long steps, Long snapshotEvery, Long checkpointEvery,
                            Long evalEvery, Long finalEpisodes, Long maxLead) {

        static Settings given(TrainCommand g) {
            List<String> tasks = g.tasks.given() == null ? null : g.tasks.list(null);
            return new Settings(g.preset.given(), g.method.given() == null ? null : Method.parse(g.method.given()), tasks,
                    g.seed.given(), g.ablations.names().isEmpty() ? null : named("smoke", g.ablations.names(), true),
                    batchRows(g.batchRows), g.steps, g.snapshotEvery, g.checkpointEvery, g.evalEvery, g.finalEpisodes, g.maxLead);
        }

        /** A config.json's settings; those a run folder of an older version lacks are null. */
        static Settings stored(RunConfig c) {
            return new Settings(c.preset(), c.method() == null ? null : Method.parse(c.method()), c.tasks(), c.seed(),
                    c.ablations() == null ? List.of() : c.ablations(), batchRows(c.batchRows()), c.stepsPerTask(),
                    c.snapshotEvery(), c.checkpointEvery(), c.evalEvery(), c.finalEpisodes() == null ? null
                    : (long) c.finalEpisodes(), c.maxLead());
        }

        /** The resumed run's settings: its identity from its first start, budgets given or else its newest start's. */
        Settings resuming(Path dir, Settings first, Settings latest) {
            return new Settings(keep(dir, "--preset", preset, first.preset), keep(dir, "--method", method, first.method),
                    keep(dir, "--tasks", tasks, first.tasks), keep(dir, "--seed", seed, first.seed),
                    keep(dir, "--ablation", ablations, first.ablations), keep(dir, "--batch-rows", batchRows, first.batchRows),
                    or(steps, latest.steps, first.steps), or(snapshotEvery, latest.snapshotEvery, first.snapshotEvery),
                    or(checkpointEvery, latest.checkpointEvery, first.checkpointEvery),
                    or(evalEvery, latest.evalEvery, first.evalEvery), or(finalEpisodes, latest.finalEpisodes, first.finalEpisodes),
                    or(maxLead, latest.maxLead, first.maxLead));
        }

        private static <T> T keep(Path dir, String option, T given, T stored) {
            if (stored == null) return given; // a run folder from before config.json kept this setting
            if (given != null && !given.equals(stored)) {
                throw new IllegalArgumentException("--resume " + dir + " was started with " + option + " " + shown(stored)
                        + ", not " + shown(given) + ": " + option + " cannot change in a resumed run; leave it out to continue"
                        + " it, or start a new run with --run-dir");
            }
            return stored;
        }

        private static String shown(Object v) {
            if (v instanceof Method m) return m.cliName();
            if (v instanceof ReplayConfig.BatchRows b) return b.name().toLowerCase(Locale.ROOT);
            return String.valueOf(v);
        }

        @SafeVarargs
        private static <T> T or(T... values) {
            for (T v : values) if (v != null) return v;
            return null;
        }

        private static ReplayConfig.BatchRows batchRows(String s) {
            if (s == null) return null;
            try {
                return ReplayConfig.BatchRows.parse(s);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--batch-rows: " + e.getMessage());
            }
        }
    }

    /**
     * The options given resolved against the preset and, with {@code --resume}, the run folder's typed
     * {@code config.json}; an IllegalArgumentException names the bad option and the fix (a usage error to the command).
     */
    static TrainOptions of(TrainCommand g) {
        if (g.resume != null && g.runDir != null) {
            throw new IllegalArgumentException("give --resume DIR or --run-dir DIR, not both");
        }
        Settings s = Settings.given(g);
        if (g.resume == null) return resolve(g, s);
        Settings resumed = resumed(g, s);
        try {
            return resolve(g, resumed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + " (in the settings of " + g.resume.resolve("config.json")
                    + " and the options given)", e);
        }
    }

    private static TrainOptions resolve(TrainCommand g, Settings s) {
        String preset = s.preset() != null ? s.preset() : "mt10-rand";
        if (!LearnerConfig.PRESETS.contains(preset)) {
            throw new IllegalArgumentException("unknown --preset '" + preset + "'; valid: " + String.join(", ", LearnerConfig.PRESETS));
        }
        Method method = s.method() != null ? s.method() : Method.D2R;
        List<String> tasks = s.tasks() != null ? s.tasks() : MetaWorld.parseTaskList(LearnerConfig.preset(preset).benchmark());
        tasks.forEach(MetaWorld::check); // those of a resumed run's config.json were not parsed from --tasks
        if (g.runDir != null
                && (Files.exists(g.runDir.resolve("config.json")) || Files.isDirectory(g.runDir.resolve("checkpoints")))) {
            // a second start there would overwrite its config.json and mix two runs' metrics and checkpoints
            throw new IllegalArgumentException("--run-dir " + g.runDir + " already holds a run: continue it with --resume "
                    + g.runDir + ", or give another folder");
        }
        Map<String, String> props = KafkaClientProperties.fromOptions(g.kafka.propertyPairs(), g.kafka.propertiesFile());
        if (!props.isEmpty() && g.kafka.bootstrapServers() == null) {
            throw new IllegalArgumentException("--kafka-property only applies to an external Kafka: add --bootstrap-servers H:P");
        }
        long seed = s.seed() != null ? s.seed() : 1;
        List<String> named = named(preset, s.ablations() != null ? s.ablations() : List.of(), false);
        if (named.contains("no-samplek")) {
            throw new IllegalArgumentException("--ablation no-samplek changes how the producers act, which the pipeline's producers"
                    + " take from the preset: train it with train --local or train-offline");
        }
        boolean smoke = preset.equals("smoke");
        LearnerConfig cfg = LearnerConfig.preset(preset);
        Path runDir = g.resume != null ? g.resume
                : g.runDir != null ? g.runDir : Path.of("runs/" + preset + "-" + seed + "-" + System.currentTimeMillis() / 1000);
        long steps = orDefault(s.steps(), cfg.stepsPerTask());
        if (steps < 1) throw new IllegalArgumentException("--steps must be >= 1");
        long snap = orDefault(s.snapshotEvery(), smoke ? 50 : 100);
        long ckpt = orDefault(s.checkpointEvery(), smoke ? 200 : 1000);
        long eval = orDefault(s.evalEvery(), smoke ? 200 : 10_000);
        if (snap < 1 || ckpt < 1 || eval < 1 || snap > Integer.MAX_VALUE || ckpt > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("--snapshot-every, --checkpoint-every, --eval-every must be >= 1"
                    + " (and the first two below 2^31)");
        }
        long finalEpisodes = orDefault(s.finalEpisodes(), smoke ? cfg.evalEpisodes() : PAPER_FINAL_EPISODES);
        if (finalEpisodes < 1 || finalEpisodes > 100_000) throw new IllegalArgumentException("--final-episodes must be between 1 and 100000");
        long maxLead = orDefault(s.maxLead(), 1000);
        if (maxLead < 0) throw new IllegalArgumentException("--max-lead must be >= 0 (0 = never pause)");
        ReplayConfig.BatchRows batchRows = s.batchRows() != null ? s.batchRows() : ReplayConfig.BatchRows.REFERENCES;
        if (g.noMonitor && g.monitorPort != null) {
            throw new IllegalArgumentException("give --monitor-port P or --no-monitor, not both");
        }
        int monitorPort = g.noMonitor ? NO_MONITOR : g.monitorPort != null ? g.monitorPort : MonitorConfig.DEFAULT_PORT;
        if (monitorPort != NO_MONITOR && (monitorPort < 0 || monitorPort > 65_535)) {
            throw new IllegalArgumentException("--monitor-port " + monitorPort + " is not a TCP port: use 1-65535 (0: a free one)");
        }
        return new TrainOptions(preset, method, new ArrayList<>(tasks), seed, runDir, g.resume != null, g.kafka.bootstrapServers(),
                props, steps, (int) snap, (int) ckpt, eval, (int) finalEpisodes, maxLead, batchRows, named, monitorPort);
    }

    /**
     * By LearnerConfig's names, as config.json and train --local record them, so that a resume compares like with like
     * ({@code --ablation No-ResRouting} is the run's {@code no-resrouting}). {@code lenient}: an unknown one is kept
     * as given, for resolve to name.
     */
    private static List<String> named(String preset, List<String> given, boolean lenient) {
        List<String> out = new ArrayList<>();
        for (String a : given) {
            try {
                out.addAll(LearnerConfig.preset(preset).withAblation(a).ablations());
            } catch (IllegalArgumentException e) {
                if (!lenient) throw new IllegalArgumentException("--ablation: " + e.getMessage());
                out.add(a);
            }
        }
        return out;
    }

    private static long orDefault(Long v, long dflt) {
        return v != null ? v : dflt;
    }

    /**
     * A resumed run's settings: read from its typed config.json (and the newest resume's config.resumed.json for
     * the budgets); what would make it another run (a checkpoint of another network, other tasks, another broker's
     * offsets) is refused with the option named.
     */
    private static Settings resumed(TrainCommand g, Settings given) {
        Path dir = g.resume;
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
        Settings stored;
        Settings newest;
        try {
            stored = Settings.stored(first);
            newest = latest == null ? stored : Settings.stored(latest);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--resume: " + dir.resolve("config.json") + ": " + e.getMessage()
                    + "; correct or remove the setting", e);
        }
        // the checkpoints hold offsets and batch sequences of the broker the run used
        String broker = first.bootstrapServers();
        if (broker == null && g.kafka.bootstrapServers() != null) {
            throw new IllegalArgumentException("--resume " + dir + " ran on its own embedded broker (" + dir.resolve("kafka")
                    + "): leave --bootstrap-servers out to continue it");
        }
        if (broker != null && !broker.equals(g.kafka.bootstrapServers())) {
            throw new IllegalArgumentException("--resume " + dir + " ran on the Kafka at " + broker + ": continue it with --bootstrap-servers "
                    + broker + " (and the same --kafka-property settings, which are not kept in the run folder)");
        }
        return given.resuming(dir, stored, newest);
    }

    private static RunConfig readConfig(Path file) {
        if (!Files.exists(file)) return null;
        try {
            return RunConfig.read(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("--resume: " + file + " is unreadable (" + e.getMessage() + ")");
        }
    }

    /** The run id: the run folder's name, so a resumed run keeps its topics' keys and consumer groups. */
    String runId() {
        return runDir.toAbsolutePath().normalize().getFileName().toString().replaceAll("[^a-zA-Z0-9._-]", "_");
    }
}
