package org.d2r.producers;

import org.d2r.schemas.kafka.KafkaSettings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.d2r.metaworld.GoalMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.ParameterException;

class ProducersCommandTest {

    private static String error(String... args) {
        return assertThrows(ParameterException.class, () -> parse(args)).getMessage();
    }

    @Test
    void parsesEveryOptionIntoTheConfig() {
        ProducerConfig c = parse(new String[] {"--bootstrap-servers", "h:9092", "--run-id", "r", "--tasks",
                "reach-v2,push-v2", "--goals", "fixed", "--seed", "7", "--envs-per-task", "3", "--preset", "smoke",
                "--episode-steps", "50", "--warmup", "9", "--max-lead", "20", "--topic-prefix", "x.",
                "--kafka-property", "security.protocol=SSL", "--delivery-timeout-s", "60"});
        assertEquals(List.of("reach-v2", "push-v2"), c.tasks());
        assertEquals(GoalMode.FIXED, c.goalMode());
        assertEquals(7, c.seed());
        assertEquals(3, c.envsPerTask());
        assertEquals(50, c.effectiveEpisodeSteps());
        assertEquals(9, c.effectiveWarmup());
        assertEquals(20, c.maxLeadUpdates());
        assertEquals("x.transitions", c.topics().transitions());
        assertEquals(Map.of("security.protocol", "SSL"), c.kafka().clientProperties());
        assertEquals("h:9092", c.kafka().bootstrapServers(), "--bootstrap-servers, Kafka's own name, as --bootstrap");
        assertEquals("SSL", ProducerAppTest.producerProperties(c).get("security.protocol"));
        assertEquals("60000", ProducerAppTest.producerProperties(c).get("delivery.timeout.ms"));
    }

    @Test
    void passThroughPropertiesCannotWeakenDelivery(@TempDir Path dir) throws Exception {
        assertTrue(error("--bootstrap", "h:9092", "--run-id", "r", "--kafka-property", "acks=0").contains("'acks'"));
        Path file = dir.resolve("client.properties");
        Files.writeString(file, "enable.idempotence=false\n");
        assertTrue(error("--bootstrap", "h:9092", "--run-id", "r", "--kafka-properties-file", file.toString())
                .contains("'enable.idempotence'"), "refused from the file too");
        assertThrows(IllegalArgumentException.class, () -> new KafkaSettings("h:1", Map.of("value.serializer", "x")));
    }

    @Test
    void aPropertyWinsOverTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("client.properties");
        Files.writeString(file, "security.protocol=SSL\nssl.truststore.location=/t.jks\n");
        ProducerConfig c = parse(new String[] {"--bootstrap", "h:9092", "--run-id", "r",
                "--kafka-property", "security.protocol=SASL_SSL", "--kafka-properties-file", file.toString()});
        assertEquals(Map.of("security.protocol", "SASL_SSL", "ssl.truststore.location", "/t.jks"), c.kafka().clientProperties());
        assertEquals("/t.jks", ProducerAppTest.producerProperties(c).get("ssl.truststore.location"));
    }

    @Test
    void badInputNamesTheProblem() {
        assertTrue(error("--run-id", "r").contains("--bootstrap"));
        assertTrue(error("--bootstrap", "nohost", "--run-id", "r").contains("host:port"));
        assertTrue(error("--bootstrap", "h:1", "--run-id", "r", "--tasks", "fly-v2").contains("fly-v2"));
        assertTrue(error("--bootstrap", "h:1", "--run-id", "r", "--preset", "big").contains("big"));
        assertTrue(error("--bootstrap", "h:1", "--run-id", "r", "--envs-per-task", "0").contains("envs per task"));
        assertTrue(error("--bootstrap", "h:1", "--run-id", "r", "--seed", "x").contains("--seed"));
        assertTrue(error("--bootstrap", "h:1", "--run-id", "r", "--frobnicate").contains("--frobnicate"));
        assertTrue(error("--bootstrap", "h:1", "--run-id", "r", "--kafka-property", "novalue").contains("key=value"));
    }

    @Test
    void leadCountsUpdatesOwedPastTheWarmup() {
        Lead lead = new Lead(100, 0.5, 10);
        assertEquals(0, lead.expectedUpdates(80));
        assertEquals(10, lead.expectedUpdates(120));
        assertTrue(!lead.mustPause(120, 0));
        assertTrue(lead.mustPause(122, 0));
        assertTrue(!lead.mustPause(122, 1));
        assertTrue(!new Lead(0, 1, 0).mustPause(1_000_000, 0), "maxLead 0 never pauses");
    }

    private static ProducerConfig parse(String[] args) {
        return org.d2r.cli.Cli.parse(new ProducersCommand(), args).config();
    }
}
