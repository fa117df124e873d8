package org.d2r.learner.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.d2r.cli.Cli;
import org.d2r.core.io.Checkpoint;
import org.d2r.core.model.Routing;
import org.d2r.core.model.TanhGaussian;
import org.d2r.core.model.TaskNetwork;
import org.d2r.core.nn.Buf;
import org.d2r.core.nn.Rng;
import org.d2r.core.replay.TaskReplay;
import org.d2r.core.routing.RoutingPaths;
import org.d2r.core.sac.MultiTaskSac;
import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.MetaWorld;
import org.d2r.metaworld.MetaWorldEnv;
import org.d2r.metaworld.StepResult;
import org.d2r.recording.RecordingSink;
import org.d2r.roles.recording.TransitionFileReader;
import org.d2r.schemas.Transition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * train --local steps through the roles' environment loop and gives, for a seed, exactly the
 * transitions and parameters its own stepping loop gave before ({@link #oldStepping}: LocalTrainer.run
 * at commit efb227e without its evaluation and files, which draw nothing): over an episode end, the
 * warm-up's end and the updates after it, for D2R (which acts in the warm-up for its routing paths)
 * and a baseline (which does not).
 */
class LocalLoopParityTest {

    @Test
    void theLoopGivesTheOldLocalTransitionsAndParameters(@TempDir Path tmp) throws Exception {
        assumeTrue(LocalTrainCommandTest.metaWorldAvailable(), "Meta-World (MuJoCo binding and scene assets) is not available here");
        for (String method : List.of("d2r", "mtsac")) {
            // 205 steps: one reset of each 200-step episode; warm-up capped at 41 steps, then updates
            LocalPlan plan = Cli.parse(new LocalTrainCommand(), new String[] {"--preset", "smoke", "--tasks",
                    "reach-v2,push-v2", "--seed", "3", "--method", method, "--steps", "205", "--eval-every", "205",
                    "--eval-episodes", "1", "--final-episodes", "1"}).plan();
            Path dir = Files.createDirectories(tmp.resolve(method));
            Path file = tmp.resolve(method + ".avro");
            LocalTrainer trainer = new LocalTrainer(plan, dir, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                    LocalTrainer.DEFAULT_CHECKPOINT_EVERY);
            try (RecordingSink recorder = new RecordingSink(file, "parity", plan.tasks(), "test")) {
                trainer.run(recorder);
            }
            List<Transition> now = new ArrayList<>();
            try (TransitionFileReader r = TransitionFileReader.open(file)) {
                while (r.hasNext()) now.add(r.next(null));
            }
            LearnerParts old = LearnerParts.of(plan, plan.sac());
            List<Transition> before = oldStepping(plan, old);
            assertEquals(410, before.size());
            assertEquals(before.size(), now.size());
            for (int i = 0; i < before.size(); i++) assertEquals(before.get(i), now.get(i), method + " transition " + i);
            assertEquals(old.sac().updateCount(), trainer.sac.updateCount());
            ByteArrayOutputStream a = new ByteArrayOutputStream();
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            Checkpoint.write(old.sac(), Map.of(), a);
            Checkpoint.write(trainer.sac, Map.of(), b);
            assertArrayEquals(a.toByteArray(), b.toByteArray(), method + ": the same parameters, optimiser and random state");
        }
    }

    /** LocalTrainer's stepping and update schedule before the environment loop was shared, recording as TransitionRecorder did. */
    private static List<Transition> oldStepping(LocalPlan plan, LearnerParts parts) {
        int n = plan.taskCount();
        int obsDims = MetaWorldEnv.OBS_DIM;
        int actDims = MetaWorldEnv.ACTION_DIM;
        MultiTaskSac sac = parts.sac();
        TaskNetwork actingActor = parts.sac().actor().withBatchSize(n);
        TaskReplay replay = parts.replay();
        Rng actRng = parts.actRng();
        List<Transition> out = new ArrayList<>();
        long[] episode = new long[n];
        int[] stepIndex = new int[n];
        EnvConfig trainCfg = EnvConfig.paper(plan.goalMode(), plan.seed(), 0).withMaxPathLength(plan.episodeLength());
        List<MetaWorldEnv> envs = new ArrayList<>();
        try {
            for (String t : plan.tasks()) envs.add(MetaWorld.make(t, trainCfg));
            double[][] obsNow = new double[n][];
            for (int t = 0; t < n; t++) obsNow[t] = envs.get(t).reset();
            int[] taskIds = new int[n];
            for (int t = 0; t < n; t++) taskIds[t] = t;
            INDArray obs = Nd4j.zeros(DataType.FLOAT, n, obsDims);
            TanhGaussian head = new TanhGaussian(n, actDims);
            double[] action = new double[actDims];
            float[] fo = new float[obsDims];
            float[] fa = new float[actDims];
            float[] fo2 = new float[obsDims];
            double credit = 0;
            long warmup = plan.sac().warmupStepsPerTask();
            for (long step = 1; step <= plan.stepsPerTask(); step++) {
                boolean warm = step <= warmup;
                RoutingPaths paths = null;
                if (!warm || plan.method().routed()) {
                    Buf b = Buf.of(obs);
                    for (int t = 0; t < n; t++) {
                        for (int k = 0; k < obsDims; k++) b.set(t * obsDims + k, obsNow[t][k]);
                    }
                    Routing routing = plan.sac().sampleKWhenActing()
                            ? Routing.sampleK(sac.taskTemperatures(), actRng, false) : Routing.topK();
                    head.sample(actingActor.forward(obs, taskIds, routing), actRng);
                    paths = actingActor.lastPaths();
                }
                for (int t = 0; t < n; t++) {
                    if (warm) {
                        for (int k = 0; k < actDims; k++) action[k] = actRng.nextDouble() * 2 - 1;
                    } else {
                        System.arraycopy(head.actions(), t * actDims, action, 0, actDims);
                    }
                    double[] o = obsNow[t];
                    StepResult r = envs.get(t).step(action);
                    obsNow[t] = r.obs();
                    replay.add(t, floats(o, fo), floats(action, fa), (float) r.reward(), floats(r.obs(), fo2), false, paths, t);
                    out.add(Transition.newBuilder().setRunId("parity").setTaskId(t).setTaskName(plan.tasks().get(t)).setEnvId(t)
                            .setEpisode(episode[t]).setStep(stepIndex[t]).setObs(list(fo)).setAction(list(fa))
                            .setReward((float) r.reward()).setNextObs(list(fo2)).setTruncated(r.truncated())
                            .setSuccess(r.info().isSuccess())
                            .setRoutingPath(ByteBuffer.wrap(paths == null ? new byte[0] : paths.rowBytes(t)))
                            .setSnapshotVersion(warm ? -1 : sac.updateCount()).build());
                    if (r.truncated()) {
                        episode[t]++;
                        stepIndex[t] = 0;
                        obsNow[t] = envs.get(t).reset();
                    } else {
                        stepIndex[t]++;
                    }
                }
                if (!warm && replay.total() >= plan.sac().minTransitions()) {
                    credit += plan.sac().updatesPerEnvStep();
                    while (credit >= 1) {
                        credit -= 1;
                        replay.sample(parts.batch(), plan.sac().batchPerTask(), parts.replayRng());
                        sac.update(parts.batch());
                    }
                }
            }
        } finally {
            envs.forEach(MetaWorldEnv::close);
        }
        return out;
    }

    private static float[] floats(double[] src, float[] dst) {
        for (int i = 0; i < dst.length; i++) dst[i] = (float) src[i];
        return dst;
    }

    private static List<Float> list(float[] v) {
        List<Float> out = new ArrayList<>(v.length);
        for (float f : v) out.add(f);
        return out;
    }
}
