package org.d2r.schemas;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TransitionWriterTest {

    private static List<Float> floats(double[] d) {
        List<Float> l = new ArrayList<>();
        for (double v : d) l.add((float) v);
        return l;
    }

    private static double[] randoms(SplittableRandom rng, int n) {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) d[i] = (rng.nextDouble() - 0.5) * Math.pow(10, rng.nextInt(-8, 8));
        return d;
    }

    @Test
    void bytesEqualTheCodecsEncodingOfTheSameTransition() {
        AvroCodec<Transition> codec = AvroCodec.forType(Transition.class);
        TransitionWriter writer = new TransitionWriter();
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < 200; i++) {
            String run = i < 100 ? "run-ü" : "another-run"; // a non-ASCII run id, and a change of run id
            double[] obs = randoms(rng, 39);
            double[] action = randoms(rng, 4);
            double[] next = randoms(rng, 39);
            byte[] path = new byte[17];
            rng.nextBytes(path);
            long episode = rng.nextLong(-1, 1L << 40);
            Transition t = Transition.newBuilder().setRunId(run).setTaskId(i % 10).setTaskName("pick-place-v2")
                    .setEnvId(i % 3).setEpisode(episode).setStep(i % 500).setObs(floats(obs)).setAction(floats(action))
                    .setReward((float) obs[0]).setNextObs(floats(next)).setTruncated(i % 7 == 0).setSuccess(i % 5 == 0)
                    .setRoutingPath(ByteBuffer.wrap(path)).setSnapshotVersion(i - 50).build();
            byte[] written = writer.encode(run, i % 10, "pick-place-v2", i % 3, episode, i % 500, obs, action, (float) obs[0],
                    next, i % 7 == 0, i % 5 == 0, path, i - 50);
            assertArrayEquals(codec.encode(t), written, "transition " + i);
            assertEquals(t, codec.decode(written));
        }
    }
}
