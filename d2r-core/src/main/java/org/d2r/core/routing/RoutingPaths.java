package org.d2r.core.routing;

import java.util.Arrays;

/**
 * The routing paths of a batch: per row n(n+1)/2 bits, laid out router by router (router i, for
 * i = 1..n, owns bits i(i-1)/2 .. i(i+1)/2 - 1 and bit j of it says source module j was selected;
 * router n is the output router). This is the "d" a transition carries (136 bits for n = 16).
 */
public final class RoutingPaths {
    private final int modules;
    private final int rows;
    private final int bitsPerRow;
    private final int wordsPerRow;
    private final long[] words;

    public RoutingPaths(int modules, int rows) {
        if (modules < 1 || rows < 0) throw new IllegalArgumentException("need modules >= 1 and rows >= 0, got " + modules + ", " + rows);
        this.modules = modules;
        this.rows = rows;
        this.bitsPerRow = bitCount(modules);
        this.wordsPerRow = (bitsPerRow + 63) / 64;
        this.words = new long[rows * wordsPerRow];
    }

    /** n(n+1)/2: how many bits one row has for n modules. */
    public static int bitCount(int modules) {
        return modules * (modules + 1) / 2;
    }

    /** First bit of router i (1-based; router i routes over modules 1..i). */
    public static int routerOffset(int router) {
        return router * (router - 1) / 2;
    }

    public int modules() {
        return modules;
    }

    public int rows() {
        return rows;
    }

    public boolean get(int row, int bit) {
        int w = row * wordsPerRow + (bit >>> 6);
        return (words[w] >>> (bit & 63) & 1L) != 0;
    }

    public void set(int row, int bit, boolean on) {
        int w = row * wordsPerRow + (bit >>> 6);
        if (on) words[w] |= 1L << (bit & 63);
        else words[w] &= ~(1L << (bit & 63));
    }

    public void clearRow(int row) {
        Arrays.fill(words, row * wordsPerRow, (row + 1) * wordsPerRow, 0L);
    }

    /** One row as bytes, bit b at byte b/8, position b%8 (the wire format of a transition's path). */
    public byte[] rowBytes(int row) {
        byte[] out = new byte[(bitsPerRow + 7) / 8];
        for (int b = 0; b < bitsPerRow; b++) if (get(row, b)) out[b >>> 3] |= (byte) (1 << (b & 7));
        return out;
    }

    public void setRowBytes(int row, byte[] bytes) {
        if (bytes.length != (bitsPerRow + 7) / 8) {
            throw new IllegalArgumentException("a routing path of " + modules + " modules has " + (bitsPerRow + 7) / 8
                    + " bytes, got " + bytes.length);
        }
        clearRow(row);
        for (int b = 0; b < bitsPerRow; b++) if ((bytes[b >>> 3] >>> (b & 7) & 1) != 0) set(row, b, true);
    }

    /** Copies row `from` of src into row `to` of this (same module count). */
    public void copyRow(RoutingPaths src, int from, int to) {
        if (src.modules != modules) throw new IllegalArgumentException("module counts differ: " + src.modules + " vs " + modules);
        System.arraycopy(src.words, from * wordsPerRow, words, to * wordsPerRow, wordsPerRow);
    }

    /** Number of distinct modules whose output some router of this row selected, plus module 1. */
    public int modulesUsed(int row) {
        boolean[] used = new boolean[modules];
        used[0] = true;
        for (int r = 1; r <= modules; r++) {
            for (int j = 0; j < r; j++) if (get(row, routerOffset(r) + j)) used[j] = true;
        }
        int c = 0;
        for (boolean u : used) if (u) c++;
        return c;
    }
}
