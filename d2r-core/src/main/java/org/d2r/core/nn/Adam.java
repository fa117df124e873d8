package org.d2r.core.nn;

import java.nio.FloatBuffer;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Adam as torch.optim.Adam with default betas (0.9, 0.999), eps 1e-8 and no weight decay:
 * p -= lr * mhat / (sqrt(vhat) + eps). The moments and the step count are public state so a
 * checkpoint can restore them bit-exactly.
 */
public final class Adam {
    private final ParamSet params;
    private final double lr;
    private final double beta1 = 0.9;
    private final double beta2 = 0.999;
    private final double eps = 1e-8;
    private final List<INDArray> m = new ArrayList<>();
    private final List<INDArray> v = new ArrayList<>();
    private long step;

    public Adam(ParamSet params, double lr) {
        if (!(lr > 0)) throw new IllegalArgumentException("Adam learning rate must be positive, got " + lr);
        this.params = params;
        this.lr = lr;
        for (Param p : params.list()) {
            m.add(Nd4j.zeros(params.dataType(), p.value().shape()));
            v.add(Nd4j.zeros(params.dataType(), p.value().shape()));
        }
    }

    /** One step from the accumulated gradients (which it leaves in place). */
    public void step() {
        step++;
        double bc1 = 1 - Math.pow(beta1, step);
        double bc2 = 1 - Math.pow(beta2, step);
        double stepSize = lr / bc1;
        double sqrtBc2 = Math.sqrt(bc2);
        List<Param> ps = params.list();
        for (int i = 0; i < ps.size(); i++) {
            Buf g = Buf.of(ps.get(i).grad()), w = Buf.of(ps.get(i).value());
            Buf mi = Buf.of(m.get(i)), vi = Buf.of(v.get(i));
            if (g.floats() != null) {
                stepFloat(g.floats(), w.floats(), mi.floats(), vi.floats(), g.length(), stepSize, sqrtBc2);
                continue;
            }
            Par.rows(g.length(), 8, (from, to) -> {
                for (int k = from; k < to; k++) {
                    double gk = g.get(k);
                    double mk = beta1 * mi.get(k) + (1 - beta1) * gk;
                    double vk = beta2 * vi.get(k) + (1 - beta2) * gk * gk;
                    mi.set(k, mk);
                    vi.set(k, vk);
                    // torch: denom = sqrt(v) / sqrt(1 - beta2^t) + eps
                    w.set(k, w.get(k) - stepSize * mk / (Math.sqrt(vk) / sqrtBc2 + eps));
                }
            });
        }
    }

    /** Float parameters (training): the same step over blocks copied to heap arrays, so the loop vectorises. */
    private void stepFloat(FloatBuffer g, FloatBuffer w, FloatBuffer m1, FloatBuffer m2, int len, double stepSize, double sqrtBc2) {
        float b1 = (float) beta1, b2 = (float) beta2, c1 = (float) (1 - beta1), c2 = (float) (1 - beta2);
        float ss = (float) stepSize, inv = (float) (1 / sqrtBc2), e = (float) eps;
        Par.rows(len, 8, (from, to) -> {
            int block = 1024;
            float[] gb = new float[block], wb = new float[block], mb = new float[block], vb = new float[block];
            for (int s = from; s < to; s += block) {
                int n = Math.min(block, to - s);
                g.get(s, gb, 0, n);
                w.get(s, wb, 0, n);
                m1.get(s, mb, 0, n);
                m2.get(s, vb, 0, n);
                for (int k = 0; k < n; k++) {
                    float gk = gb[k];
                    float mk = b1 * mb[k] + c1 * gk;
                    float vk = b2 * vb[k] + c2 * gk * gk;
                    mb[k] = mk;
                    vb[k] = vk;
                    wb[k] -= ss * mk / ((float) Math.sqrt(vk) * inv + e);
                }
                w.put(s, wb, 0, n);
                m1.put(s, mb, 0, n);
                m2.put(s, vb, 0, n);
            }
        });
    }

    public long stepCount() {
        return step;
    }

    public List<INDArray> firstMoments() {
        return m;
    }

    public List<INDArray> secondMoments() {
        return v;
    }

    public void restoreStepCount(long s) {
        this.step = s;
    }
}
