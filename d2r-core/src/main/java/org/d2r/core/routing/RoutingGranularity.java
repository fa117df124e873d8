package org.d2r.core.routing;

import java.util.Locale;

/**
 * The routing granularities the paper compares in Fig. 7(d), all on the same n modules and all
 * restrictions of D2R's DAG, in which router r (r = 1..n-1, feeding module r + 1) may choose among
 * modules 1..r and the output router (r = n) among all n. With g = sqrt(n) (4 for 16 modules):
 * <ul>
 *   <li>{@link #MODULE} (D2R): every router over every module below its consumer.</li>
 *   <li>{@link #LAYER}: g layers of g modules, as Soft Modularization's 4 x 4: a module routes only over
 *       the modules of the layer before its own, the output router only over the last layer. The first
 *       layer has no layer before it: its modules read the base input b, as module 1 does in D2R.</li>
 *   <li>{@link #MODEL}: g separate networks, each a chain of g modules (modules 1-4, 5-8, ... for 16):
 *       inside a network each module reads the one before it (a router with one source, so no choice),
 *       the first one reads b, and only the output router routes, over the networks' last modules.</li>
 * </ul>
 * Modules that read b have no shortcut (b is wider than a module), like module 1.
 */
public enum RoutingGranularity {
    MODULE("module-level"),
    LAYER("layer-level"),
    MODEL("model-level");

    private final String cliName;

    RoutingGranularity(String cliName) {
        this.cliName = cliName;
    }

    /** The ablation's name: module-level, layer-level or model-level. */
    public String cliName() {
        return cliName;
    }

    public static RoutingGranularity parse(String name) {
        String s = name.toLowerCase(Locale.ROOT).trim();
        for (RoutingGranularity g : values()) if (g.cliName.equals(s)) return g;
        throw new IllegalArgumentException("unknown routing granularity '" + name + "'; valid: module-level, layer-level, model-level");
    }

    public void check(int modules) {
        if (this == MODULE) return;
        int g = side(modules);
        if (g < 2 || g * g != modules) {
            throw new IllegalArgumentException(cliName + " routing lays the modules out as sqrt(n) " + (this == LAYER ? "layers" : "networks")
                    + " of sqrt(n) modules and needs a square module count of at least 4 (4, 9, 16, 25, ...), got " + modules);
        }
    }

    private static int side(int modules) {
        return (int) Math.round(Math.sqrt(modules));
    }

    /**
     * The sources each router may choose: {@code result[r - 1]} holds router r's allowed source modules
     * (0-based, ascending) for r = 1..n; an empty list: that module reads the base input b instead.
     */
    public int[][] sources(int n) {
        check(n);
        int[][] s = new int[n][];
        if (this == MODULE) {
            for (int r = 1; r <= n; r++) s[r - 1] = range(0, r);
            return s;
        }
        int g = side(n);
        for (int r = 1; r < n; r++) {
            int consumer = r; // 0-based
            if (this == LAYER) {
                int layer = consumer / g;
                s[r - 1] = layer == 0 ? new int[0] : range((layer - 1) * g, layer * g);
            } else {
                s[r - 1] = consumer % g == 0 ? new int[0] : new int[] {consumer - 1};
            }
        }
        if (this == LAYER) {
            s[n - 1] = range(n - g, n);
        } else {
            s[n - 1] = new int[g];
            for (int net = 0; net < g; net++) s[n - 1][net] = net * g + g - 1;
        }
        return s;
    }

    private static int[] range(int from, int to) {
        int[] a = new int[to - from];
        for (int i = 0; i < a.length; i++) a[i] = from + i;
        return a;
    }
}
