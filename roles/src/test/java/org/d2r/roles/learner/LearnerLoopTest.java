package org.d2r.roles.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import org.d2r.core.baselines.Method;
import org.d2r.core.config.LearnerConfig;
import org.d2r.core.config.SacConfig;
import org.d2r.core.model.TaskNetwork;
import org.d2r.core.nn.Rng;
import org.d2r.core.replay.TaskReplay;
import org.d2r.core.routing.RoutingPaths;
import org.d2r.core.sac.MultiTaskSac;
import org.d2r.core.sac.TransitionBatch;
import org.d2r.core.sac.UpdateExtension;
import org.d2r.roles.BatchSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/** The learner loop stepped synchronously (as train --local steps it): cadences, and a resume after a crash. */
class LearnerLoopTest {

    private static final List<String> TASKS = List.of("reach-v2", "push-v2");
    private static final LearnerConfig SMOKE = LearnerConfig.preset("smoke");
    private static final SacConfig BASE = SMOKE.sac().toBuilder().tasks(2).batchPerTask(4).warmup(0, 1).build();
    /** Fresh routing paths in the update (target-routing): the random transitions here carry no behaviour path. */
    private static final SacConfig SAC = BASE.toBuilder().storedPaths(false).build();

    /** A learner, its replay source and publisher, built from the seed as every mode builds them. */
    private static final class Run {
        final MultiTaskSac sac;
        final ReplayBatchSource source;
        /** The update counts of the policies published, in order. */
        final List<Long> published = new java.util.ArrayList<>();
        /** What a metrics sink (the learner-metrics topic in the pipeline) was handed, and whether it was closed. */
        final List<UpdateMetrics> sunk = new java.util.ArrayList<>();
        boolean sinkClosed;
        final LearnerLoop loop;
        final Rng data = new Rng(99);

        Run(Path dir) throws Exception {
            Rng master = new Rng(7);
            Rng init = master.split();
            int rows = SAC.batchSize();
            TaskNetwork actor = Method.D2R.actor(SMOKE.net(), 39, 4, 2, rows, DataType.FLOAT, init);
            TaskNetwork q1 = Method.D2R.critic(SMOKE.net(), 39, 4, 2, rows, DataType.FLOAT, init);
            TaskNetwork q2 = Method.D2R.critic(SMOKE.net(), 39, 4, 2, rows, DataType.FLOAT, init);
            sac = new MultiTaskSac(SAC, actor, q1, q2, UpdateExtension.NONE, master.split());
            int modules = SMOKE.net().modules();
            source = new ReplayBatchSource(new TaskReplay(2, 100, 39, 4, modules), SAC, master.split());
            MetricsSink sink = new MetricsSink() {
                @Override
                public void write(UpdateMetrics m) {
                    sunk.add(m);
                }

                @Override
                public void close() {
                    sinkClosed = true;
                }
            };
            loop = new LearnerLoop(sac, Method.D2R, SMOKE.net(), TransitionBatch.allocate(rows, 39, 4, modules), source,
                    (policy, updates, envSteps, alpha) -> published.add(updates), sink,
                    new LearnerLoop.Settings(dir, "test-", TASKS, 3, 2));
        }

        /** One step of both "environments", then the updates the ratio makes due (one). */
        void envStep() throws Exception {
            RoutingPaths path = new RoutingPaths(SMOKE.net().modules(), 1);
            for (int t = 0; t < 2; t++) {
                source.add(t, floats(39), floats(4), (float) data.nextDouble(), floats(39), path, 0);
            }
            source.afterEnvStep();
            while (loop.step(Duration.ZERO)) {
                // the batches due
            }
        }

        float[] floats(int n) {
            float[] v = new float[n];
            for (int i = 0; i < n; i++) v[i] = (float) (data.nextDouble() * 2 - 1);
            return v;
        }
    }

