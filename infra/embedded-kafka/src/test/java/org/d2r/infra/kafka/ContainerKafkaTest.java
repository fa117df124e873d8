package org.d2r.infra.kafka;

import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The embedded broker's round trip against Apache's Kafka image, for machines with Docker
 * (CI runners, laptops). Without a Docker engine the class is skipped, not failed; the
 * embedded broker test covers the same path there.
 */
@Testcontainers(disabledWithoutDocker = true)
class ContainerKafkaTest {

    @Container
    private static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.1");

    @Test
    void containerBrokerCarriesCodecRecords() throws Exception {
        RoundTripCheck.run(KAFKA.getBootstrapServers());
    }
}
