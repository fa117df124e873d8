package org.d2r.schemas.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaClientPropertiesTest {

    private static final Map<String, String> SASL = Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "PLAIN",
            "ssl.truststore.location", "/etc/kafka/truststore.jks");

    @Test
    void protectedKeysAreRefusedByNameAndConnectionSettingsPass() {
        for (String key : new String[] {"isolation.level", "enable.auto.commit", "acks", "enable.idempotence",
                "transactional.id", "group.id", "bootstrap.servers", "value.deserializer", " acks "}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> KafkaClientProperties.checked(Map.of("security.protocol", "SSL", key, "x")));
            assertTrue(e.getMessage().contains("'" + key + "'"), e.getMessage());
        }
        assertEquals(SASL, KafkaClientProperties.checked(SASL));
        assertEquals(Map.of(), KafkaClientProperties.checked(null));
        assertThrows(UnsupportedOperationException.class, () -> KafkaClientProperties.checked(SASL).put("a", "b"));
    }

    @Test
    void aPairWinsOverTheFileAndValuesMayHoldEquals(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("client.properties");
        Files.writeString(file, "security.protocol=SSL\nssl.truststore.location=/t.jks\n");
        Map<String, String> p = KafkaClientProperties.fromOptions(
                List.of("security.protocol=SASL_SSL", " sasl.jaas.config =a=b c=d;"), file);
        assertEquals(Map.of("security.protocol", "SASL_SSL", "ssl.truststore.location", "/t.jks", "sasl.jaas.config", "a=b c=d;"), p);
        assertEquals(Map.of("a", "1"), KafkaClientProperties.fromOptions(List.of("a=0", "a=1"), null), "the last pair wins");
    }

    @Test
    void badInputNamesTheProblem(@TempDir Path dir) throws Exception {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> KafkaClientProperties.fromOptions(List.of("novalue"), null))
                .getMessage().contains("key=value"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> KafkaClientProperties.fromOptions(List.of("=x"), null))
                .getMessage().contains("key=value"));
        Path missing = dir.resolve("missing.properties");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> KafkaClientProperties.fromOptions(List.of(), missing))
                .getMessage().contains(missing.toString()));
        Path bad = dir.resolve("bad.properties");
        Files.writeString(bad, "enable.idempotence=false\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> KafkaClientProperties.fromOptions(List.of(), bad))
                .getMessage().contains("enable.idempotence"), "a protected key in the file is refused too");
    }
}
