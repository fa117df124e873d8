package org.d2r.core.baselines;

import java.util.ArrayList;
import java.util.List;
import org.d2r.core.nn.ParamSet;
import org.d2r.core.sac.UpdateExtension;

/**
 * The gradient views of what actor and critics share (CARE's encoders, PaCo's task vectors): each network that
 * trains a part accumulates into a view of its own, so the twin critics run side by side; the update zeroes
 * parts and views together, and gathers the views into their parts after the backward passes.
 */
abstract class SharedParts implements UpdateExtension {
    /** The parts that have views, each once. */
    private final List<ParamSet> viewed = new ArrayList<>();
    /** Pairs {part, view}. */
    private final List<ParamSet[]> views = new ArrayList<>();

    /** A view of {@code part} whose gradients one network accumulates, gathered into the part by the update. */
    final synchronized ParamSet view(ParamSet part) {
        ParamSet v = part.withOwnGradients();
        if (!viewed.contains(part)) viewed.add(part);
        views.add(new ParamSet[] {part, v});
        return v;
    }

    @Override
    public final void zeroGradients() {
        for (ParamSet p : viewed) p.zeroGrad();
        for (ParamSet[] pv : views) pv[1].zeroGrad();
    }

    @Override
    public final void gatherGradients() {
        for (ParamSet[] pv : views) {
            pv[0].addGradients(pv[1]);
            pv[1].zeroGrad();
        }
    }
}
