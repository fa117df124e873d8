package org.d2r.core.model;

import java.util.HashMap;
import java.util.Map;
import org.d2r.core.io.PolicySnapshot;
import org.d2r.core.nn.Buf;
import org.d2r.core.nn.Rng;
import org.d2r.core.routing.RoutingPaths;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A baseline's policy acting through its own network, the one the learner trains: Soft
 * Modularization's (its routing network has no lean copy), and the reference the lean MLP actor is
 * tested against. One network view and head per row count in use (a producer's lockstep, the
 * evaluator's single row), sharing the weights. ND4J's per-op cost makes it slow at a handful of
 * rows (BENCHMARKS.md, acting forward pass).
 */
final class BaselineActor implements SnapshotActor {

    private final PolicySnapshot snapshot;
    private final TaskNetwork network;
    private final Map<Integer, Rows> byRows = new HashMap<>();

    private record Rows(TaskNetwork network, INDArray input, int[] taskIds, TanhGaussian head) {}

    BaselineActor(PolicySnapshot snapshot) {
        if (snapshot.method().routed()) throw new IllegalArgumentException("a " + snapshot.method().title() + " snapshot acts through PolicyActor");
        this.snapshot = snapshot;
        // the initial weights are overwritten at once: any seed will do
        this.network = snapshot.method().actor(snapshot.net(), snapshot.obsDims(), snapshot.actionDims(), snapshot.tasks(), 1,
                DataType.FLOAT, new Rng(0));
        snapshot.loadInto(network);
    }

    @Override
    public PolicySnapshot snapshot() {
        return snapshot;
    }

    @Override
    public void actAll(float[][] obs, int[] taskIds, int rows, boolean explore, boolean sampleKRouting, Rng rng,
                       float[][] actions, RoutingPaths paths, int firstPathRow) {
        int o = obsDims(), a = actionDims();
        SnapshotActor.checkRows(this, obs, taskIds, rows, actions);
        Rows r = byRows.computeIfAbsent(rows, this::rows);
        Buf in = Buf.of(r.input());
        for (int b = 0; b < rows; b++) {
            for (int i = 0; i < o; i++) in.set(b * o + i, obs[b][i]);
            r.taskIds()[b] = taskIds[b];
        }
        INDArray out = r.network().forward(r.input(), r.taskIds(), Routing.topK());
        // row-major noise: row b's draws come after rows 0..b-1's, as single-row calls would draw them
        if (explore) r.head().sample(out, rng);
        else r.head().mode(out);
        double[] act = r.head().actions();
        for (int b = 0; b < rows; b++) {
            for (int k = 0; k < a; k++) actions[b][k] = (float) act[b * a + k];
        }
    }

    private Rows rows(int rows) {
        TaskNetwork net = rows == network.batchSize() ? network : network.withBatchSize(rows);
        return new Rows(net, Nd4j.zeros(DataType.FLOAT, rows, obsDims()), new int[rows], new TanhGaussian(rows, actionDims()));
    }
}