    @Test
    void aLoopWhoseTransportIsGoneCheckpointsItsLastUpdateWithoutPublishingAndAbandonsEachPort(@TempDir Path dir)
            throws Exception {
        Run run = new Run(dir);
        for (int i = 0; i < 5; i++) run.envStep();
        assertEquals(List.of(2L, 4L), run.published, "published at K = 2, 4");
        List<String> abandoned = new java.util.ArrayList<>();
        // the ports as the Kafka adapters are when their broker died: what is abandoned fails
        LearnerLoop gone = new LearnerLoop(run.sac, Method.D2R, SMOKE.net(), TransitionBatch.allocate(SAC.batchSize(), 39, 4,
                SMOKE.net().modules()), new BatchSource() {
                    @Override
                    public Drawn next(TransitionBatch into, Duration wait) {
                        throw new IllegalStateException("no batch: the broker is gone");
                    }

                    @Override
                    public void abandon() {
                        abandoned.add("source");
                    }
                }, new org.d2r.roles.PolicyPublisher() {
                    @Override
                    public void publish(org.d2r.core.io.PolicySnapshot p, long u, long e, double[] a) {
                        throw new AssertionError("nothing is published once the transport is gone");
                    }

                    @Override
                    public void abandon() {
                        abandoned.add("publisher");
                    }
                }, new MetricsSink() {
                    @Override
                    public void write(UpdateMetrics m) {
                    }

                    @Override
                    public void abandon() {
                        abandoned.add("metrics");
                    }
                }, new LearnerLoop.Settings(dir.resolve("gone"), "test-", TASKS, 3, 2));
        gone.abandonTransport();
        assertEquals(List.of("source", "publisher", "metrics"), abandoned);
        assertEquals(false, gone.step(Duration.ofMinutes(1)), "a source that fails fast after abandon is no update and no failure");
        gone.finish();
        gone.close();
        assertTrue(Files.exists(dir.resolve("gone/checkpoints/test-000000000005.ckpt")), "the last update reaches the disk");
        run.loop.close();
    }

    @Test
    void checkpointsEveryCPublishesEveryKAndResumesFromTheNewestIntactCheckpoint(@TempDir Path dir) throws Exception {
        Run first = new Run(dir);
        for (int i = 0; i < 7; i++) first.envStep();
        assertEquals(7, first.loop.updates(), "one update per step of both environments");
        assertEquals(List.of(2L, 4L, 6L), first.published, "published at K = 2, 4, 6");
        assertEquals(6, first.loop.checkpointedUpdate(), "checkpoints at C = 3, 6");
        first.loop.close(); // killed: no finish(), so update 7 is only in metrics.csv
        List<String> metrics = Files.readAllLines(dir.resolve("metrics.csv"));
        assertEquals(MetricsCsv.header(TASKS), List.of(metrics.get(0).split(",")));
        assertEquals(8, metrics.size(), "a row per update");
        // the sink gets each row metrics.csv gets, under the file's column names (one definition for both)
        assertEquals(7, first.sunk.size());
        assertTrue(first.sinkClosed, "the loop owns its sink");
        List<String> header = MetricsCsv.header(TASKS);
        for (int u = 0; u < 7; u++) {
            UpdateMetrics m = first.sunk.get(u);
            String[] row = metrics.get(u + 1).split(",");
            assertEquals(u + 1, m.update());
            assertEquals(Long.parseLong(row[1]), m.batchSequence());
            m.figures().forEach((name, v) -> {
                String cell = row[header.indexOf(name)];
                assertEquals(Double.parseDouble(cell.equals("nan") ? "NaN" : cell), v, Math.abs(v) * 1e-5 + 1e-12, name);
            });
            assertEquals(Double.parseDouble(row[header.indexOf("alpha_" + TASKS.get(1))]), m.alpha().get(1), 1e-5);
            assertEquals(Double.parseDouble(row[header.indexOf("tau_" + TASKS.get(0))]), m.tau().get(0), 1e-5);
        }
        assertTrue(header.containsAll(UpdateMetrics.figureNames()) && metrics.get(1).split(",")[header.indexOf("masked_tasks")]
                .matches("\\d+"), "counts stay whole numbers in the file");

        Path newest = dir.resolve("checkpoints/test-000000000006.ckpt");
        try (FileChannel ch = FileChannel.open(newest, StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() / 2); // a crash while it was written
        }
        Run second = new Run(dir);
        LearnerLoop.Resumed r = second.loop.resumed().orElseThrow();
        assertEquals(3, r.updates(), "the intact checkpoint before the truncated one");
        assertEquals(2, r.lastSequence(), "batches 0-2 trained before it");
        assertTrue(r.note().contains(newest.toString()), r.note());
        assertTrue(Files.exists(dir.resolve("checkpoints/test-000000000006.ckpt.corrupt")), "kept aside");
        assertEquals(4, second.loop.metricsRowsDropped(), "rows 4-7 of the lost updates");
        second.envStep();
        assertEquals(4, second.loop.updates());
        assertEquals(3, second.loop.lastSequence(), "the next batch after the checkpoint's");
        second.loop.finish();
        second.loop.close();
        assertTrue(Files.exists(dir.resolve("checkpoints/test-000000000004.ckpt")), "finish checkpoints the last update");
        assertEquals(4L, second.published.get(second.published.size() - 1), "and publishes it whatever K is");
        List<Long> updates = Files.readAllLines(dir.resolve("metrics.csv")).stream().skip(1)
                .map(l -> Long.parseLong(l.split(",")[0])).toList();
        assertEquals(List.of(1L, 2L, 3L, 4L), updates, "metrics.csv continues from the checkpoint");
    }
}
