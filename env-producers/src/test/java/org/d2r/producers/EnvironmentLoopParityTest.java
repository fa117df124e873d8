package org.d2r.producers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.d2r.core.baselines.Method;
import org.d2r.core.config.D2rNetConfig;
import org.d2r.core.model.SnapshotActor;
import org.d2r.core.model.TaskNetwork;
import org.d2r.core.nn.Rng;
import org.d2r.core.routing.RoutingPaths;
import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.MetaWorld;
import org.d2r.metaworld.MetaWorldEnv;
import org.d2r.metaworld.StepResult;
import org.d2r.roles.EnvironmentLoop;
import org.d2r.roles.LoopProgress;
import org.d2r.roles.PolicySource;
import org.d2r.roles.RecentEpisodes;
import org.d2r.roles.SnapshotActing;
import org.d2r.roles.TransitionSink;
import org.d2r.schemas.Topics;
import org.d2r.schemas.TransitionWriter;
import org.d2r.schemas.kafka.KafkaSettings;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The roles' environment loop, wired as the producers wire it, gives for a seed exactly the transitions
 * (bytes on the topic and the {@code d2r.task-step} header) that the producers' own stepping loop gave
 * before the loop was shared: {@link #oldProducers} is that loop as it was (ProducerApp.run at commit
 * efb227e), with the Kafka records collected instead of sent. Two environments per task, a warm-up that
 * ends inside a round, short episodes (resets), a policy version change and the successes seen.
 */
class EnvironmentLoopParityTest {
    private static final List<String> TASKS = List.of("reach-v2", "push-v2");

