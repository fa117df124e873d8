package org.d2r.core.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The ordered trainable tensors of one network: what Adam steps, what gradient clipping measures, what
 * Polyak averaging blends, and what a checkpoint writes. Order is the construction order and is part
 * of the checkpoint format.
 */
public final class ParamSet {
    private final List<Param> params = new ArrayList<>();
    private final DataType dataType;

    public ParamSet(DataType dataType) {
        this.dataType = dataType;
    }

    public DataType dataType() {
        return dataType;
    }

    /** Creates, registers and returns a zero-filled parameter of the given shape. */
    public Param create(String name, long... shape) {
        for (Param p : params) {
            if (p.name().equals(name)) throw new IllegalArgumentException("duplicate parameter name " + name);
        }
        Param p = new Param(name, Nd4j.zeros(dataType, shape), Nd4j.zeros(dataType, shape));
        params.add(p);
        return p;
    }

    public List<Param> list() {
        return Collections.unmodifiableList(params);
    }

    public Param get(String name) {
        for (Param p : params) if (p.name().equals(name)) return p;
        throw new IllegalArgumentException("no parameter named " + name);
    }

    /** Number of trainable scalars. */
    public long count() {
        long n = 0;
        for (Param p : params) n += p.size();
        return n;
    }

    public void zeroGrad() {
        for (Param p : params) Ops.zero(p.grad());
    }

    /** Euclidean norm of all gradients together (what torch's clip_grad_norm_ measures). */
    public double gradNorm() {
        double s = 0;
        for (Param p : params) {
            Buf g = Buf.of(p.grad());
            for (int i = 0, n = g.length(); i < n; i++) s += g.get(i) * g.get(i);
        }
        return Math.sqrt(s);
    }

    /**
     * Scales all gradients so their joint norm is at most maxNorm, as torch.nn.utils.clip_grad_norm_
     * does (factor maxNorm / (norm + 1e-6) when it is below one). Returns the norm before clipping.
     */
    public double clipGradNorm(double maxNorm) {
        double norm = gradNorm();
        double coef = maxNorm / (norm + 1e-6);
        if (coef < 1) {
            for (Param p : params) {
                Buf g = Buf.of(p.grad());
                for (int i = 0, n = g.length(); i < n; i++) g.set(i, g.get(i) * coef);
            }
        }
        return norm;
    }

    /**
     * A set over the same value tensors with gradient accumulators of its own: a network that shares these
     * parameters with others accumulates into it, so networks running side by side never write one buffer.
     */
    public ParamSet withOwnGradients() {
        ParamSet s = new ParamSet(dataType);
        for (Param p : params) s.params.add(new Param(p.name(), p.value(), Nd4j.zeros(dataType, p.value().shape())));
        return s;
    }

    /** grad += source's grad, tensor by tensor (gathering what {@link #withOwnGradients} views accumulated). */
    public void addGradients(ParamSet source) {
        checkSameLayout(source);
        for (int i = 0; i < params.size(); i++) params.get(i).grad().addi(source.params.get(i).grad());
    }

    /** A set of its own with this one's tensors, names and current values (a target's parameters). */
    public ParamSet copy() {
        ParamSet c = new ParamSet(dataType);
        for (Param p : params) c.create(p.name(), p.value().shape());
        c.copyValuesFrom(this);
        return c;
    }

    /** Copies all values from a set of the same layout (target initialisation, snapshots). */
    public void copyValuesFrom(ParamSet other) {
        checkSameLayout(other);
        for (int i = 0; i < params.size(); i++) params.get(i).value().assign(other.params.get(i).value());
    }

    /** Polyak averaging: this = (1 - tau) * this + tau * source. */
    public void polyakFrom(ParamSet source, double tau) {
        checkSameLayout(source);
        for (int i = 0; i < params.size(); i++) {
            Buf t = Buf.of(params.get(i).value()), s = Buf.of(source.params.get(i).value());
            for (int k = 0, n = t.length(); k < n; k++) t.set(k, (1 - tau) * t.get(k) + tau * s.get(k));
        }
    }

    private void checkSameLayout(ParamSet other) {
        if (other.params.size() != params.size()) {
            throw new IllegalArgumentException("parameter sets differ: " + params.size() + " vs " + other.params.size() + " tensors");
        }
        for (int i = 0; i < params.size(); i++) {
            Param a = params.get(i), b = other.params.get(i);
            if (!a.name().equals(b.name()) || a.size() != b.size()) {
                throw new IllegalArgumentException("parameter sets differ at " + a.name() + " / " + b.name());
            }
        }
    }
}
