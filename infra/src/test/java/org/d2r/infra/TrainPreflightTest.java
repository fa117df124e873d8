package org.d2r.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What train refuses before it starts a broker, Flink or any role: one message, exit code 1, no run folder. */
class TrainPreflightTest {

    @Test
    void anUnreachableBrokerIsNamedWithinSeconds(@TempDir Path dir) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // free once closed: nothing answers there
        }
        Path run = dir.resolve("run");
        TrainOptions o = TrainRuns.parse(new String[] {"--preset", "smoke", "--tasks", "reach-v2", "--run-dir", run.toString(),
                "--bootstrap-servers", "127.0.0.1:" + port});
        long t0 = System.nanoTime();
        String err = stderrOf(() -> assertEquals(1, TrainCommand.run(o, session -> { })));
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertTrue(seconds < 15, "named within seconds, not Kafka's 60 s: " + seconds);
        assertTrue(err.contains("nothing answers at 127.0.0.1:" + port), err);
        assertFalse(Files.exists(run), "nothing written before the broker answered");
    }

    /** train's stderr when it refuses to start (exit 1) with the system property {@code key} set to {@code value}. */
    private static String refusedWith(String key, String value, TrainOptions o) throws Exception {
        String before = System.getProperty(key);
        System.setProperty(key, value);
        try {
            return stderrOf(() -> assertEquals(1, TrainCommand.run(o, session -> { })));
        } finally {
            if (before == null) System.clearProperty(key);
            else System.setProperty(key, before);
        }
    }

    @Test
    void missingAssetsAreReportedOnceBeforeAnyServiceStarts(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");
        Path empty = Files.createDirectories(dir.resolve("no-assets"));
        TrainOptions o = TrainRuns.parse(new String[] {"--preset", "smoke", "--tasks", "reach-v2,push-v2", "--run-dir",
                run.toString()});
        String err = refusedWith("metaworld.assets", empty.toString(), o);
        assertTrue(err.contains("Meta-World assets not found at") && err.contains("reach-v2"), err);
        assertEquals(1, err.split("assets not found", -1).length - 1, "said once: " + err);
        assertFalse(Files.exists(run.resolve("kafka")), "no broker was started");
        assertFalse(Files.exists(run), "the run folder is not made, so the same command works once the assets are there");
    }

    @Test
    void missingTaskEmbeddingsOfCareAreReportedBeforeAnyServiceStarts(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");
        Path missing = dir.resolve("nowhere").resolve("roberta-mt50.json");
        TrainOptions o = TrainRuns.parse(new String[] {"--preset", "smoke", "--method", "care", "--tasks", "reach-v2,push-v2",
                "--run-dir", run.toString()});
        String err = refusedWith("d2r.taskEmbeddings", missing.toString(), o);
        assertTrue(err.contains("task embeddings not found at") && err.contains(missing.toString())
                && err.contains("D2R_TASK_EMBEDDINGS"), err);
        assertFalse(Files.exists(run), "nothing started, no run folder made");
    }

    @Test
    void aHostNameThatDoesNotResolveIsOneLineNamingTheFix() {
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> TrainCommand.checkHostName(() -> {
                    throw new java.net.UnknownHostException("box-17: box-17: Name or service not known");
                }));
        assertTrue(e.getMessage().contains("box-17") && e.getMessage().contains("/etc/hosts"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
        org.junit.jupiter.api.Assertions.assertDoesNotThrow(() -> TrainCommand.checkHostName(java.net.InetAddress::getLoopbackAddress));
    }

    private interface Body {
        void run() throws Exception;
    }

    private static String stderrOf(Body body) throws Exception {
        PrintStream old = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            body.run();
        } finally {
            System.setErr(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }
}
