package org.d2r.infra.kafka;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The main job closes the broker last, after the learner's final snapshot. For that the broker must
 * not die with a terminal's Ctrl-C (delivered to the whole foreground process group) before its owner
 * closes it: with {@code ownerStopsOnExit} it runs in a session of its own.
 */
class OwnerStopsOnExitTest {

    @Test
    void brokerOwnedByTheJobRunsInItsOwnSessionUntilClosed() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafka.Options.defaults().withOwnerStopsOnExit())) {
            long session = sessionOf(kafka.pid());
            assertNotEquals(sessionOf(ProcessHandle.current().pid()), session,
                    "the broker shares this JVM's session, so a terminal's Ctrl-C would stop it before the owner does");
            assertTrue(ProcessHandle.of(kafka.pid()).map(ProcessHandle::isAlive).orElse(false));
            long pid = kafka.pid();
            kafka.close();
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "close() stops the broker");
        }
    }

    @Test
    void defaultBrokerStaysInTheCallersSession() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            org.junit.jupiter.api.Assertions.assertEquals(sessionOf(ProcessHandle.current().pid()), sessionOf(kafka.pid()));
        }
    }

    /** Field 6 of /proc/PID/stat (after the parenthesised command name) is the session id. */
    private static long sessionOf(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[3]);
    }
}
