package org.d2r.infra.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broker started in its own session outlives a {@code kill -9} of its owner unless it watches for it; and a
 * folder's next broker must not meet the last one's lock: a dead owner's broker is stopped, a live one's refused.
 */
class BrokerDiesWithOwnerTest {

    /** The owner: starts a broker on the folder in args[0], prints its pid, waits to be killed. */
    public static void main(String[] args) throws Exception {
        EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafka.Options.defaults().withDataDir(Path.of(args[0]))
                .withOwnerStopsOnExit());
        System.out.println("broker " + kafka.pid());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    @Test
    void theBrokerStopsWithinSecondsOfAKill9OfItsOwner(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("kafka");
        Process owner = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), BrokerDiesWithOwnerTest.class.getName(), data.toString())
                .redirectErrorStream(true).start();
        long brokerPid = -1;
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(owner.getInputStream(), StandardCharsets.UTF_8));
            String line = CompletableFuture.supplyAsync(() -> {
                try {
                    for (String l; (l = out.readLine()) != null; ) if (l.startsWith("broker ")) return l;
                    return null;
                } catch (java.io.IOException e) {
                    return null;
                }
            }).get(120, TimeUnit.SECONDS);
            assertTrue(line != null, "the owner started no broker");
            brokerPid = Long.parseLong(line.substring("broker ".length()).trim());
            ProcessHandle broker = ProcessHandle.of(brokerPid).orElseThrow();
            assertTrue(Files.exists(data.resolve(EmbeddedKafka.PID_FILE)));

            owner.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook of the owner runs
            long t0 = System.nanoTime();
            broker.onExit().get(40, TimeUnit.SECONDS);
            System.out.printf("broker exited %.1f s after its owner's kill -9%n", (System.nanoTime() - t0) / 1e9);
            assertEquals(Optional.empty(), EmbeddedKafka.claimDataDir(data), "nothing left to stop");
        } finally {
            owner.destroyForcibly();
            if (brokerPid > 0) ProcessHandle.of(brokerPid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void aDeadOwnersBrokerIsStoppedAndALiveOnesRefused(@TempDir Path dir) throws Exception {
        Path data = Files.createDirectories(dir.resolve("kafka"));
        // a "broker" of the folder (its command line names the folder's server.properties) whose owner has ended
        Process stale = new ProcessBuilder("bash", "-c", "sleep 600; true", data.resolve("server.properties").toAbsolutePath().toString())
                .start();
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        try {
            Files.writeString(data.resolve(EmbeddedKafka.PID_FILE), stale.pid() + " " + gone.pid() + " 2020-01-01T00:00:00Z\n");
            Optional<String> note = EmbeddedKafka.claimDataDir(data);
            assertTrue(note.isPresent() && note.get().contains("process " + stale.pid()), String.valueOf(note));
            assertTrue(stale.waitFor(10, TimeUnit.SECONDS), "the stale broker was stopped");
            assertFalse(Files.exists(data.resolve(EmbeddedKafka.PID_FILE)));
        } finally {
            stale.destroyForcibly();
        }

        try (EmbeddedKafka live = EmbeddedKafka.start(EmbeddedKafka.Options.defaults().withDataDir(data))) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> EmbeddedKafka.claimDataDir(data));
            assertTrue(e.getMessage().contains("in use") && e.getMessage().contains(String.valueOf(ProcessHandle.current().pid()))
                    && e.getMessage().contains(String.valueOf(live.pid())), e.getMessage());
            assertEquals(1, e.getMessage().lines().count(), "one line");
            assertTrue(ProcessHandle.of(live.pid()).map(ProcessHandle::isAlive).orElse(false), "a live run's broker is left alone");
        }
        assertFalse(Files.exists(data.resolve(EmbeddedKafka.PID_FILE)), "close removes the pid file");
    }
}
