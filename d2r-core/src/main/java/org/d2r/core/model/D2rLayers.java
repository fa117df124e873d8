package org.d2r.core.model;

import org.d2r.core.config.D2rNetConfig;
import org.d2r.core.nn.Linear;
import org.d2r.core.nn.ParamSet;
import org.d2r.core.nn.Rng;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The trainable layers of one D2R network, shared by every batch-size instance of it. Parameter
 * order (and names) is the checkpoint layout: state representation, task representation, routing
 * network, base modules, output layer.
 */
final class D2rLayers {
    final D2rNetConfig cfg;
    final int inputSize;
    final int outputSize;
    final int taskCount;
    final ParamSet params;
    final Linear[] state;
    final Linear task;
    final Linear[] router;
    final Linear[] modules;
    final Linear out;
    final RouterSources sources;

    D2rLayers(D2rNetConfig cfg, int inputSize, int outputSize, int taskCount, DataType dtype) {
        if (inputSize < 1 || outputSize < 1 || taskCount < 1) {
            throw new IllegalArgumentException("input, output and task counts must be positive, got " + inputSize + ", " + outputSize + ", " + taskCount);
        }
        this.cfg = cfg;
        this.inputSize = inputSize;
        this.outputSize = outputSize;
        this.taskCount = taskCount;
        this.params = new ParamSet(dtype);
        this.sources = new RouterSources(cfg);
        int[] sh = cfg.stateHidden();
        state = new Linear[sh.length];
        int in = inputSize;
        for (int i = 0; i < sh.length; i++) {
            state[i] = new Linear(params, "state." + i, in, sh[i]);
            in = sh[i];
        }
        task = new Linear(params, "task", taskCount, cfg.taskWidth());
        int[] rh = cfg.routerHidden();
        router = new Linear[rh.length + 1];
        in = cfg.taskWidth();
        for (int i = 0; i < rh.length; i++) {
            router[i] = new Linear(params, "router." + i, in, rh[i]);
            in = rh[i];
        }
        // one logit per source a router may choose: n(n+1)/2 for D2R, fewer for a restricted granularity
        router[rh.length] = new Linear(params, "router.logits", in, sources.logitCount());
        modules = new Linear[cfg.modules()];
        for (int i = 0; i < modules.length; i++) {
            int input = sources.readsBase(i) ? sh[sh.length - 1] : cfg.moduleWidth();
            modules[i] = new Linear(params, "module." + (i + 1), input, cfg.moduleWidth());
        }
        out = new Linear(params, "out", cfg.moduleWidth(), outputSize);
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
