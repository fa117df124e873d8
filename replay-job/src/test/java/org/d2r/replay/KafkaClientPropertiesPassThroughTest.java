package org.d2r.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.d2r.kafka.ReplayBatchReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The learner's and replay job's clients get the pass-through properties (the rule itself: schemas' KafkaClientPropertiesTest). */
class KafkaClientPropertiesPassThroughTest {

    private static final Map<String, String> SASL = Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "PLAIN",
            "ssl.truststore.location", "/etc/kafka/truststore.jks");

    @Test
    void batchReaderConfigsCarryThePropertiesAndKeepTheirOwnSettings() {
        Properties c = ReplayBatchReader.consumerConfig("h:9093", "learner-x", SASL);
        assertEquals("SASL_SSL", c.get("security.protocol"));
        assertEquals("/etc/kafka/truststore.jks", c.get("ssl.truststore.location"));
        assertEquals(false, c.get("enable.auto.commit"));
        assertEquals("learner-x", c.get("group.id"));
        assertEquals("h:9093", c.get("bootstrap.servers"));
        Properties p = ReplayBatchReader.deadLetterProducerConfig("h:9093", SASL);
        assertEquals("PLAIN", p.get("sasl.mechanism"));
        assertEquals("h:9093", p.get("bootstrap.servers"));
    }

    @Test
    void batchReaderRefusesAProtectedKeyBeforeConnecting() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ReplayBatchReader("h:1",
                org.d2r.schemas.Topics.defaults(), "g", -1, Map.of("enable.auto.commit", "true"), false));
        assertTrue(e.getMessage().contains("enable.auto.commit"), e.getMessage());
    }

    @Test
    void replayJobSourceAndSinksCarryThePropertiesAndTheConfigStaysSerializable() throws Exception {
        ReplayConfig config = ReplayConfig.forRun("h:9093", "r", 2, 0, 4_000, 1_000, 128).withClientProperties(SASL);
        Properties source = ReplayJob.sourceProperties(config);
        assertEquals("SASL_SSL", source.get("security.protocol"));
        Properties sink = ReplayJob.sinkProperties(config);
        assertEquals("PLAIN", sink.get("sasl.mechanism"));
        assertEquals(String.valueOf(64 * 1024 * 1024), sink.get("max.request.size"));
        assertEquals(Map.of(), ReplayConfig.forRun("h:9093", "r", 2, 0, 4_000, 1_000, 128).clientProperties(), "default: none");

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(config);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertEquals(config, in.readObject());
        }
        assertThrows(IllegalArgumentException.class, () -> config.withClientProperties(Map.of("isolation.level", "read_uncommitted")));
    }

    @Test
    void replayArgsAcceptRepeatedPropertiesAndAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("client.properties");
        Files.writeString(file, "security.protocol=SSL\nssl.truststore.location=/t.jks\n");
        ReplayConfig c = ReplayConfigTest.parse(new String[] {"--bootstrap", "h:9093", "--run-id", "r", "--tasks", "2",
                "--kafka-properties-file", file.toString(), "--kafka-property", "security.protocol=SASL_SSL",
                "--kafka-property", "sasl.jaas.config=a=b c=d;"});
        assertEquals(Map.of("security.protocol", "SASL_SSL", "ssl.truststore.location", "/t.jks", "sasl.jaas.config", "a=b c=d;"),
                c.clientProperties(), "a --kafka-property wins over the file; values may hold '='");
        picocli.CommandLine.ParameterException e = assertThrows(picocli.CommandLine.ParameterException.class, () -> ReplayConfigTest.parse(new String[] {
                "--bootstrap", "h:9093", "--run-id", "r", "--tasks", "2", "--kafka-property", "enable.idempotence=false"}));
        assertTrue(e.getMessage().contains("enable.idempotence"), e.getMessage());
        assertThrows(picocli.CommandLine.ParameterException.class, () -> ReplayConfigTest.parse(new String[] {
                "--bootstrap", "h:9093", "--run-id", "r", "--tasks", "2", "--kafka-property", "novalue"}));
    }
}
