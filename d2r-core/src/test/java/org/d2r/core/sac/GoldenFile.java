package org.d2r.core.sac;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.d2r.core.nn.Buf;
import org.d2r.core.nn.Param;
import org.d2r.core.nn.ParamSet;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading the parity harnesses' golden files (tools/parity) and comparing our numbers with theirs. */
final class GoldenFile {
    private GoldenFile() {}

    static JsonNode resource(String resource) throws IOException {
        try (InputStream raw = GoldenFile.class.getClassLoader().getResourceAsStream(resource)) {
            assertTrue(raw != null, "missing test resource " + resource);
            return new ObjectMapper().readTree(new GZIPInputStream(raw));
        }
    }

    static JsonNode file(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return new ObjectMapper().readTree(in);
        }
    }

    /** A batch-major golden batch (row = i * tasks + task) as our update's batch. */
    static TransitionBatch batch(JsonNode b, int rows, int obsDims, int act, int modules) {
        TransitionBatch t = TransitionBatch.allocate(rows, obsDims, act, modules);
        copy(floats(b.get("obs")), t.obs());
        copy(floats(b.get("next_obs")), t.nextObs());
        copy(floats(b.get("actions")), t.actions());
        copy(floats(b.get("rewards")), t.rewards());
        for (int r = 0; r < rows; r++) {
            t.terminal()[r] = b.get("terminals").get(r).asBoolean();
            t.taskIds()[r] = b.get("task_ids").get(r).asInt();
        }
        return t;
    }

    static void load(ParamSet params, JsonNode tensors) {
        List<String> names = new ArrayList<>();
        tensors.fieldNames().forEachRemaining(names::add);
        assertEquals(params.list().size(), names.size(), "golden tensors " + names + " against our parameters");
        for (Param p : params.list()) {
            JsonNode t = tensors.get(p.name());
            assertTrue(t != null, "golden file lacks " + p.name());
            assertEquals(p.value().rows(), t.get("shape").get(0).asLong(), p.name() + " rows");
            assertEquals(p.value().columns(), t.get("shape").get(1).asLong(), p.name() + " columns");
            Buf b = Buf.of(p.value());
            JsonNode data = t.get("data");
            for (int i = 0; i < data.size(); i++) b.set(i, (float) data.get(i).asDouble());
        }
    }

    /**
     * Element-wise |ours - release| <= rtol (|release| + max |release| over the tensor): relative to
     * each value, with the tensor's scale as the floor for values near zero. Returns the largest
     * deviation relative to that scale.
     */
    static double close(String what, JsonNode expected, double[] actual, double rtol) {
        assertEquals(expected.size(), actual.length, what + ": length");
        double scale = 0;
        for (JsonNode v : expected) scale = Math.max(scale, Math.abs(v.asDouble()));
        double worst = 0;
        for (int i = 0; i < actual.length; i++) {
            worst = Math.max(worst, close(what + "[" + i + "]", expected.get(i).asDouble(), actual[i], rtol, scale));
        }
        return worst;
    }

    static double close(String what, double expected, double actual, double rtol, double scale) {
        double tol = rtol * (Math.abs(expected) + scale);
        double dev = Math.abs(actual - expected);
        assertTrue(dev <= tol, String.format(Locale.ROOT, "%s: ours %.9g, release %.9g (deviation %.3g > %.3g)", what, actual, expected, dev, tol));
        return tol == 0 ? 0 : dev / (Math.abs(expected) + scale);
    }

    static double[] values(INDArray a) {
        Buf b = Buf.of(a);
        double[] v = new double[(int) a.length()];
        for (int i = 0; i < v.length; i++) v[i] = b.get(i);
        return v;
    }

    static float[] floats(JsonNode n) {
        float[] f = new float[n.size()];
        for (int i = 0; i < f.length; i++) f[i] = (float) n.get(i).asDouble();
        return f;
    }

    static double[] doubles(JsonNode n) {
        double[] f = new double[n.size()];
        for (int i = 0; i < f.length; i++) f[i] = (float) n.get(i).asDouble();
        return f;
    }

    static int[] ints(JsonNode n) {
        int[] v = new int[n.size()];
        for (int i = 0; i < v.length; i++) v[i] = n.get(i).asInt();
        return v;
    }

    static void copy(float[] src, float[] dst) {
        assertEquals(dst.length, src.length, "golden array length");
        System.arraycopy(src, 0, dst, 0, src.length);
    }

    /**
     * A golden update's recorded action noise, with the given routing of each critic (1, 2) and of a fresh actor
     * pass; a null fresh routing means the actor must train on the stored paths.
     */
    static UpdateDraws draws(JsonNode d, org.d2r.core.model.Routing fresh, org.d2r.core.model.Routing critic1,
                             org.d2r.core.model.Routing critic2) {
        double[] actor = doubles(d.get("actor_noise")), next = doubles(d.get("next_noise"));
        return new UpdateDraws() {
            @Override
            public org.d2r.core.model.Routing freshActorRouting(double[] tau) {
                if (fresh == null) throw new AssertionError("the release trains the actor on the stored paths");
                return fresh;
            }

            @Override
            public void nextActionNoise(double[] eps) {
                System.arraycopy(next, 0, eps, 0, eps.length);
            }

            @Override
            public void actionNoise(double[] eps) {
                System.arraycopy(actor, 0, eps, 0, eps.length);
            }

            @Override
            public org.d2r.core.model.Routing criticRouting(int critic, double[] tau) {
                return critic == 1 ? critic1 : critic2;
            }
        };
    }
}
