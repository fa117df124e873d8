package org.d2r.infra.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaTest {

    @Test
    void brokerStartsCreatesTheLayoutAndCarriesCodecRecords(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("kafka");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafka.Options.defaults().withDataDir(data))) {
            assertTrue(kafka.bootstrapServers().startsWith("127.0.0.1:"));
            RoundTripCheck.run(kafka.bootstrapServers());
        }
        // A given data folder is kept (its log and data survive for inspection or a restart).
        assertTrue(Files.exists(data.resolve("broker.log")));
    }

    @Test
    void temporaryFolderIsDeletedOnClose() {
        Path dir;
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            dir = kafka.logFile().getParent();
            assertTrue(Files.isDirectory(dir));
        }
        assertFalse(Files.exists(dir));
    }

    @Test
    void classpathResourceListsOnlyExistingJarsIncludingTheBroker() {
        String cp = EmbeddedKafka.brokerClasspath(null);
        assertTrue(cp.contains("kafka_2.13-"), "the broker jar must be on the child's classpath");
        assertTrue(cp.contains("logback-classic"), "the broker needs an SLF4J binding to log");
    }

    @Test
    void anInstallationsClasspathOverridesTheResourceAndIsChecked(@TempDir Path dir) throws Exception {
        Path lib = Files.createDirectories(dir.resolve("broker-lib"));
        String wildcard = lib + "/*";
        IllegalStateException empty = assertThrows(IllegalStateException.class, () -> EmbeddedKafka.brokerClasspath(wildcard));
        assertTrue(empty.getMessage().startsWith("D2R_BROKER_CLASSPATH lists 1 entry"), empty.getMessage());
        assertTrue(empty.getMessage().contains(wildcard), empty.getMessage());
        Files.createFile(lib.resolve("kafka_2.13-4.1.1.jar"));
        assertEquals(wildcard, EmbeddedKafka.brokerClasspath(wildcard));
        assertEquals(EmbeddedKafka.brokerClasspath(null), EmbeddedKafka.brokerClasspath(" "), "blank: the build's resource");
        assertTrue(assertThrows(IllegalStateException.class, () -> EmbeddedKafka.brokerClasspath(dir.resolve("gone.jar").toString()))
                .getMessage().contains("gone.jar"));
    }

    @Test
    void brokerThatCannotAnswerInTimeFailsNamingTheServersAndTheLog() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> EmbeddedKafka.start(new EmbeddedKafka.Options(null, Duration.ofMillis(1), false)));
        assertTrue(e.getMessage().contains("127.0.0.1:"), e.getMessage());
        assertTrue(e.getMessage().contains("broker.log"), e.getMessage());
    }
}
