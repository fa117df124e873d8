package org.d2r.schemas;

import java.nio.ByteBuffer;

/**
 * Packs a routing path (for each module i = 1..n, which of its i sources it selected:
 * n(n+1)/2 flags in module order) into the bytes of {@link Transition#getRoutingPath()}.
 * Bit k of the path is bit (k % 8) of byte k / 8; the last byte's spare bits are zero.
 */
public final class RoutingPathBits {

    private RoutingPathBits() {}

    /** n(n+1)/2: the path length of an n-module network. */
    public static int pathLength(int modules) {
        if (modules < 1) throw new IllegalArgumentException("modules must be >= 1, got " + modules);
        return modules * (modules + 1) / 2;
    }

    public static ByteBuffer pack(boolean[] path) {
        byte[] out = new byte[(path.length + 7) / 8];
        for (int k = 0; k < path.length; k++) {
            if (path[k]) out[k >>> 3] |= (byte) (1 << (k & 7));
        }
        return ByteBuffer.wrap(out);
    }
}
