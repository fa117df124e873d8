package org.d2r.infra.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.d2r.cli.Cli;
import org.d2r.cli.RunOptions;
import org.d2r.core.baselines.Method;
import org.d2r.core.config.D2rNetConfig;
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
 * {@code bin/d2r params}: builds D2R and each baseline at the paper's sizes and prints their
 * trainable parameter counts next to the paper's Table 1 figures.
 *
 * <p>Convention: the paper's figure is the actor plus ONE critic (twin critic and target copies not
 * counted), with the one-hot task id as an input of the MLP baselines. Under it all four published
 * figures are reproduced to their printed precision; D2R's routing temperatures (the release stores
 * them as a parameter but never trains them) are not counted.
 */
@Command(name = "params", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"trainable parameter counts of D2R and the baselines against the paper's table", "",
                "Builds D2R and the baselines (multi-task SAC, multi-head SAC, Soft Modularization) at",
                "the paper's sizes and prints actor, critic and total trainable parameters next to the",
                "paper's Table 1 figure. Total = actor + one critic, the paper's convention. Then D2R's",
                "layer-level and model-level routing ablations (Fig. 7(d)) next to its module-level routing.", ""})
public final class ParamsCommand implements Callable<Integer> {

    static final int OBS_DIMS = 39;
    static final int ACTION_DIMS = 4;

    /** The paper's Table 1 parameter counts, in millions: MT10 then MT50. */
    static double paperMillions(Method m, int tasks) {
        boolean mt10 = tasks == 10;
        return switch (m) {
            case D2R -> mt10 ? 1.37 : 1.40;
            case MTSAC -> mt10 ? 1.33 : 1.36;
            case MHSAC -> mt10 ? 1.36 : 1.54;
            case SOFTMOD -> mt10 ? 1.59 : 1.62;
            case CARE -> mt10 ? 1.23 : 1.26;
            case PACO -> 3.39;
        };
    }

    /** One method's counts. */
    record Row(String method, String name, long actor, long critic, long total, long actorTwoCritics,
            double paperMillions, double ratio) {}

    /** D2R at one routing granularity of Fig. 7(d) (the ablation's name), on the same 16 modules. */
    record GranularityRow(String ablation, long actor, long critic, long total, long actorTwoCritics) {}

    @Spec
    CommandSpec spec;
    @Mixin
    RunOptions.Format format;

    @Option(names = "--benchmark", paramLabel = "mt10|mt50", description = "number of tasks (default mt10)")
    String benchmark = "mt10";

    public static void main(String[] args) {
        System.exit(Cli.execute(new ParamsCommand(), args));
    }

    @Override
    public Integer call() {
        String name = benchmark.toLowerCase(Locale.ROOT);
        int tasks = switch (name) {
            case "mt10" -> 10;
            case "mt50" -> 50;
            default -> throw Cli.usage(spec, "--benchmark must be mt10 or mt50, got '" + benchmark + "'");
        };
        List<Row> rows = count(tasks);
        List<GranularityRow> granularities = granularities(tasks);
        if (format.json()) {
            System.out.println(json(name, tasks, rows, granularities));
        } else {
            System.out.print(text(name, tasks, rows, granularities));
        }
        return 0;
    }

    /** Counts every method's actor and critic at the paper's sizes for this many tasks. */
    static List<Row> count(int tasks) {
        List<Row> rows = new ArrayList<>();
        D2rNetConfig d2r = D2rNetConfig.paper();
        for (Method m : Method.values()) {
            long a = m.actor(d2r, OBS_DIMS, ACTION_DIMS, tasks, 1, DataType.FLOAT, new Rng(0)).params().count();
            long c = m.critic(d2r, OBS_DIMS, ACTION_DIMS, tasks, 1, DataType.FLOAT, new Rng(0)).params().count();
            double paper = paperMillions(m, tasks);
            long total = parameters(m, d2r, tasks);
            rows.add(new Row(m.cliName(), m.title(), a, c, total, a + 2 * c, paper, total / (paper * 1e6)));
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
    static List<GranularityRow> granularities(int tasks) {
        List<GranularityRow> rows = new ArrayList<>();
        for (RoutingGranularity g : RoutingGranularity.values()) {
            D2rNetConfig cfg = D2rNetConfig.paper().withGranularity(g);
            long a = D2rNetwork.actor(cfg, OBS_DIMS, ACTION_DIMS, tasks, 1, DataType.FLOAT, new Rng(0)).params().count();
            long c = D2rNetwork.critic(cfg, OBS_DIMS, ACTION_DIMS, tasks, 1, DataType.FLOAT, new Rng(0)).params().count();
            rows.add(new GranularityRow(g.cliName(), a, c, a + c, a + 2 * c));
        }
        return rows;
    }

    static String text(String benchmark, int tasks, List<Row> rows, List<GranularityRow> granularities) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Trainable parameters, %s (%d tasks, obs %d, action %d)%n",
                benchmark.toUpperCase(Locale.ROOT), tasks, OBS_DIMS, ACTION_DIMS));
        sb.append(String.format(Locale.ROOT, "%-22s %10s %10s %12s %14s %8s %7s%n", "method", "actor", "critic",
                "actor+critic", "actor+2critics", "paper", "ratio"));
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "%-22s %,10d %,10d %,12d %,14d %7.2fM %7.4f%n", r.name(), r.actor(),
                    r.critic(), r.total(), r.actorTwoCritics(), r.paperMillions(), r.ratio()));
        }
        sb.append("ratio = (actor + one critic) / paper. The paper's Table 1 counts the actor and one critic;\n");
        sb.append("the MLP baselines take the one-hot task id as input (Soft Modularization's code).\n");
        sb.append("CARE and PaCo: actor and critic are their own layers; the total is the paper's count with the shared parts\n");
        sb.append("(CARE: actor + both critics + encoders + task encoder with its embeddings; PaCo: actor + one critic + w).\n");
        sb.append(String.format(Locale.ROOT, "%nD2R's routing granularities (Fig. 7(d); --ablation layer-level / model-level), 16 modules%n"));
        sb.append(String.format(Locale.ROOT, "%-22s %10s %10s %12s %14s%n", "routing", "actor", "critic", "actor+critic", "actor+2critics"));
        for (GranularityRow r : granularities) {
            sb.append(String.format(Locale.ROOT, "%-22s %,10d %,10d %,12d %,14d%n", r.ablation(), r.actor(), r.critic(), r.total(),
                    r.actorTwoCritics()));
        }
        return sb.toString();
    }

    static String json(String benchmark, int tasks, List<Row> rows, List<GranularityRow> granularities) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("benchmark", benchmark);
        doc.put("tasks", tasks);
        doc.put("obsDims", OBS_DIMS);
        doc.put("actionDims", ACTION_DIMS);
        doc.put("convention", "total = actor + one critic; paper figures from Table 1 of He et al. 2024");
        doc.put("methods", rows);
        doc.put("routingGranularities", granularities);
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
