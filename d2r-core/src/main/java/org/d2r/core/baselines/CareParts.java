package org.d2r.core.baselines;

import java.util.List;
import org.d2r.core.model.TaskNetwork;
import org.d2r.core.nn.Buf;
import org.d2r.core.nn.Linear;
import org.d2r.core.nn.ParamSet;
import org.d2r.core.nn.Rng;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * What CARE's actor and critics share (mtrl): the frozen task-description embeddings, one task encoder,
 * the critic's encoder (k experts and the critic's attention) and its target, and the actor's attention,
 * which mtrl never optimises. The experts are tied: the actor reads the critic's. The encoder and the task
 * encoder learn from the critic loss only (the actor's pass detaches them), each with its own Adam; the
 * encoder's target moves at 0.05, the critics' own layers at the update's rate.
 */
final class CareParts extends SharedParts {
    final CareConfig cfg;
    final int tasks;
    final int obsDims;
    final DataType dtype;
    /** "task.embedding" [tasks, 768]: constant, carried so a checkpoint or snapshot is self-contained. */
    final ParamSet embedding;
    /** "task.0 .." */
    final ParamSet taskEncoder;
    /** "expert.i.0", "expert.i.1", "attention.j" */
    final ParamSet encoder;
    final ParamSet targetEncoder;
    /** "actorAttention.j": random, never stepped. */
    final ParamSet actorAttention;

    CareParts(CareConfig cfg, double[][] embeddings, int obsDims, int tasks, DataType dtype, Rng rng) {
        this.cfg = cfg;
        this.tasks = tasks;
        this.obsDims = obsDims;
        this.dtype = dtype;
        embedding = new ParamSet(dtype);
        embedding.create("task.embedding", tasks, cfg.embeddingWidth());
        if (embeddings.length != tasks || embeddings[0].length != cfg.embeddingWidth()) {
            throw new IllegalArgumentException("CARE needs " + tasks + " task embeddings of " + cfg.embeddingWidth() + " values, got "
                    + embeddings.length + " of " + embeddings[0].length);
        }
        Buf e = Buf.of(embedding.list().get(0).value());
        for (int t = 0; t < tasks; t++) for (int i = 0; i < cfg.embeddingWidth(); i++) e.set(t * cfg.embeddingWidth() + i, embeddings[t][i]);
        taskEncoder = new ParamSet(dtype);
        xavier(Mlp.create(taskEncoder, "task", cfg.taskWidths()), rng);
        encoder = new ParamSet(dtype);
        for (int i = 0; i < cfg.experts(); i++) xavier(Mlp.create(encoder, "expert." + i, obsDims, cfg.encoderWidth(), cfg.encoderWidth()), rng);
        xavier(Mlp.create(encoder, "attention", cfg.attentionWidths()), rng);
        targetEncoder = encoder.copy();
        actorAttention = new ParamSet(dtype);
        xavier(Mlp.create(actorAttention, "actorAttention", cfg.attentionWidths()), rng);
    }

    /** mtrl's weight_init: xavier-uniform weights, zero bias, on every linear layer. */
    static void xavier(Mlp m, Rng rng) {
        for (Linear l : m.layers) l.initUniform(Math.sqrt(6.0 / (l.in() + l.out())), rng);
    }

    @Override
    public List<Part> parts() {
        return List.of(new Part("care.encoder", encoder, cfg.learningRate(), targetEncoder, cfg.encoderTargetRate()),
                new Part("care.taskEncoder", taskEncoder, cfg.learningRate(), null, 0));
    }

    @Override
    public List<ParamSet> fixed() {
        return List.of(actorAttention, embedding);
    }

    @Override
    public TaskNetwork target(TaskNetwork critic) {
        return ((CareNetwork) critic).target();
    }
}
