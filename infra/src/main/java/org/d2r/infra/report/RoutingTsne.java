package org.d2r.infra.report;

import de.javagl.tsne.Tsne;
import java.util.List;
import org.d2r.roles.report.RoutingSamples;

/**
 * The paper's Fig. 6(a) embedding: Barnes-Hut t-SNE (de.javagl:bh-tsne, BSD) of the final policy's routing paths, each
 * path its bit vector (1 where router i chose source j), all tasks' samples in one run of the algorithm.
 */
final class RoutingTsne {

    /** The points of the embedding and the task of each. */
    record Embedding(double[][] xy, int[] task) {}

    private RoutingTsne() {}

    /**
     * @param seed       the embedding's random start, so a report is drawn the same way twice
     * @param iterations gradient steps (1,000 as in van der Maaten's code)
     */
    static Embedding embed(RoutingSamples s, long seed, int iterations) {
        List<double[][]> perTask = s.paths();
        int n = perTask.stream().mapToInt(p -> p.length).sum();
        double[][] x = new double[n][];
        int[] task = new int[n];
        int i = 0;
        for (int t = 0; t < perTask.size(); t++) {
            for (double[] path : perTask.get(t)) {
                x[i] = path.clone();
                task[i++] = t;
            }
        }
        Tsne tsne = new Tsne();
        tsne.setOutputDims(2);
        tsne.setInitialDims(Math.min(50, x[0].length));
        // the usual 30, but Barnes-Hut needs three neighbours' worth of points per unit of perplexity
        tsne.setPerplexity(Math.max(1, Math.min(30, (n - 1) / 3.0 - 1)));
        tsne.setTheta(0.5);
        tsne.setMaxIterations(iterations);
        tsne.setRandomSeed(seed);
        tsne.setMessageConsumer(m -> { });
        double[][] y = tsne.run(x);
        for (double[] p : y) {
            if (!Double.isFinite(p[0]) || !Double.isFinite(p[1])) {
                throw new IllegalStateException("t-SNE gave a non-finite point for " + n + " routing paths: draw more samples"
                        + " (--routing-samples)");
            }
        }
        return new Embedding(y, task);
    }
}