    /** One transition as it would go to Kafka. */
    record Sent(int task, long taskStep, byte[] value) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Sent s && s.task == task && s.taskStep == taskStep && Arrays.equals(s.value, value);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "task " + task + " #" + taskStep;
        }
    }

    @Test
    void theLoopGivesTheOldProducersTransitions() {
        assumeTrue(metaWorldAvailable(), "Meta-World (MuJoCo binding and scene assets) is not available here");
        for (Method method : List.of(Method.D2R, Method.MTSAC)) {
            ProducerConfig cfg = ProducerConfig.of(KafkaSettings.of("127.0.0.1:1"), Topics.defaults(), "parity", TASKS, "smoke")
                    .withEnvsPerTask(2).withEpisodeSteps(6).withWarmup(5).withGoals(org.d2r.metaworld.GoalMode.RAND, 11);
            int rounds = 14;
            List<PolicySource.Policy> policies = List.of(policy(method, 0, 0), policy(method, 3, 40));
            List<Sent> before = oldProducers(cfg, rounds, policies);
            List<Sent> now = newProducers(cfg, rounds, policies);
            assertEquals(rounds * 4, before.size());
            assertEquals(before.size(), now.size());
            for (int i = 0; i < before.size(); i++) {
                // the bytes on the topic and the task-step header, transition by transition
                assertEquals(before.get(i).task, now.get(i).task, method + " transition " + i);
                assertEquals(before.get(i).taskStep, now.get(i).taskStep, method + " transition " + i);
                assertArrayEquals(before.get(i).value, now.get(i).value, method + " transition " + i);
            }
        }
    }

    /** The policy of round r: the first until round 7, then the second (a new version arrives mid-run). */
    private static PolicySource.Policy at(List<PolicySource.Policy> policies, int round) {
        return round < 7 ? policies.get(0) : policies.get(1);
    }

    private static List<Sent> newProducers(ProducerConfig cfg, int rounds, List<PolicySource.Policy> policies) {
        List<Sent> out = new ArrayList<>();
        TransitionWriter w = new TransitionWriter();
        TransitionSink capture = (task, env, episode, step, taskStep, obs, action, reward, nextObs, truncated, success, paths,
                                  row, version) -> out.add(new Sent(task, taskStep, w.encode(cfg.runId(), task,
                cfg.tasks().get(task), env, episode, step, obs, action, (float) reward, nextObs, truncated, success,
                paths != null ? paths.rowBytes(row) : new byte[0], version)));
        Rng master = new Rng(cfg.seed() * 7919 + 17);
        Rng actRng = master.split();
        Rng warmRng = master.split();
        SnapshotActing actor = ProducerApp.actor(cfg, actRng);
        try (EnvironmentLoop loop = ProducerApp.loop(cfg, LoopProgress.start(cfg.tasks().size() * cfg.envsPerTask()), capture,
                new RecentEpisodes(cfg.tasks().size()))) {
            for (int round = 0; round < rounds; round++) {
                actor.use(at(policies, round));
                loop.explore(actor, cfg.effectiveWarmup(), warmRng);
            }
        }
        return out;
    }

    /** ProducerApp's stepping loop before the environment loop was shared, Kafka replaced by a list. */
    private static List<Sent> oldProducers(ProducerConfig cfg, int rounds, List<PolicySource.Policy> policies) {
        List<Sent> out = new ArrayList<>();
        int n = cfg.tasks().size();
        int perTask = cfg.envsPerTask();
        int obsDims = MetaWorldEnv.OBS_DIM;
        int actDims = MetaWorldEnv.ACTION_DIM;
        long warmup = cfg.effectiveWarmup();
        Rng master = new Rng(cfg.seed() * 7919 + 17);
        Rng actRng = master.split();
        Rng warmRng = master.split();
        TransitionWriter transitions = new TransitionWriter();
        List<MetaWorldEnv> opened = new ArrayList<>();
        try {
            MetaWorldEnv[][] envs = new MetaWorldEnv[n][perTask];
            double[][][] obs = new double[n][perTask][];
            long[][] episode = new long[n][perTask];
            for (int t = 0; t < n; t++) {
                for (int e = 0; e < perTask; e++) {
                    EnvConfig ec = EnvConfig.paper(cfg.goalMode(), ProducerApp.envSeed(cfg, episode[t][e]), e)
                            .withMaxPathLength(cfg.effectiveEpisodeSteps());
                    envs[t][e] = MetaWorld.make(cfg.tasks().get(t), ec);
                    opened.add(envs[t][e]);
                    obs[t][e] = envs[t][e].reset();
                }
            }
            SnapshotActor actor = null;
            RoutingPaths paths = null;
            int rows = n * perTask;
            float[][] fo = new float[rows][obsDims];
            float[][] fa = new float[rows][actDims];
            int[] rowTask = new int[rows];
            for (int row = 0; row < rows; row++) rowTask[row] = row / perTask;
            double[] action = new double[actDims];
            long stepsPerTask = 0;
            for (int round = 0; round < rounds; round++) {
                PolicySource.Policy snap = at(policies, round);
                if (actor == null || actor.version() != snap.version()) {
                    actor = SnapshotActor.of(snap.policy());
                    paths = actor.routingModules() > 0 ? new RoutingPaths(actor.routingModules(), rows) : null;
                }
                for (int t = 0; t < n; t++) {
                    for (int e = 0; e < perTask; e++) {
                        double[] d = obs[t][e];
                        for (int i = 0; i < d.length; i++) fo[t * perTask + e][i] = (float) d[i];
                    }
                }
                actor.actAll(fo, rowTask, rows, true, cfg.learner().sac().sampleKWhenActing(), actRng, fa, paths, 0);
                for (int t = 0; t < n; t++) {
                    for (int e = 0; e < perTask; e++) {
                        int row = t * perTask + e;
                        boolean warm = stepsPerTask + e < warmup;
                        double[] o = obs[t][e];
                        for (int k = 0; k < actDims; k++) {
                            action[k] = warm ? warmRng.nextDouble() * 2 - 1 : fa[row][k];
                        }
                        int stepIndex = envs[t][e].episodeStep();
                        StepResult r = envs[t][e].step(action);
                        boolean success = r.info().isSuccess();
                        byte[] record = transitions.encode(cfg.runId(), t, cfg.tasks().get(t), t * perTask + e,
                                episode[t][e], stepIndex, o, action, (float) r.reward(), r.obs(), r.truncated(), success,
                                paths != null ? paths.rowBytes(row) : new byte[0], warm ? -1 : snap.version());
                        out.add(new Sent(t, stepsPerTask + e + 1, record));
                        if (r.truncated()) {
                            episode[t][e]++;
                            obs[t][e] = envs[t][e].reset();
                        } else {
                            obs[t][e] = r.obs();
                        }
                    }
                }
                stepsPerTask += perTask;
            }
        } finally {
            opened.forEach(MetaWorldEnv::close);
        }
        return out;
    }

    private static PolicySource.Policy policy(Method method, long version, long updates) {
        D2rNetConfig net = D2rNetConfig.small(4, 8, 16);
        TaskNetwork actor = method.actor(net, 39, 4, TASKS.size(), 1, DataType.FLOAT, new Rng(version + 1));
        return new PolicySource.Policy(version, updates, -1,
                org.d2r.core.io.PolicySnapshot.of(method, actor, net, new double[] {1, 0.5}, version));
    }

    private static boolean metaWorldAvailable() {
        try (MetaWorldEnv env = MetaWorld.make("reach-v2", EnvConfig.paper(org.d2r.metaworld.GoalMode.RAND, 1, 0))) {
            env.reset();
            return true;
        } catch (Throwable t) {
            return false;
        }
    }
}
