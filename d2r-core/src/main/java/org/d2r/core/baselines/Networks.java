package org.d2r.core.baselines;

import org.d2r.core.config.D2rNetConfig;
import org.d2r.core.config.SacConfig;
import org.d2r.core.model.TaskNetwork;
import org.d2r.core.nn.Rng;
import org.d2r.core.sac.MultiTaskSac;
import org.d2r.core.sac.UpdateExtension;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A method's actor and twin critics built together, with what they share: the learner's entry for every
 * method, and the only one for CARE and PaCo, whose parts (encoders, task vectors) the update steps through
 * {@link #extension()}. For the others the extension is {@link UpdateExtension#NONE}.
 */
public record Networks(TaskNetwork actor, TaskNetwork critic1, TaskNetwork critic2, UpdateExtension extension) {

    public MultiTaskSac sac(SacConfig cfg, Rng rng) {
        return new MultiTaskSac(cfg, actor, critic1, critic2, extension, rng);
    }

    public static Builder builder(Method method) {
        return new Builder(method);
    }

    /** Sizes come from D2R's configuration as for {@link Method#actor}; CARE needs the benchmark's task embeddings. */
    public static final class Builder {
        private final Method method;
        private D2rNetConfig net = D2rNetConfig.paper();
        private int obsDims = 39;
        private int actionDims = 4;
        private int tasks = -1;
        private int batchSize = 1;
        private DataType dtype = DataType.FLOAT;
        private TaskEmbeddings embeddings;
        private CareConfig care;
        private PacoConfig paco;

        private Builder(Method method) {
            this.method = java.util.Objects.requireNonNull(method, "method");
        }

        public Builder net(D2rNetConfig v) { net = v; return this; }

        public Builder dims(int obs, int action) { obsDims = obs; actionDims = action; return this; }

        public Builder tasks(int v) { tasks = v; return this; }

        public Builder batchSize(int v) { batchSize = v; return this; }

        public Builder dataType(DataType v) { dtype = v; return this; }

        /** CARE's frozen task metadata, one row per task in the benchmark's order ({@link TaskEmbeddings#load}). */
        public Builder embeddings(TaskEmbeddings v) { embeddings = v; return this; }

        /** CARE's sizes instead of those derived from {@code net}. */
        public Builder care(CareConfig v) { care = v; return this; }

        /** PaCo's sizes instead of those derived from {@code net}. */
        public Builder paco(PacoConfig v) { paco = v; return this; }

        /** {@link Method#actor}'s for CARE and PaCo: the actor alone, with parts of its own (no critics built). */
        public TaskNetwork buildActor(Rng rng) {
            return switch (method) {
                case CARE -> CareNetwork.actor(careParts(rng), actionDims, batchSize, rng);
                case PACO -> PacoNetwork.actor(pacoParts(rng), obsDims, actionDims, batchSize, rng);
                default -> method.actor(net, obsDims, actionDims, tasks, batchSize, dtype, rng);
            };
        }

        private CareParts careParts(Rng rng) {
            if (tasks < 1) throw new IllegalArgumentException("tasks must be set (>= 1)");
            if (embeddings == null) {
                throw new IllegalArgumentException("CARE needs the task embeddings: TaskEmbeddings.load(task names) reads "
                        + TaskEmbeddings.FILE + " (shared/metaworld-v2/task-embeddings, or " + TaskEmbeddings.ENV_VAR + ")");
            }
            if (embeddings.rows().length != tasks) {
                throw new IllegalArgumentException("CARE: " + embeddings.rows().length + " task embeddings for " + tasks + " tasks");
            }
            return new CareParts(care != null ? care : Method.care(net), embeddings.rows(), obsDims, tasks, dtype, rng);
        }

        private PacoParts pacoParts(Rng rng) {
            return new PacoParts(paco != null ? paco : Method.paco(net), tasks, dtype, rng);
        }

        public Networks build(Rng rng) {
            if (tasks < 1) throw new IllegalArgumentException("tasks must be set (>= 1)");
            return switch (method) {
                case CARE -> {
                    CareParts p = careParts(rng);
                    yield new Networks(CareNetwork.actor(p, actionDims, batchSize, rng), CareNetwork.critic(p, actionDims, batchSize, rng),
                            CareNetwork.critic(p, actionDims, batchSize, rng), p);
                }
                case PACO -> {
                    PacoParts p = pacoParts(rng);
                    yield new Networks(PacoNetwork.actor(p, obsDims, actionDims, batchSize, rng),
                            PacoNetwork.critic(p, obsDims, actionDims, batchSize, rng), PacoNetwork.critic(p, obsDims, actionDims, batchSize, rng), p);
                }
                default -> new Networks(method.actor(net, obsDims, actionDims, tasks, batchSize, dtype, rng),
                        method.critic(net, obsDims, actionDims, tasks, batchSize, dtype, rng),
                        method.critic(net, obsDims, actionDims, tasks, batchSize, dtype, rng), UpdateExtension.NONE);
            };
        }
    }
}
