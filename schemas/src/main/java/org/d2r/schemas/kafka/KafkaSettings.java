package org.d2r.schemas.kafka;

import java.util.Map;
import java.util.Properties;

/**
 * Where the broker is and what else the clients need (security settings pass through untouched),
 * shared by the producers and the evaluator so both connect the same way.
 *
 * @param bootstrapServers host:port[,host:port...]
 * @param clientProperties pass-through Kafka client properties, checked by {@link KafkaClientProperties}
 */
public record KafkaSettings(String bootstrapServers, Map<String, String> clientProperties) {

    public KafkaSettings {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrap servers missing: pass --bootstrap host:port");
        }
        for (String hp : bootstrapServers.split(",")) {
            if (!hp.trim().matches("[^:\\s]+:\\d{1,5}")) {
                throw new IllegalArgumentException("bootstrap server '" + hp + "' is not host:port");
            }
        }
        clientProperties = KafkaClientProperties.checked(clientProperties);
    }

    public static KafkaSettings of(String bootstrapServers) {
        return new KafkaSettings(bootstrapServers, Map.of());
    }

    public Properties base() {
        return KafkaClientProperties.withBootstrap(bootstrapServers, clientProperties);
    }
}
