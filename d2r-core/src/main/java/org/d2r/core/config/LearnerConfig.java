package org.d2r.core.config;

import java.util.List;
import java.util.Locale;
import org.d2r.core.routing.RoutingGranularity;

/**
 * A whole D2R training configuration: network, update, benchmark and budget, with the paper's values
 * as named presets and the section 7 ablations as named switches.
 *
 * @param name             preset name (plus applied ablations)
 * @param net              actor and critic network shape and routing
 * @param benchmark        "MT10" or "MT50"
 * @param fixedGoals       MT10-Fixed (one configuration per task) instead of Rand
 * @param obsDims          39 (Meta-World's goal-observable vector)
 * @param actionDims       4
 * @param episodeSteps     200 (a truncation, not a terminal)
 * @param stepsPerTask     environment steps per task (1.5M for MT10, 1M for MT50)
 * @param evalEverySteps   evaluation interval in steps per task (10K)
 * @param evalEpisodes     episodes per task per evaluation (32)
 */
public record LearnerConfig(String name, D2rNetConfig net, SacConfig sac, String benchmark, boolean fixedGoals, int obsDims,
                            int actionDims, int episodeSteps, long stepsPerTask, long evalEverySteps, int evalEpisodes) {

    public static final List<String> PRESETS = List.of("mt10-rand", "mt10-fixed", "mt50-rand", "mt50-fixed", "smoke");
    public static final List<String> ABLATIONS = List.of("hard", "soft", "top-k=<k>", "no-resrouting", "paper-resrouting",
            "paper-mask-out", "target-routing", "no-samplek", "no-route-balancing", "modules=<n>", "task-only-routing", "layer-level",
            "model-level");
    /** d2r.md, "Evaluation (paper)": the final policy over 100 episodes per task (train's default, local or not). */
    public static final int PAPER_FINAL_EPISODES = 100;

    public LearnerConfig {
        if (episodeSteps < 1 || stepsPerTask < 1 || evalEverySteps < 1 || evalEpisodes < 1) {
            throw new IllegalArgumentException("episode length, budget, evaluation interval and episodes must be positive");
        }
        if (obsDims < 1 || actionDims < 1) throw new IllegalArgumentException("observation and action dims must be positive");
    }

    /** A named preset: mt10-rand, mt10-fixed, mt50-rand, mt50-fixed (the paper's values) or smoke (tiny, minutes). */
    public static LearnerConfig preset(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        switch (n) {
            case "mt10-rand", "mt10-fixed", "mt50-rand", "mt50-fixed" -> {
                boolean mt10 = n.startsWith("mt10");
                return new LearnerConfig(n, D2rNetConfig.paper(), SacConfig.paper(mt10 ? 10 : 50, 4), mt10 ? "MT10" : "MT50",
                        n.endsWith("fixed"), 39, 4, 200, mt10 ? 1_500_000 : 1_000_000, 10_000, 32);
            }
            case "smoke" -> {
                // alpha's learning rate 30x the paper's: at 1e-4 alpha needs tens of thousands of updates to
                // fall from 1 and the entropy bonus outweighs the 0.1-scaled reward for a short run's whole
                // length. Measured on reach-v2 (learner-job/LOCAL_TRAINING.md): at 1e-4 no evaluation success
                // in 30K steps, once 0.20 in 60K; at 3e-3 (Rand goals) 0.45 at 20K and 0.90-0.95 from 30K steps.
                SacConfig s = SacConfig.paper(10, 4).toBuilder().batchPerTask(16).warmup(400, 200).alphaLr(3e-3).build();
                return new LearnerConfig(n, D2rNetConfig.small(4, 32, 64), s, "MT10", false, 39, 4, 200, 2_000, 1_000, 2);
            }
            default -> throw new IllegalArgumentException("unknown preset '" + name + "'; valid presets: " + String.join(", ", PRESETS));
        }
    }

    /** Applies one named ablation of section 7 (see {@link #ABLATIONS}). */
    public LearnerConfig withAblation(String ablation) {
        String a = ablation.toLowerCase(Locale.ROOT).trim();
        D2rNetConfig n = net;
        SacConfig s = sac;
        if (a.equals("hard")) n = net.hard();
        else if (a.equals("soft")) n = net.soft();
        else if (a.startsWith("top-k=")) n = net.withTopK(intValue(a, "top-k="));
        else if (a.equals("no-resrouting")) n = net.withResRouting(ResRouting.OFF);
        else if (a.equals("paper-resrouting")) n = net.withResRouting(ResRouting.PAPER);
        else if (a.equals("paper-mask-out")) s = sac.toBuilder().maskOut(MaskOut.PAPER).build();
        else if (a.equals("target-routing")) s = sac.toBuilder().storedPaths(false).build();
        else if (a.equals("no-samplek")) s = sac.toBuilder().sampleKWhenActing(false).build();
        else if (a.equals("no-route-balancing")) s = sac.toBuilder().routeBalancing(false).build();
        else if (a.startsWith("modules=")) n = net.withModules(intValue(a, "modules="));
        else if (a.equals("task-only-routing")) n = net.withStateInRouting(false);
        else if (a.equals("layer-level")) n = net.withGranularity(RoutingGranularity.LAYER);
        else if (a.equals("model-level")) n = net.withGranularity(RoutingGranularity.MODEL);
        else throw new IllegalArgumentException("unknown ablation '" + ablation + "'; valid: " + String.join(", ", ABLATIONS));
        return new LearnerConfig(name + "+" + a, n, s, benchmark, fixedGoals, obsDims, actionDims, episodeSteps, stepsPerTask,
                evalEverySteps, evalEpisodes);
    }

    private static int intValue(String a, String prefix) {
        try {
            int v = Integer.parseInt(a.substring(prefix.length()));
            if (v < 1) throw new NumberFormatException();
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("ablation '" + a + "' needs a positive integer after '" + prefix + "'");
        }
    }

    /** The ablations applied to the preset, in order, by their normalised names ({@code top-k=2}, {@code no-resrouting}). */
    public List<String> ablations() {
        return ablations(name);
    }

    /** The preset part of a configuration's name ({@code smoke} of {@code smoke+no-resrouting}). */
    public static String presetName(String configName) {
        return configName.split("\\+", -1)[0];
    }

    /** The ablations named in a configuration's name ({@code [no-resrouting]} of {@code smoke+no-resrouting}). */
    public static List<String> ablations(String configName) {
        List<String> parts = List.of(configName.split("\\+", -1));
        return parts.subList(1, parts.size());
    }

    /** Whether this is one of the paper's presets (mt10-*, mt50-*) rather than a project one (smoke). */
    public boolean paperPreset() {
        return name.startsWith("mt10-") || name.startsWith("mt50-");
    }

    public int tasks() {
        return sac.tasks();
    }
}
