package org.d2r.roles.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/**
 * The report's rule for which runs are averaged: runs of the same {@link RunFolder.Comparison} (tasks, goals, preset and
 * budget) form a group, and within a group the runs of one method with the same ablations are its seeds. Groups are
 * never averaged together; a run stopped before its budget is set apart, not averaged with finished ones; the same
 * folder twice, or two runs of one method and seed in one group, are refused.
 */
public final class Comparisons {

    private Comparisons() {}

    /** One comparison: its runs by method label (D2R's first, then in the order given), each label's runs by seed. */
    public record Group(RunFolder.Comparison key, Map<String, List<RunFolder>> byLabel) {
        public Group {
            Map<String, List<RunFolder>> copy = new LinkedHashMap<>();
            byLabel.forEach((k, v) -> copy.put(k, List.copyOf(v)));
            byLabel = java.util.Collections.unmodifiableMap(copy);
        }

        public List<String> tasks() {
            return byLabel.values().iterator().next().get(0).tasks();
        }

        /**
         * Whether every evaluation of the group has its environment steps (train-offline's have none): the curves' x-axis is
         * environment steps then, updates otherwise, as {@link SuccessCurve} decides for one run.
         */
        public boolean bySteps() {
            return byLabel.values().stream().flatMap(List::stream).flatMap(r -> r.evaluations().stream()).allMatch(SuccessCurve.Point::placeable);
        }

        /** The labels of D2R runs that differ only by ablation, when there are at least two: the ablation comparison. */
        public List<String> ablationLabels() {
            List<String> d2r = byLabel.keySet().stream().filter(l -> byLabel.get(l).get(0).method().routed()).toList();
            return d2r.size() >= 2 ? d2r : List.of();
        }
    }

    /** The groups, and the runs left out of them because they stopped before their budget. */
    public record Grouping(List<Group> groups, List<RunFolder> unfinished) {
        public Grouping {
            groups = List.copyOf(groups);
            unfinished = List.copyOf(unfinished);
        }
    }

    /**
     * @throws IllegalArgumentException a folder given twice, or two runs of one method label and seed in one comparison
     */
    public static Grouping group(List<RunFolder> runs) {
        Map<RunFolder.Comparison, Map<String, List<RunFolder>>> groups = new LinkedHashMap<>();
        List<RunFolder> unfinished = new ArrayList<>();
        TreeSet<java.nio.file.Path> seen = new TreeSet<>();
        for (RunFolder r : runs) {
            if (!seen.add(r.dir().toAbsolutePath().normalize())) {
                throw new IllegalArgumentException(r.dir() + " is given twice: name each run folder once");
            }
            if (!r.finished()) {
                unfinished.add(r);
                continue;
            }
            List<RunFolder> seeds = groups.computeIfAbsent(r.comparison(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(r.label(), k -> new ArrayList<>());
            for (RunFolder other : seeds) {
                if (other.seed() == r.seed()) {
                    throw new IllegalArgumentException(other.dir() + " and " + r.dir() + " are both " + r.label() + " with seed " + r.seed()
                            + " on " + r.comparison().label() + ": a seed counts once, so pass one of them");
                }
            }
            seeds.add(r);
        }
        List<Group> out = new ArrayList<>();
        groups.forEach((key, byLabel) -> {
            Map<String, List<RunFolder>> ordered = new LinkedHashMap<>();
            byLabel.entrySet().stream().sorted(Comparator.comparing(e -> e.getValue().get(0).method().ordinal()))
                    .forEach(e -> ordered.put(e.getKey(), e.getValue().stream().sorted(Comparator.comparingLong(RunFolder::seed)).toList()));
            out.add(new Group(key, ordered));
        });
        return new Grouping(out, unfinished);
    }

    /** Mean and standard deviation (n - 1; NaN for one seed) of per-seed values, the table's figures. */
    public record MeanSd(double mean, double sd, int n) {
        public static MeanSd of(double[] values) {
            DescriptiveStatistics s = new DescriptiveStatistics(values);
            return new MeanSd(s.getMean(), values.length > 1 ? s.getStandardDeviation() : Double.NaN, values.length);
        }
    }

    /** Median and first and third quartiles (linear interpolation between order statistics, numpy's default). */
    public record Quartiles(double q1, double median, double q3) {
        public static Quartiles of(double[] values) {
            Percentile p = new Percentile().withEstimationType(Percentile.EstimationType.R_7);
            p.setData(values);
            return new Quartiles(p.evaluate(25), p.evaluate(50), p.evaluate(75));
        }
    }

    /** One point of a method's curve over seeds: environment steps over all tasks (or updates), and the quartiles of its seeds' values. */
    public record CurvePoint(long x, Quartiles success) {}

    /**
     * Success (mean over tasks, or one task's when {@code task >= 0}) against environment steps over all tasks (updates when
     * not {@code bySteps}) over the seeds of one label: only the evaluations every seed has, so that no point is a median of
     * fewer seeds than the others.
     */
    public static List<CurvePoint> curve(List<RunFolder> seeds, int task, boolean bySteps) {
        TreeMap<Long, List<Double>> byX = new TreeMap<>();
        for (RunFolder r : seeds) {
            TreeMap<Long, Double> own = new TreeMap<>(); // a later evaluation at the same x (the final one) counts
            for (SuccessCurve.Point p : r.evaluations()) {
                own.put(p.x(bySteps, r.tasks().size()), task < 0 ? RunFolder.mean(p.success()) : p.success()[task]);
            }
            own.forEach((x, v) -> byX.computeIfAbsent(x, k -> new ArrayList<>()).add(v));
        }
        List<CurvePoint> out = new ArrayList<>();
        byX.forEach((steps, values) -> {
            if (values.size() == seeds.size()) {
                out.add(new CurvePoint(steps, Quartiles.of(values.stream().mapToDouble(Double::doubleValue).toArray())));
            }
        });
        return out;
    }
}
