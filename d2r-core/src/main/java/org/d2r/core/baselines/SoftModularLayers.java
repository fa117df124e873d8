package org.d2r.core.baselines;

import java.util.Arrays;
import org.d2r.core.model.NetShape;
import org.d2r.core.nn.Linear;
import org.d2r.core.nn.ParamSet;
import org.d2r.core.nn.ReluMlp;
import org.d2r.core.nn.Rng;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The trainable layers of one Soft Modularization network, shared by its batch-size instances.
 * Parameter order is the checkpoint layout: state encoder, task encoder, routing trunk, per-layer
 * routing blocks, modules, output layer.
 */
final class SoftModularLayers {
    final SoftModularConfig cfg;
    final NetShape shape;
    final ParamSet params;
    final Linear[] state;
    final Linear[] task;
    final Linear[] gate;
    /** cond[l] (l = 1..layers-1) reads the flattened routing weights of layers 0..l-1; cond[0] is unused. */
    final Linear[] cond;
    /** route[l] gives layer l's M x M routing logits (l = 0..layers-2), route[layers-1] the M output weights. */
    final Linear[] route;
    /** modules[i][j]: module j of layer i; all linear, the ReLU is applied to their mixed inputs. */
    final Linear[][] modules;
    final Linear out;

    SoftModularLayers(SoftModularConfig cfg, NetShape shape, DataType dtype) {
        this.cfg = cfg;
        this.shape = shape;
        this.params = new ParamSet(dtype);
        state = ReluMlp.layers(params, "state", shape.inputSize(), cfg.stateHidden());
        task = ReluMlp.layers(params, "task", shape.taskCount(), cfg.taskHidden());
        int[] gw = new int[cfg.gatingLayers()];
        Arrays.fill(gw, cfg.gatingWidth());
        gate = ReluMlp.layers(params, "gate", cfg.representationWidth(), gw);
        int mm = cfg.modules() * cfg.modules();
        int layers = cfg.layers();
        cond = new Linear[layers];
        route = new Linear[layers];
        route[0] = new Linear(params, "route.0", cfg.gatingWidth(), mm);
        for (int l = 1; l < layers; l++) {
            cond[l] = new Linear(params, "cond." + l, l * mm, cfg.gatingWidth());
            route[l] = new Linear(params, "route." + l, cfg.gatingWidth(), l == layers - 1 ? cfg.modules() : mm);
        }
        modules = new Linear[layers][cfg.modules()];
        for (int i = 0; i < layers; i++) {
            for (int j = 0; j < cfg.modules(); j++) {
                modules[i][j] = new Linear(params, "module." + i + "." + j,
                        i == 0 ? cfg.representationWidth() : cfg.moduleWidth(), cfg.moduleWidth());
            }
        }
        out = new Linear(params, "out", cfg.moduleWidth(), shape.outputSize());
    }

    /** Soft Modularization's initialisation: basic_init, except uniform(+-3e-3) for the routing logits and the output. */
    void init(Rng rng) {
        for (Linear l : state) l.initHidden(rng);
        for (Linear l : task) l.initHidden(rng);
        for (Linear l : gate) l.initHidden(rng);
        for (int l = 0; l < route.length; l++) {
            if (cond[l] != null) cond[l].initHidden(rng);
            route[l].initOutput(rng);
        }
        for (Linear[] layer : modules) {
            for (Linear m : layer) m.initHidden(rng);
        }
        out.initOutput(rng);
    }
}
