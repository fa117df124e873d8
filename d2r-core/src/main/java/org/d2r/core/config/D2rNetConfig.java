package org.d2r.core.config;

import java.util.Arrays;
import org.d2r.core.routing.RoutingGranularity;

/**
 * Shape and routing options of one D2R network (d2r.md section 2-4), paper values by default.
 *
 * @param modules         n, the number of base modules (16; ablation 4/8/12/20)
 * @param topK            k sources per router (2; hard routing 1; soft routing = modules)
 * @param rescale         MaskSoftmax over the selected set (true); false keeps the full-softmax
 *                        probability of the chosen sources (the release's hard routing)
 * @param moduleWidth     width of every base module (128)
 * @param stateHidden     F(s) widths (400, 400)
 * @param taskWidth       H(T) width (400; must equal the last of stateHidden)
 * @param routerHidden    routing network hidden widths (256, 256)
 * @param resRouting      the form of ResRouting's stop-gradient rule in training passes (the release's; ablations:
 *                        the paper's text, off)
 * @param stateInRouting  routing input F(s) * H(T) (true) or H(T) alone (ablation)
 * @param granularity     which sources each router may choose ({@link RoutingGranularity}, Fig. 7(d) ablations)
 */
public record D2rNetConfig(int modules, int topK, boolean rescale, int moduleWidth, int[] stateHidden, int taskWidth,
                           int[] routerHidden, ResRouting resRouting, boolean stateInRouting, RoutingGranularity granularity) {

    public D2rNetConfig {
        if (granularity == null) throw new IllegalArgumentException("routing granularity is required");
        if (modules < 1) throw new IllegalArgumentException("modules must be >= 1, got " + modules);
        if (topK < 1) throw new IllegalArgumentException("topK must be >= 1 (1 = hard routing), got " + topK);
        if (moduleWidth < 1) throw new IllegalArgumentException("moduleWidth must be >= 1, got " + moduleWidth);
        if (stateHidden == null || stateHidden.length == 0) throw new IllegalArgumentException("stateHidden needs at least one width");
        if (resRouting == null) throw new IllegalArgumentException("resRouting is required (OFF, RELEASE or PAPER)");
        if (routerHidden == null) throw new IllegalArgumentException("routerHidden is required (may be empty)");
        if (taskWidth != stateHidden[stateHidden.length - 1]) {
            throw new IllegalArgumentException("taskWidth (" + taskWidth + ") must equal the last state width ("
                    + stateHidden[stateHidden.length - 1] + ") because the routing input is F(s) * H(T)");
        }
        for (int w : stateHidden) if (w < 1) throw new IllegalArgumentException("stateHidden widths must be >= 1");
        for (int w : routerHidden) if (w < 1) throw new IllegalArgumentException("routerHidden widths must be >= 1");
        granularity.check(modules);
        stateHidden = stateHidden.clone();
        routerHidden = routerHidden.clone();
    }

    /** The paper's and the release's MT10/MT50 network: 16 modules of 128, top-2, ResRouting. */
    public static D2rNetConfig paper() {
        return new D2rNetConfig(16, 2, true, 128, new int[] {400, 400}, 400, new int[] {256, 256}, ResRouting.RELEASE, true,
                RoutingGranularity.MODULE);
    }

    /** A small network with the same structure for tests and the quick learning check. */
    public static D2rNetConfig small(int modules, int width, int hidden) {
        return new D2rNetConfig(modules, 2, true, width, new int[] {hidden, hidden}, hidden, new int[] {hidden}, ResRouting.RELEASE, true,
                RoutingGranularity.MODULE);
    }

    public D2rNetConfig withModules(int n) {
        return new D2rNetConfig(n, topK, rescale, moduleWidth, stateHidden, taskWidth, routerHidden, resRouting, stateInRouting, granularity);
    }

    /** Hard routing: one source per router, full-softmax probability kept (release's rescale_prob false). */
    public D2rNetConfig hard() {
        return new D2rNetConfig(modules, 1, false, moduleWidth, stateHidden, taskWidth, routerHidden, resRouting, stateInRouting, granularity);
    }

    /** Soft routing: every source, weighted by the softmax. */
    public D2rNetConfig soft() {
        return new D2rNetConfig(modules, modules, true, moduleWidth, stateHidden, taskWidth, routerHidden, resRouting, stateInRouting, granularity);
    }

    public D2rNetConfig withTopK(int k) {
        return new D2rNetConfig(modules, k, rescale, moduleWidth, stateHidden, taskWidth, routerHidden, resRouting, stateInRouting, granularity);
    }

    public D2rNetConfig withResRouting(ResRouting form) {
        return new D2rNetConfig(modules, topK, rescale, moduleWidth, stateHidden, taskWidth, routerHidden, form, stateInRouting, granularity);
    }

    public D2rNetConfig withStateInRouting(boolean on) {
        return new D2rNetConfig(modules, topK, rescale, moduleWidth, stateHidden, taskWidth, routerHidden, resRouting, on, granularity);
    }

    /** The same network with routers restricted to {@code g}'s sources (Fig. 7(d)). */
    public D2rNetConfig withGranularity(RoutingGranularity g) {
        return new D2rNetConfig(modules, topK, rescale, moduleWidth, stateHidden, taskWidth, routerHidden, resRouting, stateInRouting, g);
    }

    @Override
    public int[] stateHidden() {
        return stateHidden.clone();
    }

    @Override
    public int[] routerHidden() {
        return routerHidden.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof D2rNetConfig c && c.modules == modules && c.topK == topK && c.rescale == rescale
                && c.moduleWidth == moduleWidth && Arrays.equals(c.stateHidden, stateHidden) && c.taskWidth == taskWidth
                && Arrays.equals(c.routerHidden, routerHidden) && c.resRouting == resRouting && c.stateInRouting == stateInRouting && c.granularity == granularity;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(stateHidden) * 31 + Arrays.hashCode(routerHidden) + modules * 7 + topK;
    }

    @Override
    public String toString() {
        return "D2rNetConfig[modules=" + modules + ", topK=" + topK + ", rescale=" + rescale + ", moduleWidth=" + moduleWidth
                + ", stateHidden=" + Arrays.toString(stateHidden) + ", taskWidth=" + taskWidth + ", routerHidden="
                + Arrays.toString(routerHidden) + ", resRouting=" + resRouting + ", stateInRouting=" + stateInRouting
                + (granularity == RoutingGranularity.MODULE ? "" : ", granularity=" + granularity.cliName()) + "]";
    }
}
