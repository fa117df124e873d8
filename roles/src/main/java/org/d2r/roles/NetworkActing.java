package org.d2r.roles;

import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.d2r.core.model.Routing;
import org.d2r.core.model.TanhGaussian;
import org.d2r.core.model.TaskNetwork;
import org.d2r.core.nn.Buf;
import org.d2r.core.nn.Rng;
import org.d2r.core.routing.RoutingPaths;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Acting with the learner's own actor in one process (local training and the offline run's
 * evaluation): no snapshot is taken, the network shares the learner's parameters, and tau_T is the
 * learner's current one. One row per environment. Not thread-safe.
 */
public final class NetworkActing implements ActingPass {
    private final TaskNetwork actor;
    private final boolean routed;
    private final boolean sampleK;
    private final Supplier<double[]> tau;
    private final LongSupplier version;
    private final Rng rng;
    private final INDArray obs;
    private final TanhGaussian head;
    private RoutingPaths paths;

    private NetworkActing(TaskNetwork actor, boolean routed, boolean sampleK, Supplier<double[]> tau, LongSupplier version,
                          Rng rng) {
        this.actor = actor;
        this.routed = routed;
        this.sampleK = sampleK;
        this.tau = tau;
        this.version = version;
        this.rng = rng;
        this.obs = Nd4j.zeros(actor.dataType(), actor.batchSize(), actor.inputSize());
        this.head = new TanhGaussian(actor.batchSize(), actor.outputSize() / 2);
    }

    /**
     * Exploring with SampleK at {@code tau}'s per-task temperatures (TopK when {@code sampleK} is off).
     *
     * @param routed  whether the method routes: then the pass runs in the warm-up too, because the stored
     *                transition needs the behaviour path d_old
     * @param version what the transitions carry: the learner's update count
     */
    public static NetworkActing exploring(TaskNetwork actor, boolean routed, boolean sampleK, Supplier<double[]> tau,
                                          LongSupplier version, Rng rng) {
        return new NetworkActing(actor, routed, sampleK, tau, version, rng);
    }

    /** Evaluating: TopK routing and tanh(mean); draws nothing. */
    public static NetworkActing deterministic(TaskNetwork actor, LongSupplier version) {
        return new NetworkActing(actor, false, false, null, version, null);
    }

    @Override
    public long version() {
        return version.getAsLong();
    }

    @Override
    public void act(double[][] o, int[] taskIds, int rows, boolean explore, boolean policyActions, double[][] actions) {
        if (!policyActions && !routed) {
            paths = null;
            return;
        }
        Buf b = Buf.of(obs);
        int d = actor.inputSize();
        for (int r = 0; r < rows; r++) {
            double[] row = o[r];
            for (int k = 0; k < d; k++) b.set(r * d + k, row[k]);
        }
        if (explore) {
            Routing routing = sampleK ? Routing.sampleK(tau.get(), rng, false) : Routing.topK();
            head.sample(actor.forward(obs, taskIds, routing), rng);
        } else {
            head.mode(actor.forward(obs, taskIds, Routing.topK()));
        }
        paths = actor.lastPaths();
        double[] a = head.actions();
        for (int r = 0; r < rows; r++) System.arraycopy(a, r * actions[r].length, actions[r], 0, actions[r].length);
    }

    @Override
    public RoutingPaths paths() {
        return paths;
    }
}
