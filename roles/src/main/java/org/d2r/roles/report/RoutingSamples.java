package org.d2r.roles.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.d2r.core.config.LearnerConfig;
import org.d2r.core.io.Checkpoint;
import org.d2r.core.nn.Rng;
import org.d2r.core.sac.MultiTaskSac;
import org.d2r.metaworld.MetaWorld;
import org.d2r.metaworld.MetaWorldEnv;
import org.d2r.roles.EnvironmentLoop;
import org.d2r.roles.Evaluation;
import org.d2r.roles.NetworkActing;
import org.d2r.roles.learner.LearnerNetworks;

/**
 * Routing paths of a D2R run's final policy (the paper's Fig. 6(a) and Fig. 8): the run's newest checkpoint is loaded
 * into the network its config.json describes, and the policy acts deterministically (TopK, tanh(mean)) in the run's
 * evaluation environments through the one {@link EnvironmentLoop}, every step's path kept until each task has
 * {@code perTask} of them.
 *
 * @param update          the update count of the checkpoint the paths come from
 * @param modules         routing modules of the network
 * @param paths           per task, {@code perTask} path bit vectors (1 where router i chose source j), in step order
 * @param meanModulesUsed per task, the mean modules used by its sampled paths (Fig. 8)
 */
public record RoutingSamples(long update, int modules, List<double[][]> paths, double[] meanModulesUsed) {

    public RoutingSamples {
        paths = List.copyOf(paths);
        meanModulesUsed = meanModulesUsed.clone();
    }

    /**
     * @throws IllegalArgumentException the run does not route, has no checkpoint, or its checkpoint does not fit its config
     */
    public static RoutingSamples collect(RunFolder run, int perTask) throws IOException {
        if (!run.method().routed()) throw new IllegalArgumentException(run + " is not a D2R run: only D2R routes");
        Path ckpt = finalCheckpoint(run.dir());
        int n = run.tasks().size();
        LearnerConfig cfg = run.learnerConfig();
        MultiTaskSac sac = LearnerNetworks.sac(run.method(), cfg.net(), MetaWorldEnv.OBS_DIM, MetaWorldEnv.ACTION_DIM, run.tasks(),
                run.method().update(cfg.sac(), cfg.paperPreset()).toBuilder().tasks(n).build(), new Rng(0));
        try {
            Checkpoint.restore(sac, ckpt);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(ckpt + " cannot be loaded into the network " + run.dir().resolve("config.json")
                    + " describes (" + e.getMessage() + "): pass the run folder the checkpoint was written in", e);
        }
        int modules = cfg.net().modules();
        int bits = org.d2r.core.routing.RoutingPaths.bitCount(modules);
        List<double[][]> paths = new ArrayList<>();
        long[] used = new long[n];
        for (int t = 0; t < n; t++) paths.add(new double[perTask][bits]);
        int[] taken = new int[n];
        int episodes = (perTask + run.episodeLength() - 1) / run.episodeLength();
        try (EnvironmentLoop loop = EnvironmentLoop.forEvaluation(run.tasks(),
                (task, env, first) -> MetaWorld.make(task, Evaluation.environments(run.goalMode(), run.seed(), run.episodeLength())))) {
            loop.evaluate(NetworkActing.deterministic(sac.actor().withBatchSize(n), sac::updateCount), episodes, () -> true,
                    (task, p, row) -> {
                        int k = taken[task];
                        if (k >= perTask) return;
                        for (int b = 0; b < bits; b++) paths.get(task)[k][b] = p.get(row, b) ? 1 : 0;
                        used[task] += p.modulesUsed(row);
                        taken[task] = k + 1;
                    });
        }
        return new RoutingSamples(sac.updateCount(), modules, paths,
                java.util.Arrays.stream(used).mapToDouble(u -> (double) u / perTask).toArray());
    }

    /** A run's final policy: {@code offline-final.ckpt}, else the newest numbered checkpoint of any mode. */
    static Path finalCheckpoint(Path runDir) throws IOException {
        Path dir = runDir.resolve("checkpoints");
        List<Path> all = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(p -> p.getFileName().toString().endsWith(".ckpt")).forEach(all::add);
            }
        }
        return all.stream().filter(p -> p.getFileName().toString().endsWith("-final.ckpt")).findFirst()
                .or(() -> all.stream().max(Comparator.comparing(p -> p.getFileName().toString().replaceAll("\\D", ""))))
                .orElseThrow(() -> new IllegalArgumentException(runDir + " has no checkpoint in checkpoints/, so its final policy's"
                        + " routing cannot be sampled: pass --routing-samples 0 to leave the routing figures out"));
    }
}
