package org.d2r.infra.tools;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.d2r.cli.Cli;
import org.d2r.cli.RunOptions;
import org.d2r.core.baselines.Method;
import org.d2r.core.baselines.PaperTable8;
import org.d2r.core.config.D2rNetConfig;
import org.d2r.core.config.LearnerConfig;
import org.d2r.core.model.D2rNetwork;
import org.d2r.core.model.TaskNetwork;
import org.d2r.core.nn.Rng;
import org.d2r.core.routing.RoutingGranularity;
import org.nd4j.linalg.api.buffer.DataType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bin/d2r params} counts as Table 1 of the paper: the actor plus ONE critic (twin critic and target copies not
 * counted), with the one-hot task id as an input of the MLP baselines. Under it all four published
 * figures are reproduced to their printed precision; D2R's routing temperatures (the release stores
 * them as a parameter but never trains them) are not counted.
 */
@Command(name = "params", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"trainable parameter counts of D2R and the baselines against the paper's table", "",
                "Builds D2R and the baselines (multi-task SAC, multi-head SAC, Soft Modularization, CARE, PaCo) at",
                "the paper's sizes and prints actor, critic and total trainable parameters next to the",
                "paper's Table 1 figure. Total = actor + one critic, the paper's convention. Then D2R's",
                "layer-level and model-level routing ablations (Fig. 7(d)) next to its module-level routing.",
                "--preset smoke counts the networks that preset trains instead (the baselines sized like its D2R).", ""})
public final class ParamsCommand implements Callable<Integer> {

    static final int OBS_DIMS = 39;
    static final int ACTION_DIMS = 4;

    /**
     * @param perD2r        total / D2R's total at the same sizes: how comparable the preset's networks are
     * @param paperMillions the paper's figure, null at a preset whose sizes are not the paper's (smoke)
     * @param ratio         total / the paper's figure, null where that is
     */
    record Row(String method, String name, long actor, long critic, long total, long actorTwoCritics, double perD2r,
            Double paperMillions, Double ratio) {}

    /** D2R at one routing granularity of Fig. 7(d) (the ablation's name), on the same 16 modules. */
    record GranularityRow(String ablation, long actor, long critic, long total, long actorTwoCritics) {}

    @Spec
    CommandSpec spec;
    @Mixin
    RunOptions.Format format;

    @Option(names = "--benchmark", paramLabel = "mt10|mt50", description = "number of tasks (default mt10)")
    String benchmark = "mt10";

    @Option(names = "--preset", paramLabel = "NAME", description = "the sizes of a training preset (smoke: the small D2R and the"
            + " baselines sized like it); default the paper's sizes, which every mt10-* and mt50-* preset trains")
    String preset;

    @Override
    public Integer call() throws JsonProcessingException {
        String name = benchmark.toLowerCase(Locale.ROOT);
        int tasks = switch (name) {
            case "mt10" -> 10;
            case "mt50" -> 50;
            default -> throw Cli.usage(spec, "--benchmark must be mt10 or mt50, got '" + benchmark + "'");
        };
        Sizes sizes = Cli.checked(spec, "--preset: ", () -> preset == null ? Sizes.PAPER
                : new Sizes(preset.toLowerCase(Locale.ROOT), LearnerConfig.preset(preset).net()));
        List<Row> rows = count(sizes, tasks);
        List<GranularityRow> granularities = granularities(sizes.net(), tasks);
        if (format.json()) {
            System.out.println(json(name, tasks, sizes, rows, granularities));
        } else {
            System.out.print(text(name, tasks, sizes, rows, granularities));
        }
        return 0;
    }

    /** The networks counted: the paper's, or a preset's ({@code name} null for the paper's). */
    record Sizes(String name, D2rNetConfig net) {
        static final Sizes PAPER = new Sizes(null, D2rNetConfig.paper());

        boolean paper() {
            return net.equals(D2rNetConfig.paper());
        }

        String words() {
            return name == null ? "the paper's sizes" : "preset " + name + (paper() ? " (the paper's sizes)" : "");
        }
    }

    static List<Row> count(Sizes sizes, int tasks) {
        List<Row> rows = new ArrayList<>();
        D2rNetConfig d2r = sizes.net();
        long d2rTotal = parameters(Method.D2R, d2r, tasks);
        for (Method m : Method.values()) {
            long a = m.actor(d2r, OBS_DIMS, ACTION_DIMS, tasks, 1, DataType.FLOAT, new Rng(0)).params().count();
            long c = m.critic(d2r, OBS_DIMS, ACTION_DIMS, tasks, 1, DataType.FLOAT, new Rng(0)).params().count();
            double paper = PaperTable8.parametersMillions(m, tasks == 10); // Table 1's figure, in millions
            long total = parameters(m, d2r, tasks);
            rows.add(new Row(m.cliName(), m.title(), a, c, total, a + 2 * c, (double) total / d2rTotal, sizes.paper() ? paper : null,
                    sizes.paper() ? total / (paper * 1e6) : null));
        }
        return rows;
    }

