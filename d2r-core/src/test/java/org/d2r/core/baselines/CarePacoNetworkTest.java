package org.d2r.core.baselines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.function.DoubleSupplier;
import org.d2r.core.config.D2rNetConfig;
import org.d2r.core.model.Routing;
import org.d2r.core.model.TaskNetwork;
import org.d2r.core.nn.Buf;
import org.d2r.core.nn.GradCheck;
import org.d2r.core.nn.Param;
import org.d2r.core.nn.ParamSet;
import org.d2r.core.nn.Rng;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * CARE's and PaCo's networks against finite differences (double), the gradients that must not flow, PaCo's
 * task-vector reset, the paper's parameter counts, and the task embeddings' file.
 */
class CarePacoNetworkTest {

    static final int OBS = 4, ACT = 2, TASKS = 3, ROWS = 5;
    static final int[] TASK_IDS = {0, 2, 1, 2, 0};

    static TaskEmbeddings embeddings(int tasks, int width, long seed) {
        Rng r = new Rng(seed);
        double[][] e = new double[tasks][width];
        for (double[] row : e) for (int i = 0; i < width; i++) row[i] = r.nextGaussian();
        return new TaskEmbeddings(TaskEmbeddings.zeros(tasks, width).tasks(), e);
    }

    static Networks care(int rows) {
        return Networks.builder(Method.CARE).dims(OBS, ACT).tasks(TASKS).batchSize(rows).dataType(DataType.DOUBLE)
                // tiny sizes: embedding 6, widths 4, one task-encoder and attention layer, 3 experts, trunk [7, 5]
                .care(new CareConfig(6, 4, 1, 4, 3, 4, 1, 1.0, new int[] {7, 5}, 0.05, 3e-4))
                .embeddings(embeddings(TASKS, 6, 3)).build(new Rng(11));
    }

    static Networks paco(int rows) {
        return Networks.builder(Method.PACO).dims(OBS, ACT).tasks(TASKS).batchSize(rows).dataType(DataType.DOUBLE)
                .paco(new PacoConfig(3, new int[] {7, 5}, 0.3, 3e-4)).build(new Rng(12));
    }

    /** sum(out * r) and its analytic gradient, checked on the given sets and on the input. */
    private static void check(TaskNetwork net, List<ParamSet> sets, String what) {
        // zero biases put a row whose hidden layer is all dead exactly on the next ReLU's kink: move them off
        Rng jitter = new Rng(77);
        for (ParamSet s : sets) {
            for (Param p : s.list()) {
                if (!p.name().endsWith(".b")) continue;
                Buf b = Buf.of(p.value());
                for (int i = 0; i < b.length(); i++) b.set(i, 0.1 * jitter.nextGaussian());
            }
        }
        INDArray x = Nd4j.rand(DataType.DOUBLE, ROWS, net.inputSize()).subi(0.5).muli(4);
        INDArray r = Nd4j.rand(DataType.DOUBLE, ROWS, net.outputSize()).subi(0.5);
        DoubleSupplier loss = () -> net.forward(x, TASK_IDS, Routing.topK()).mul(r).sumNumber().doubleValue();
        loss.getAsDouble();
        for (ParamSet s : sets) s.zeroGrad();
        net.backward(r.dup(), true, true);
        for (ParamSet s : sets) {
            GradCheck.Result res = GradCheck.check(loss, s, 4, 1e-6, 1e-9, new Rng(5));
            assertTrue(res.maxRelError() < 1e-5, what + ": " + res);
        }
        GradCheck.checkInput(loss, x, net.inputGradient().dup(), 3, java.util.stream.IntStream.range(0, net.inputSize()).toArray(), 1e-7, what);
    }

    @Test
    void careCriticGradientsReachItsTrunkEncoderAndTaskEncoder() {
        Networks n = care(ROWS);
        CareNetwork q = (CareNetwork) n.critic1();
        CareParts p = q.parts();
        // the critic accumulates into its views; gathered into the parts after each backward, as the update does
        check(new GatheringCritic(q, p), List.of(q.params(), p.encoder, p.taskEncoder), "CARE critic");
    }

    /** A critic whose backward gathers its views into the parts, as the update does after the critics' passes. */
    private record GatheringCritic(CareNetwork q, CareParts p) implements TaskNetwork {
        public int inputSize() { return q.inputSize(); }
        public int outputSize() { return q.outputSize(); }
        public int taskCount() { return q.taskCount(); }
        public int batchSize() { return q.batchSize(); }
        public DataType dataType() { return q.dataType(); }
        public INDArray forward(INDArray in, int[] t, Routing r) { return q.forward(in, t, r); }
        public void backward(INDArray g, boolean pg, boolean ig) {
            p.zeroGradients();
            q.backward(g, pg, ig);
            p.gatherGradients();
        }
        public INDArray inputGradient() { return q.inputGradient(); }
        public ParamSet params() { return q.params(); }
        public org.d2r.core.routing.RoutingPaths lastPaths() { return null; }
        public TaskNetwork copy() { throw new UnsupportedOperationException(); }
        public TaskNetwork withBatchSize(int b) { throw new UnsupportedOperationException(); }
    }

