package org.d2r.core.baselines;

import java.util.Arrays;

/**
 * Sizes of a Soft Modularization network (Yang et al. 2020, the code behind the paper's SM row).
 *
 * @param stateHidden   state encoder widths (400, 400); ReLU between layers, none after
 * @param taskHidden    task encoder widths on the one-hot id (400); the last must equal the state encoder's
 * @param layers        layers of modules (4)
 * @param modules       modules per layer (4)
 * @param moduleWidth   width of every module (128)
 * @param gatingLayers  fully connected layers of the routing network's trunk (2)
 * @param gatingWidth   their width, also the width of every per-layer routing block (256)
 */
public record SoftModularConfig(int[] stateHidden, int[] taskHidden, int layers, int modules, int moduleWidth,
        int gatingLayers, int gatingWidth) {

    public SoftModularConfig {
        if (stateHidden == null || stateHidden.length == 0 || taskHidden == null || taskHidden.length == 0) {
            throw new IllegalArgumentException("state and task encoders need at least one layer each");
        }
        if (stateHidden[stateHidden.length - 1] != taskHidden[taskHidden.length - 1]) {
            throw new IllegalArgumentException("the last state width (" + stateHidden[stateHidden.length - 1]
                    + ") must equal the last task width (" + taskHidden[taskHidden.length - 1]
                    + "): the routing input is their element-wise product");
        }
        if (layers < 2) throw new IllegalArgumentException("Soft Modularization needs at least 2 layers of modules, got " + layers);
        if (modules < 1 || moduleWidth < 1 || gatingWidth < 1) throw new IllegalArgumentException("modules, moduleWidth and gatingWidth must be positive");
        if (gatingLayers < 1) throw new IllegalArgumentException("the routing trunk needs at least one layer, got " + gatingLayers);
        if (Arrays.stream(stateHidden).anyMatch(w -> w < 1)) throw new IllegalArgumentException("state widths must be positive");
        if (Arrays.stream(taskHidden).anyMatch(w -> w < 1)) throw new IllegalArgumentException("task widths must be positive");
        stateHidden = stateHidden.clone();
        taskHidden = taskHidden.clone();
    }

    /**
     * The size the D2R paper lists for its SM baseline (state [400,400], task [400], 4 layers x 4
     * modules of 128, routing width 256), with Soft Modularization's MT10 configuration
     * (modular_4_4_2_128: two routing trunk layers, no batch norm).
     */
    public static SoftModularConfig paper() {
        return new SoftModularConfig(new int[] {400, 400}, new int[] {400}, 4, 4, 128, 2, 256);
    }

    @Override
    public int[] stateHidden() {
        return stateHidden.clone();
    }

    @Override
    public int[] taskHidden() {
        return taskHidden.clone();
    }

    /** Width of the state (and task) representation. */
    public int representationWidth() {
        return stateHidden[stateHidden.length - 1];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SoftModularConfig c && Arrays.equals(c.stateHidden, stateHidden)
                && Arrays.equals(c.taskHidden, taskHidden) && c.layers == layers && c.modules == modules
                && c.moduleWidth == moduleWidth && c.gatingLayers == gatingLayers && c.gatingWidth == gatingWidth;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(stateHidden) * 31 + Arrays.hashCode(taskHidden) + 7 * layers + 11 * modules
                + 13 * moduleWidth + 17 * gatingLayers + 19 * gatingWidth;
    }

    @Override
    public String toString() {
        return "SoftModularConfig[state=" + Arrays.toString(stateHidden) + ", task=" + Arrays.toString(taskHidden)
                + ", layers=" + layers + ", modules=" + modules + ", moduleWidth=" + moduleWidth + ", gatingLayers="
                + gatingLayers + ", gatingWidth=" + gatingWidth + "]";
    }
}
