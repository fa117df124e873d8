package org.d2r.infra;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import org.d2r.metaworld.mujoco.MjModel;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Loads every native library the roles use, once, on the calling thread, before any role thread starts.
 *
 * <p>Why: glibc's dynamic loader takes its locks in different orders in {@code dlopen} and in
 * {@code dl_iterate_phdr}. A resumed run froze for good with the learner thread inside JavaCPP's
 * {@code Loader.addressof} while the evaluator thread loaded {@code libawt_headless}/{@code libfontmanager}
 * for its first plot. With every library loaded here first, no role thread opens a library later, so
 * that interleaving cannot happen whatever the threads' timing.
 *
 * <p>Kafka's compression codecs (lz4, zstd, snappy) are not loaded: no client of this project compresses,
 * so their JNI libraries are never opened in this JVM (the broker, which may, is a separate process).
 */
final class NativeLibraries {
    private NativeLibraries() {}

    private static boolean loaded;

    static synchronized void loadAll() {
        if (loaded) return;
        // ND4J's CPU backend through JavaCPP, and OpenBLAS behind it: a product reaches the gemm entry points
        INDArray a = Nd4j.rand(DataType.FLOAT, 4, 4);
        a.mmul(a).sumNumber();
        // the MuJoCo binding; a role without MuJoCo installed (a learner alone) does without it, and one that
        // steps environments reports the missing library itself when it builds the first one
        try {
            MjModel.loadNativeLibrary();
        } catch (LinkageError | RuntimeException e) {
            // see above
        }
        // AWT for the evaluator's plots: libawt, libawt_headless, and libfontmanager with a font's first glyphs
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
        BufferedImage img = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.drawString("d2r 0.5", 0, 12);
            g.getFontMetrics().stringWidth("d2r");
        } finally {
            g.dispose();
        }
        loaded = true;
    }
}