    /**
     * Trainable parameters of {@code m} at {@code net}'s sizes (the baselines follow D2R's network, as every trainer builds
     * them) as the paper counts them: actor and one critic; CARE and PaCo with their shared parts
     * ({@link Method#paperParameterCount} says which). The report's table counts each run's network with it.
     */
    public static long parameters(Method m, D2rNetConfig net, int tasks) {
        if (m.sharesParts()) return m.paperParameterCount(net, OBS_DIMS, ACTION_DIMS, tasks);
        TaskNetwork actor = m.actor(net, OBS_DIMS, ACTION_DIMS, tasks, 1, DataType.FLOAT, new Rng(0));
        TaskNetwork critic = m.critic(net, OBS_DIMS, ACTION_DIMS, tasks, 1, DataType.FLOAT, new Rng(0));
        return actor.params().count() + critic.params().count();
    }

    /**
     * D2R's actor and critic at each routing granularity: a restricted router has fewer logits, and the
     * modules that read the base input (the first layer, each network's first module) take its 400 inputs.
     */
    static List<GranularityRow> granularities(D2rNetConfig net, int tasks) {
        List<GranularityRow> rows = new ArrayList<>();
        for (RoutingGranularity g : RoutingGranularity.values()) {
            D2rNetConfig cfg = net.withGranularity(g);
            long a = D2rNetwork.actor(cfg, OBS_DIMS, ACTION_DIMS, tasks, 1, DataType.FLOAT, new Rng(0)).params().count();
            long c = D2rNetwork.critic(cfg, OBS_DIMS, ACTION_DIMS, tasks, 1, DataType.FLOAT, new Rng(0)).params().count();
            rows.add(new GranularityRow(g.cliName(), a, c, a + c, a + 2 * c));
        }
        return rows;
    }

    static String text(String benchmark, int tasks, Sizes sizes, List<Row> rows, List<GranularityRow> granularities) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Trainable parameters, %s (%d tasks, obs %d, action %d), %s%n",
                benchmark.toUpperCase(Locale.ROOT), tasks, OBS_DIMS, ACTION_DIMS, sizes.words()));
        sb.append(String.format(Locale.ROOT, "%-22s %10s %10s %12s %14s %7s %8s %7s%n", "method", "actor", "critic",
                "actor+critic", "actor+2critics", "x D2R", "paper", "ratio"));
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "%-22s %,10d %,10d %,12d %,14d %7.2f %8s %7s%n", r.name(), r.actor(),
                    r.critic(), r.total(), r.actorTwoCritics(), r.perD2r(),
                    r.paperMillions() == null ? "-" : String.format(Locale.ROOT, "%.2fM", r.paperMillions()),
                    r.ratio() == null ? "-" : String.format(Locale.ROOT, "%.4f", r.ratio())));
        }
        if (!sizes.paper()) {
            sb.append("The baselines are sized from this preset's D2R network (Method's sizing rules), as every trainer builds them;\n");
            sb.append("the paper's figures are for its full sizes (bin/d2r params without --preset).\n");
        }
        sb.append("x D2R = total / D2R's total; ratio = (actor + one critic) / paper. The paper's Table 1 counts the actor and one critic;\n");
        sb.append("the MLP baselines take the one-hot task id as input (Soft Modularization's code).\n");
        sb.append("CARE and PaCo: actor and critic are their own layers; the total is the paper's count with the shared parts\n");
        sb.append("(CARE: actor + both critics + encoders + task encoder with its embeddings; PaCo: actor + one critic + w).\n");
        sb.append(String.format(Locale.ROOT, "%nD2R's routing granularities (Fig. 7(d); --ablation layer-level / model-level), %d modules%n",
                sizes.net().modules()));
        sb.append(String.format(Locale.ROOT, "%-22s %10s %10s %12s %14s%n", "routing", "actor", "critic", "actor+critic", "actor+2critics"));
        for (GranularityRow r : granularities) {
            sb.append(String.format(Locale.ROOT, "%-22s %,10d %,10d %,12d %,14d%n", r.ablation(), r.actor(), r.critic(), r.total(),
                    r.actorTwoCritics()));
        }
        return sb.toString();
    }

    /** The --format json document, its fields in this order (Jackson writes a record's components in order). */
    record Doc(String benchmark, String sizes, int tasks, int obsDims, int actionDims, String convention, List<Row> methods,
               List<GranularityRow> routingGranularities) {}

    static String json(String benchmark, int tasks, Sizes sizes, List<Row> rows, List<GranularityRow> granularities)
            throws JsonProcessingException {
        Doc doc = new Doc(benchmark, sizes.name() == null ? "paper" : sizes.name(), tasks, OBS_DIMS, ACTION_DIMS, "total = actor"
                + " + one critic; perD2r = total / D2R's total; paper figures from Table 1 of He et al. 2024 (null at a preset of"
                + " other sizes)", rows, granularities);
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc);
    }
}
