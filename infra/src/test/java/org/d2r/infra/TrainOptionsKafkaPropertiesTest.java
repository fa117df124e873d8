package org.d2r.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.ParameterException;
import org.junit.jupiter.api.io.TempDir;

class TrainOptionsKafkaPropertiesTest {

    @Test
    void propertiesFromOptionsAndAFileAreKept(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("client.properties");
        Files.writeString(file, "security.protocol=SSL\nssl.truststore.location=/t.jks\n");
        TrainOptions o = TrainRuns.parse(new String[] {"--preset", "smoke", "--tasks", "reach-v2", "--run-dir",
                dir.resolve("run").toString(), "--bootstrap-servers", "h:9093", "--kafka-property", "security.protocol=SASL_SSL",
                "--kafka-properties-file", file.toString(), "--kafka-property", "sasl.mechanism=PLAIN"});
        assertEquals(Map.of("security.protocol", "SASL_SSL", "ssl.truststore.location", "/t.jks", "sasl.mechanism", "PLAIN"),
                o.kafkaProperties(), "--kafka-property wins over the file whatever the order");
    }

    @Test
    void aKeyTheLearnerOrReplayJobDependsOnIsRefusedByName(@TempDir Path dir) {
        ParameterException e = assertThrows(ParameterException.class, () -> TrainRuns.parse(new String[] {
                "--preset", "smoke", "--tasks", "reach-v2", "--run-dir", dir.toString(), "--bootstrap-servers", "h:9093",
                "--kafka-property", "isolation.level=read_uncommitted"}));
        assertTrue(e.getMessage().contains("isolation.level"), e.getMessage());
        assertThrows(ParameterException.class, () -> TrainRuns.parse(new String[] {"--preset", "smoke", "--tasks",
                "reach-v2", "--run-dir", dir.toString(), "--bootstrap-servers", "h:9093", "--kafka-properties-file",
                dir.resolve("missing.properties").toString()}));
    }
}
