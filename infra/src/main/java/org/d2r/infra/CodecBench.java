package org.d2r.infra;

import java.util.ArrayList;
import java.util.List;
import org.d2r.schemas.AvroCodec;
import org.d2r.schemas.SourcePosition;
import org.d2r.schemas.SyntheticTransitions;
import org.d2r.schemas.TrainingBatch;
import org.d2r.schemas.Transition;

/** Encode and decode rates of the one codec, for transitions and for training batches. */
final class CodecBench {

    record Rate(String what, long records, double seconds, long bytes) {
        double perSecond() {
            return records / seconds;
        }

        /** A rate timed from {@code t0} (System.nanoTime) to now. */
        static Rate since(long t0, String what, long records, long bytes) {
            return new Rate(what, records, (System.nanoTime() - t0) / 1e9, bytes);
        }

        String line() {
            return String.format(java.util.Locale.ROOT, "  %-34s %,12.0f records/s  %8.1f MB/s  (%,d records, %.2f s)", what, perSecond(),
                    bytes / seconds / 1e6, records, seconds);
        }
    }

    private CodecBench() {}

    static List<Rate> run(int records, int tasks, int rowsPerTask) {
        List<Transition> sample = new ArrayList<>();
        for (int t = 0; t < Math.max(1, tasks); t++) {
            sample.addAll(SyntheticTransitions.of("bench", t, 1, 4096 / Math.max(1, tasks)));
        }
        AvroCodec<Transition> codec = AvroCodec.forType(Transition.class);
        byte[][] encoded = new byte[sample.size()][];
        for (int i = 0; i < encoded.length; i++) {
            encoded[i] = codec.encode(sample.get(i));
        }
        // Warm-up so the JIT has compiled both paths before timing.
        encodeLoop(codec, sample, records / 4);
        decodeLoop(codec, encoded, records / 4);

        List<Rate> out = new ArrayList<>();
        long t0 = System.nanoTime();
        long bytes = encodeLoop(codec, sample, records);
        out.add(Rate.since(t0, "Transition encode", records, bytes));
        // the producers' path: straight from the environment's double[] arrays, no record object
        double[][] obs = new double[sample.size()][];
        double[][] act = new double[sample.size()][];
        double[][] next = new double[sample.size()][];
        for (int i = 0; i < sample.size(); i++) {
            obs[i] = doubles(sample.get(i).getObs());
            act[i] = doubles(sample.get(i).getAction());
            next[i] = doubles(sample.get(i).getNextObs());
        }
        org.d2r.schemas.TransitionWriter writer = new org.d2r.schemas.TransitionWriter();
        arrayEncodeLoop(writer, sample, obs, act, next, records / 4);
        t0 = System.nanoTime();
        bytes = arrayEncodeLoop(writer, sample, obs, act, next, records);
        out.add(Rate.since(t0, "Transition encode from arrays (producers)", records, bytes));
        t0 = System.nanoTime();
        bytes = decodeLoop(codec, encoded, records);
        out.add(Rate.since(t0, "Transition decode (reused record)", records, bytes));

        AvroCodec<TrainingBatch> batchCodec = AvroCodec.forType(TrainingBatch.class);
        List<SourcePosition> sources = new ArrayList<>();
        for (int t = 0; t < tasks; t++) {
            sources.add(new SourcePosition(t, 1L, 0, 1L, 0L));
        }
        List<Transition> rows = new ArrayList<>(tasks * rowsPerTask);
        for (int i = 0; i < tasks * rowsPerTask; i++) {
            rows.add(sample.get(i % sample.size()));
        }
        TrainingBatch batch = TrainingBatch.newBuilder().setRunId("bench").setSequence(0).setSeed(0)
                .setRowsPerTask(rowsPerTask).setRows(rows)
                .setSources(sources).build();
        int batches = Math.max(20, records / Math.max(1, tasks * rowsPerTask));
        batchRates(batchCodec, batch, "TrainingBatch", rows.size() + " rows", batches, out);

        // The same batch as references (what the replay job writes by default): offsets of a 1M-transition topic.
        List<org.d2r.schemas.TransitionRef> refs = new ArrayList<>(rows.size());
        java.util.SplittableRandom rng = new java.util.SplittableRandom(1);
        for (int i = 0; i < rows.size(); i++) {
            refs.add(new org.d2r.schemas.TransitionRef(i / rowsPerTask % 4, rng.nextLong(1_000_000L)));
        }
        TrainingBatch refBatch = TrainingBatch.newBuilder(batch).setRows(List.of()).setRefs(refs).build();
        batchRates(batchCodec, refBatch, "TrainingBatch of references", refs.size() + " refs", batches, out);
        return out;
    }

    /** One batch's encode and decode rates over {@code batches} calls each, after a quarter as many untimed. */
    private static void batchRates(AvroCodec<TrainingBatch> codec, TrainingBatch batch, String what, String size, int batches,
                                   List<Rate> out) {
        byte[] one = codec.encode(batch);
        for (int i = 0; i < batches / 4; i++) {
            codec.decode(codec.encode(batch));
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < batches; i++) {
            one = codec.encode(batch);
        }
        out.add(Rate.since(t0, what + " encode (" + size + ")", batches, (long) batches * one.length));
        TrainingBatch reuse = null;
        t0 = System.nanoTime();
        for (int i = 0; i < batches; i++) {
            reuse = codec.decode(one, reuse);
        }
        out.add(Rate.since(t0, what + " decode (" + size + ")", batches, (long) batches * one.length));
    }

    private static double[] doubles(List<Float> f) {
        double[] d = new double[f.size()];
        for (int i = 0; i < d.length; i++) d[i] = f.get(i);
        return d;
    }

    private static long arrayEncodeLoop(org.d2r.schemas.TransitionWriter w, List<Transition> sample, double[][] obs,
                                        double[][] act, double[][] next, int n) {
        long bytes = 0;
        for (int i = 0; i < n; i++) {
            int k = i % sample.size();
            Transition t = sample.get(k);
            bytes += w.encode(t.getRunId(), t.getTaskId(), t.getTaskName(), t.getEnvId(), t.getEpisode(), t.getStep(), obs[k],
                    act[k], t.getReward(), next[k], t.getTruncated(), t.getSuccess(), t.getRoutingPath().array(),
                    t.getSnapshotVersion()).length;
        }
        return bytes;
    }

    private static long encodeLoop(AvroCodec<Transition> codec, List<Transition> sample, int n) {
        long bytes = 0;
        for (int i = 0; i < n; i++) {
            bytes += codec.encode(sample.get(i % sample.size())).length;
        }
        return bytes;
    }

    private static long decodeLoop(AvroCodec<Transition> codec, byte[][] encoded, int n) {
        long bytes = 0;
        Transition reuse = null;
        for (int i = 0; i < n; i++) {
            byte[] b = encoded[i % encoded.length];
            reuse = codec.decode(b, reuse);
            bytes += b.length;
        }
        return bytes;
    }
}