    @Test
    void careActorGradientStopsAtItsTrunk() {
        Networks n = care(ROWS);
        CareNetwork a = (CareNetwork) n.actor();
        CareParts p = a.parts();
        check(a, List.of(a.params()), "CARE actor");
        // the actor's backward leaves every shared part's gradient exactly zero
        p.zeroGradients();
        INDArray x = Nd4j.rand(DataType.DOUBLE, ROWS, OBS);
        a.forward(x, TASK_IDS, Routing.topK());
        a.backward(Nd4j.rand(DataType.DOUBLE, ROWS, 2 * ACT), true, false);
        p.gatherGradients();
        for (ParamSet s : List.of(p.encoder, p.taskEncoder, p.actorAttention, p.embedding)) assertEquals(0.0, s.gradNorm());
        assertTrue(a.params().gradNorm() > 0);
    }

    @Test
    void pacoGradientsReachItsLayersAndTaskVectors() {
        Networks n = paco(ROWS);
        for (TaskNetwork net : List.of(n.actor(), n.critic1())) {
            PacoNetwork pn = (PacoNetwork) net;
            assertEquals("w", pn.weights().get(0).name());
            check(pn, List.of(pn.params(), pn.taskVectorView()), pn.toString());
        }
    }

    @Test
    void pacoResetMakesAMaskedTaskAConvexCombinationOfTheNormalOnes() {
        PacoParts p = new PacoParts(new PacoConfig(4, new int[] {3}, 0.3, 3e-4), 5, DataType.DOUBLE, new Rng(2));
        INDArray before = p.taskVectors.list().get(0).value().dup();
        boolean[] masked = {true, false, false, true, false};
        boolean[] normal = {false, true, false, false, true};  // task 2 is absent from the batch: neither
        double[][] used = p.resetMasked(masked, normal, new Rng(9));
        INDArray after = p.taskVectors.list().get(0).value();
        for (int t = 0; t < 5; t++) {
            if (!masked[t]) {
                assertEquals(before.getColumn(t), after.getColumn(t), "task " + t + " is left alone");
                continue;
            }
            double sum = 0;
            for (int j = 0; j < 5; j++) {
                assertTrue(used[t][j] >= 0, "weights are non-negative");
                if (!normal[j]) assertEquals(0.0, used[t][j], "only normal tasks are mixed in");
                sum += used[t][j];
            }
            assertEquals(1.0, sum, 1e-12);
            for (int i = 0; i < 4; i++) {
                double v = 0;
                for (int j = 0; j < 5; j++) v += used[t][j] * before.getDouble(i, j);
                assertEquals(v, after.getDouble(i, t), 1e-12);
            }
        }
        // the two masked tasks drew their own weights
        assertTrue(Math.abs(used[0][1] - used[3][1]) > 1e-9);
        // no normal task: nothing to interpolate, nothing changes
        INDArray still = after.dup();
        p.resetMasked(masked, new boolean[5], new Rng(1));
        assertEquals(still, p.taskVectors.list().get(0).value());
    }

    @Test
    void parameterCountsMatchThePapersUnderTheReadmesConvention() {
        D2rNetConfig paper = D2rNetConfig.paper();
        // CARE: actor + both critics + task encoder with its frozen N x 768 table, tied experts once, no targets
        assertEquals(1_226_202, Method.CARE.paperParameterCount(paper, 39, 4, 10));
        assertEquals(1_256_922, Method.CARE.paperParameterCount(paper, 39, 4, 50));
        // PaCo: actor + one critic, K = 5 sets each, plus w (K x N)
        assertEquals(5 * (340_008 + 338_801) + 5 * 10, Method.PACO.paperParameterCount(paper, 39, 4, 10));
        assertEquals(5 * (340_008 + 338_801) + 5 * 50, Method.PACO.paperParameterCount(paper, 39, 4, 50));
        double[][] table = {{1.23, 1.26}, {3.39, 3.39}};
        Method[] methods = {Method.CARE, Method.PACO};
        for (int i = 0; i < 2; i++) {
            for (int k = 0; k < 2; k++) {
                long n = methods[i].paperParameterCount(paper, 39, 4, k == 0 ? 10 : 50);
                assertEquals(table[i][k], Math.round(n / 1e4) / 100.0, 1e-9, methods[i] + ": " + n);
            }
        }
    }

    @Test
    void embeddingsAreReadFromTheSharedFileAndAMissingFileSaysHowToProvideIt() {
        TaskEmbeddings e = TaskEmbeddings.load(List.of("reach-v2", "push-v2"));
        assertEquals(768, e.rows()[0].length);
        assertEquals(-0.045648399740457535, e.rows()[0][0], 0.0);
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> TaskEmbeddings.locate("/nonexistent/roberta-mt50.json", null, Path.of("/")));
        assertTrue(missing.getMessage().contains("/nonexistent/roberta-mt50.json") && missing.getMessage().contains(TaskEmbeddings.ENV_VAR),
                missing.getMessage());
        IllegalStateException nowhere = assertThrows(IllegalStateException.class, () -> TaskEmbeddings.locate(null, null, Path.of("/tmp")));
        assertTrue(nowhere.getMessage().contains("shared/metaworld-v2/task-embeddings/roberta-mt50.json"), nowhere.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TaskEmbeddings.load(List.of("no-such-task-v2")));
        assertThrows(IllegalArgumentException.class, () -> Networks.builder(Method.CARE).tasks(2).build(new Rng(1)));
    }
}
