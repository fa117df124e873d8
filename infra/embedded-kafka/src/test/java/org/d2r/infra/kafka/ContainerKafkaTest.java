package org.d2r.infra.kafka;

import com.github.dockerjava.api.exception.NotFoundException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The embedded broker's round trip against Apache's Kafka image, for machines with Docker (CI runners, laptops).
 * It runs where an engine answers and has the image or can pull it: from Docker Hub, or the stand-in that
 * {@code infra/docker/local-images.sh} builds from Maven Central and tags {@code apache/kafka:4.1.1} (what .ci/run
 * does where it can start an engine). Elsewhere it is skipped with one line saying why; the embedded broker test
 * covers the same path there. The surefire configuration turns Testcontainers' Ryuk off: its image comes from
 * Docker Hub too, and the container here is stopped by the test itself.
 */
class ContainerKafkaTest {

    private static final String IMAGE = "apache/kafka:4.1.1";

    @Test
    void containerBrokerCarriesCodecRecords() throws Exception {
        Assumptions.assumeTrue(DockerClientFactory.instance().isDockerAvailable(),
                "no Docker engine answers (infra/docker/engine.sh starts one as root)");
        Assumptions.assumeTrue(imageAtHand(), IMAGE + " is not in the engine and cannot be pulled: infra/docker/local-images.sh"
                + " builds a stand-in from Maven Central");
        try (KafkaContainer kafka = new KafkaContainer(IMAGE)) {
            kafka.start();
            RoundTripCheck.run(kafka.getBootstrapServers());
        }
    }

    private static boolean imageAtHand() {
        var docker = DockerClientFactory.instance().client();
        try {
            docker.inspectImageCmd(IMAGE).exec();
            return true;
        } catch (NotFoundException absent) {
            try {
                return docker.pullImageCmd(IMAGE).start().awaitCompletion(2, TimeUnit.MINUTES);
            } catch (Exception unreachable) {
                return false;
            }
        }
    }
}
