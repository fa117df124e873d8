package org.d2r.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.ParameterException;
import org.junit.jupiter.api.io.TempDir;

class LearnerCommandTest {

    private static final String[] BASE = {"--bootstrap", "h:9093", "--run-id", "r", "--tasks", "reach-v2,push-v2",
            "--run-dir", "/tmp/run"};

    private static String[] with(String... more) {
        String[] all = new String[BASE.length + more.length];
        System.arraycopy(BASE, 0, all, 0, BASE.length);
        System.arraycopy(more, 0, all, BASE.length, more.length);
        return all;
    }

    @Test
    void kafkaPropertiesFromOptionsAndAFileReachTheSettings(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("client.properties");
        Files.writeString(file, "security.protocol=SSL\nssl.truststore.password=secret\n");
        LearnerSettings s = LearnerCommand.parse(with("--kafka-property", "security.protocol=SASL_SSL", "--kafka-properties-file",
                file.toString(), "--kafka-property", "sasl.mechanism=SCRAM-SHA-512"), Map.of());
        assertEquals(Map.of("security.protocol", "SASL_SSL", "ssl.truststore.password", "secret", "sasl.mechanism", "SCRAM-SHA-512"),
                s.clientProperties());
        assertEquals(Map.of(), LearnerCommand.parse(BASE, Map.of()).clientProperties());
    }

    @Test
    void protectedOrMalformedPropertiesAreRefused() {
        ParameterException e = assertThrows(ParameterException.class,
                () -> LearnerCommand.parse(with("--kafka-property", "isolation.level=read_uncommitted"), Map.of()));
        assertTrue(e.getMessage().contains("isolation.level"), e.getMessage());
        assertThrows(ParameterException.class, () -> LearnerCommand.parse(with("--kafka-property", "=x"), Map.of()));
        assertThrows(ParameterException.class,
                () -> LearnerCommand.parse(with("--kafka-properties-file", "/nonexistent/client.properties"), Map.of()));
    }

    @Test
    void snapshotPublisherConfigCarriesThePropertiesAndKeepsAcksAll() {
        Properties p = org.d2r.kafka.KafkaPolicyPublisher.producerConfig("h:9093", Map.of("security.protocol", "SASL_SSL",
                "sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required;"));
        assertEquals("SASL_SSL", p.get("security.protocol"));
        assertEquals("all", p.get("acks"));
        assertEquals("h:9093", p.get("bootstrap.servers"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> org.d2r.kafka.KafkaPolicyPublisher.producerConfig("h:9093", Map.of("acks", "1")));
        assertTrue(e.getMessage().contains("'acks'"), e.getMessage());
    }

    @Test
    void theMethodComesFromTheOptionOrTheEnvironmentAndDefaultsToD2r() {
        assertEquals(org.d2r.core.baselines.Method.D2R, LearnerCommand.parse(BASE, Map.of()).method());
        assertEquals(org.d2r.core.baselines.Method.SOFTMOD, LearnerCommand.parse(with("--method", "softmod"), Map.of()).method());
        assertEquals(org.d2r.core.baselines.Method.CARE, LearnerCommand.parse(with("--method", "care"), Map.of()).method());
        assertEquals(org.d2r.core.baselines.Method.PACO, LearnerCommand.parse(BASE, Map.of("D2R_METHOD", "paco")).method());
        LearnerSettings fromEnv = LearnerCommand.parse(BASE, Map.of("D2R_METHOD", "mtsac"));
        assertEquals(org.d2r.core.baselines.Method.MTSAC, fromEnv.method());
        // MT-SAC trains without the alpha reweighting of the losses (the paper's baseline configuration); D2R with it
        assertTrue(!fromEnv.learner().sac().taskReweight() && LearnerCommand.parse(BASE, Map.of()).learner().sac().taskReweight());
        ParameterException e = assertThrows(ParameterException.class,
                () -> LearnerCommand.parse(with("--method", "ppo"), Map.of()));
        assertTrue(e.getMessage().contains("'ppo'") && e.getMessage().contains("mhsac"), e.getMessage());
    }

    @Test
    void ablationsReachTheLearnersNetworkAsInTrainLocal() {
        LearnerSettings s = LearnerCommand.parse(with("--preset", "smoke", "--ablation", "no-resrouting", "--ablation",
                "top-k=1"), Map.of());
        assertEquals(List.of("no-resrouting", "top-k=1"), s.ablations());
        assertEquals(org.d2r.core.config.LearnerConfig.preset("smoke").withAblation("no-resrouting").withAblation("top-k=1").net(),
                s.learner().net(), "LearnerConfig.withAblation, as train --local applies it");
        assertEquals(List.of(), LearnerCommand.parse(BASE, Map.of()).ablations());
        // usage errors (exit code 2), as every bad option of the picocli commands
        ParameterException e = assertThrows(ParameterException.class,
                () -> LearnerCommand.parse(with("--ablation", "no-thinking"), Map.of()));
        assertTrue(e.getMessage().contains("no-thinking") && e.getMessage().contains("no-resrouting"), e.getMessage());
        e = assertThrows(ParameterException.class, () -> LearnerCommand.parse(with("--ablation", "no-samplek"), Map.of()));
        assertTrue(e.getMessage().contains("producers"), e.getMessage());
    }

    @Test
    void theRoleWritesConfigJsonAndARestartWritesConfigResumedJsonBesideIt(@TempDir Path dir) throws Exception {
        List<String> args = List.of("--bootstrap", "kafka:9092", "--run-id", "c-1", "--tasks", "reach-v2,push-v2", "--preset", "smoke",
                "--run-dir", dir.toString(), "--method", "mhsac", "--max-updates", "501", "--checkpoint-every", "200");
        LearnerSettings s = LearnerCommand.parse(args.toArray(String[]::new), Map.of());
        LearnerCommand.writeConfig(s, args);
        org.d2r.roles.RunConfig first = org.d2r.roles.RunConfig.read(dir.resolve("config.json"));
        assertEquals(org.d2r.roles.RunConfig.LEARNER, first.mode());
        assertEquals("c-1", first.runId());
        assertEquals("smoke", first.preset());
        assertEquals("mhsac", first.method());
        assertEquals(List.of("reach-v2", "push-v2"), first.tasks());
        assertEquals(200L, first.checkpointEvery());
        assertEquals("kafka:9092", first.bootstrapServers());
        assertEquals(501L, first.schedule().get("maxUpdates").asLong());
        assertEquals(args, first.args());
        assertEquals(Boolean.FALSE, first.resumed());
        String written = Files.readString(dir.resolve("config.json"));

        LearnerCommand.writeConfig(s, args);
        assertEquals(written, Files.readString(dir.resolve("config.json")), "a restart keeps the first start's config.json");
        assertEquals(Boolean.TRUE, org.d2r.roles.RunConfig.read(dir.resolve("config.resumed.json")).resumed());
    }
}
