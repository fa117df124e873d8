package org.d2r.core.nn;

import java.util.function.DoubleSupplier;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Finite-difference gradient check: compares the analytic gradient stored in each parameter's grad
 * with (L(w + h) - L(w - h)) / 2h for a few sampled entries per tensor. Needs DOUBLE parameters; the
 * loss supplier must recompute the loss from scratch with the current parameter values.
 */
public final class GradCheck {
    private GradCheck() {}

    /** Result of a check: the worst relative error and where it happened. */
    public record Result(double maxRelError, String worst, int checked) {}

    /**
     * @param loss        recomputes the scalar loss
     * @param params      the parameters whose grads already hold dL/dp
     * @param perTensor   entries sampled per tensor
     * @param h           finite-difference step
     * @param absTol      errors below this absolute size are not counted as relative errors (nor are errors
     *                    below the loss's rounding noise, 8 ulp(L) / 2h, whichever is larger)
     */
    public static Result check(DoubleSupplier loss, ParamSet params, int perTensor, double h, double absTol, Rng rng) {
        return check(loss, params, perTensor, h, absTol, rng, p -> true);
    }

    /** As above, for the parameters the filter accepts (e.g. to skip a layer sitting on a ReLU kink). */
    public static Result check(DoubleSupplier loss, ParamSet params, int perTensor, double h, double absTol, Rng rng,
                               java.util.function.Predicate<Param> which) {
        if (params.dataType() != DataType.DOUBLE) {
            throw new IllegalArgumentException("gradient checks need DOUBLE parameters, got " + params.dataType());
        }
        double worst = 0;
        String where = "";
        int checked = 0;
        // the loss supplier may recompute gradients: compare against the ones given at entry
        java.util.Map<Param, org.nd4j.linalg.api.ndarray.INDArray> given = new java.util.HashMap<>();
        for (Param p : params.list()) given.put(p, p.grad().dup());
        for (Param p : params.list()) {
            if (!which.test(p)) continue;
            Buf v = Buf.of(p.value());
            Buf g = Buf.of(given.get(p));
            for (int s = 0; s < perTensor; s++) {
                int i = rng.nextInt(v.length());
                double orig = v.get(i);
                v.set(i, orig + h);
                double lp = loss.getAsDouble();
                v.set(i, orig - h);
                double lm = loss.getAsDouble();
                v.set(i, orig);
                double num = (lp - lm) / (2 * h);
                double ana = g.get(i);
                double err = Math.abs(num - ana);
                // A central difference cannot resolve less than the loss's own rounding over 2h: below that
                // floor the two agree as well as the arithmetic lets them (BLAS kernels differ by CPU, so the
                // rounding does too: an Intel run missed the fixed 1e-10 by 2e-10 on a 7e-7 gradient).
                double noise = 8 * Math.ulp(Math.max(Math.abs(lp), Math.abs(lm))) / (2 * h);
                double rel = err < Math.max(absTol, noise) ? 0 : err / Math.max(Math.abs(num), Math.abs(ana));
                checked++;
                if (rel > worst) {
                    worst = rel;
                    where = p.name() + "[" + i + "] analytic " + ana + " numeric " + num;
                }
            }
        }
        return new Result(worst, where, checked);
    }

    /** Central differences (step 1e-6) of the loss in x[row, c], for each column, against the input gradient gIn. */
    public static void checkInput(DoubleSupplier loss, org.nd4j.linalg.api.ndarray.INDArray x, org.nd4j.linalg.api.ndarray.INDArray gIn,
                                  int row, int[] cols, double tol, String what) {
        for (int c : cols) {
            double orig = x.getDouble(row, c);
            x.putScalar(row, c, orig + 1e-6);
            double lp = loss.getAsDouble();
            x.putScalar(row, c, orig - 1e-6);
            double lm = loss.getAsDouble();
            x.putScalar(row, c, orig);
            org.junit.jupiter.api.Assertions.assertEquals((lp - lm) / 2e-6, gIn.getDouble(row, c), tol, what + " input column " + c);
        }
    }
}
