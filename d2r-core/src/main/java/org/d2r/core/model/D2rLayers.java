package org.d2r.core.model;

import java.util.Arrays;
import org.d2r.core.config.D2rNetConfig;
import org.d2r.core.nn.Linear;
import org.d2r.core.nn.ParamSet;
import org.d2r.core.nn.ReluMlp;
import org.d2r.core.nn.Rng;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The trainable layers of one D2R network, shared by every batch-size instance of it. Parameter
 * order (and names) is the checkpoint layout: state representation, task representation, routing
 * network, base modules, output layer.
 */
final class D2rLayers {
    final D2rNetConfig cfg;
    final NetShape shape;
    final ParamSet params;
    final Linear[] state;
    final Linear task;
    final Linear[] router;
    final Linear[] modules;
    final Linear out;
    final RouterSources sources;

    D2rLayers(D2rNetConfig cfg, NetShape shape, DataType dtype) {
        this.cfg = cfg;
        this.shape = shape;
        this.params = new ParamSet(dtype);
        this.sources = new RouterSources(cfg);
        int[] sh = cfg.stateHidden();
        state = ReluMlp.layers(params, "state", shape.inputSize(), sh);
        task = new Linear(params, "task", shape.taskCount(), cfg.taskWidth());
        int[] rh = cfg.routerHidden();
        router = Arrays.copyOf(ReluMlp.layers(params, "router", cfg.taskWidth(), rh), rh.length + 1);
        // one logit per source a router may choose: n(n+1)/2 for D2R, fewer for a restricted granularity
        router[rh.length] = new Linear(params, "router.logits", rh.length == 0 ? cfg.taskWidth() : rh[rh.length - 1], sources.logitCount());
        modules = new Linear[cfg.modules()];
        for (int i = 0; i < modules.length; i++) {
            int input = sources.readsBase(i) ? sh[sh.length - 1] : cfg.moduleWidth();
            modules[i] = new Linear(params, "module." + (i + 1), input, cfg.moduleWidth());
        }
        out = new Linear(params, "out", cfg.moduleWidth(), shape.outputSize());
    }

    /** The release's initialisation: basic_init everywhere except the output layer's uniform(+-3e-3). */
    void init(Rng rng) {
        for (Linear l : state) l.initHidden(rng);
        task.initHidden(rng);
        for (Linear l : router) l.initHidden(rng);
        for (Linear l : modules) l.initHidden(rng);
        out.initOutput(rng);
    }
}
