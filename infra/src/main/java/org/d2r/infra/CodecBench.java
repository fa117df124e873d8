package org.d2r.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.stream.IntStream;
import org.d2r.schemas.AvroCodec;
import org.d2r.schemas.SourcePosition;
import org.d2r.schemas.SyntheticTransitions;
import org.d2r.schemas.TrainingBatch;
import org.d2r.schemas.Transition;

/** Encode and decode rates of the one codec, for transitions and for training batches. */
final class CodecBench {
    private CodecBench() {}

    /** The printed rate of {@code records} records in {@code timed}, which returns the bytes they took. */
    private static String rate(String what, long records, LongSupplier timed) {
        long t0 = System.nanoTime();
        long bytes = timed.getAsLong();
        double seconds = (System.nanoTime() - t0) / 1e9;
        return String.format(java.util.Locale.ROOT, "  %-34s %,12.0f records/s  %8.1f MB/s  (%,d records, %.2f s)", what,
                records / seconds, bytes / seconds / 1e6, records, seconds);
    }

    /** The rates' lines, as printed. */
    static List<String> run(int records, int tasks, int rowsPerTask) {
        List<Transition> sample = new ArrayList<>();
        for (int t = 0; t < Math.max(1, tasks); t++) {
            sample.addAll(SyntheticTransitions.of("bench", t, 1, 4096 / Math.max(1, tasks)));
        }
        AvroCodec<Transition> codec = AvroCodec.forType(Transition.class);
        byte[][] encoded = sample.stream().map(codec::encode).toArray(byte[][]::new);
        // Warm-up so the JIT has compiled both paths before timing.
        encodeLoop(codec, sample, records / 4);
        decodeLoop(codec, encoded, records / 4);

        List<String> out = new ArrayList<>();
        out.add(rate("Transition encode", records, () -> encodeLoop(codec, sample, records)));
        // the producers' path: straight from the environment's double[] arrays, no record object
        double[][] obs = sample.stream().map(t -> doubles(t.getObs())).toArray(double[][]::new);
        double[][] act = sample.stream().map(t -> doubles(t.getAction())).toArray(double[][]::new);
        double[][] next = sample.stream().map(t -> doubles(t.getNextObs())).toArray(double[][]::new);
        org.d2r.schemas.TransitionWriter writer = new org.d2r.schemas.TransitionWriter();
        arrayEncodeLoop(writer, sample, obs, act, next, records / 4);
        out.add(rate("Transition encode from arrays (producers)", records,
                () -> arrayEncodeLoop(writer, sample, obs, act, next, records)));
        out.add(rate("Transition decode (reused record)", records, () -> decodeLoop(codec, encoded, records)));

        AvroCodec<TrainingBatch> batchCodec = AvroCodec.forType(TrainingBatch.class);
        List<SourcePosition> sources = IntStream.range(0, tasks).mapToObj(t -> new SourcePosition(t, 1L, 0, 1L, 0L)).toList();
        List<Transition> rows = IntStream.range(0, tasks * rowsPerTask).mapToObj(i -> sample.get(i % sample.size())).toList();
        TrainingBatch batch = TrainingBatch.newBuilder().setRunId("bench").setSequence(0).setSeed(0)
                .setRowsPerTask(rowsPerTask).setRows(rows).setSources(sources).build();
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
                                   List<String> out) {
        byte[] one = codec.encode(batch);
        for (int i = 0; i < batches / 4; i++) codec.decode(codec.encode(batch));
        out.add(rate(what + " encode (" + size + ")", batches, () -> {
            long bytes = 0;
            for (int i = 0; i < batches; i++) bytes += codec.encode(batch).length;
            return bytes;
        }));
        out.add(rate(what + " decode (" + size + ")", batches, () -> {
            TrainingBatch reuse = null;
            for (int i = 0; i < batches; i++) reuse = codec.decode(one, reuse);
            return (long) batches * one.length;
        }));
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
        for (int i = 0; i < n; i++) bytes += codec.encode(sample.get(i % sample.size())).length;
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
