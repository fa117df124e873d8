package org.d2r.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.d2r.schemas.kafka.KafkaClientProperties;
import org.d2r.schemas.kafka.KafkaSettings;
import picocli.CommandLine.Option;

/**
 * The Kafka options of every role that talks to a broker ({@code @Mixin KafkaOptions kafka;}): the broker list
 * under Kafka's own name and the short one, and the client properties a secured cluster needs (SASL/SSL),
 * combined and checked by {@link KafkaClientProperties}.
 */
public class KafkaOptions extends RunOptions.Checked {

    @Option(names = {"--bootstrap-servers", "--bootstrap"}, paramLabel = "H:P[,H:P]", description = "the Kafka cluster")
    String bootstrapServers;

    @Option(names = "--kafka-property", paramLabel = "k=v",
            description = "Kafka client property (security.protocol, sasl.*, ssl.*, ...), repeatable")
    List<String> properties = new ArrayList<>();

    @Option(names = "--kafka-properties-file", paramLabel = "F",
            description = "Java properties file of Kafka client properties (--kafka-property wins)")
    Path propertiesFile;

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public String requiredBootstrapServers() {
        if (bootstrapServers == null) throw Cli.usage(mixee, "--bootstrap-servers HOST:PORT (or --bootstrap) is required");
        return bootstrapServers;
    }

    public Path propertiesFile() {
        return propertiesFile;
    }

    public List<String> propertyPairs() {
        return List.copyOf(properties);
    }

    /** The checked pass-through properties; a bad pair, a missing file or a protected key is a usage error. */
    public Map<String, String> clientProperties() {
        return Cli.checked(mixee, () -> KafkaClientProperties.fromOptions(properties, propertiesFile));
    }

    public KafkaSettings settings() {
        return Cli.checked(mixee, () -> new KafkaSettings(requiredBootstrapServers(), clientProperties()));
    }

    /** With {@code --run-id}, the run's key on the topics: every Kafka command but train, whose run id is its folder's name. */
    public static final class ForRun extends KafkaOptions {
        @Option(names = "--run-id", paramLabel = "NAME", description = "the run's id (topics' keys, consumer groups)")
        String runId;

        public String runId() {
            return runId;
        }
    }
}
