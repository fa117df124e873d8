package org.d2r.schemas.kafka;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * The one rule for Kafka client properties a user passes through to every role's clients (an
 * existing cluster's security.protocol, sasl.*, ssl.*, ...): which keys are allowed, and how the
 * repeatable {@code --kafka-property k=v} option and {@code --kafka-properties-file F} combine.
 *
 * <p>Keys the pipeline's correctness depends on are refused rather than silently overridden:
 * read_committed/manual-commit consumption (the learner's exactly-once skip relies on its own
 * commits), the sinks' delivery settings, acks and idempotence of every producer, the serializers.
 * Lives in schemas because every Kafka adapter depends on this module.
 */
public final class KafkaClientProperties {

    public static final Set<String> PROTECTED = Set.of("bootstrap.servers", "group.id", "isolation.level",
            "enable.auto.commit", "auto.offset.reset", "key.deserializer", "value.deserializer", "key.serializer",
            "value.serializer", "acks", "enable.idempotence", "transactional.id", "transaction.timeout.ms",
            "max.in.flight.requests.per.connection", "partitioner.class");

    private KafkaClientProperties() {}

    /**
     * An immutable (and serializable) copy of {@code props} after checking that no key is protected.
     *
     * @throws IllegalArgumentException naming the first protected, blank or valueless key
     */
    public static Map<String, String> checked(Map<String, String> props) {
        if (props == null || props.isEmpty()) return Map.of();
        for (Map.Entry<String, String> e : new TreeMap<>(props).entrySet()) {
            String k = e.getKey();
            if (k == null || k.isBlank()) throw new IllegalArgumentException("Kafka client property with an empty key");
            if (e.getValue() == null) throw new IllegalArgumentException("Kafka client property '" + k + "' has no value");
            if (PROTECTED.contains(k.trim())) {
                throw new IllegalArgumentException("Kafka client property '" + k + "' cannot be overridden: the pipeline sets it"
                        + " for correctness (exactly-once training, ordered batches, no lost or duplicated transitions);"
                        + " pass only connection settings such as security.protocol, sasl.*, ssl.*");
            }
        }
        return Map.copyOf(props);
    }

    /** A client's settings before its own: the checked {@code props}, then the bootstrap servers. */
    public static Properties withBootstrap(String bootstrapServers, Map<String, String> props) {
        Properties p = new Properties();
        p.putAll(checked(props));
        p.put("bootstrap.servers", bootstrapServers);
        return p;
    }

    /**
     * The checked properties of a command line: the file's entries (if {@code file} is not null),
     * overridden by the {@code --kafka-property} pairs in their order.
     *
     * @param pairs the values of every {@code --kafka-property} option, each {@code key=value}
     *     (the value may itself contain '=')
     * @throws IllegalArgumentException naming the malformed pair, the unreadable file or the protected key
     */
    public static Map<String, String> fromOptions(List<String> pairs, Path file) {
        Map<String, String> merged = new LinkedHashMap<>();
        if (file != null) merged.putAll(readFile(file));
        for (String pair : pairs) {
            int eq = pair == null ? -1 : pair.indexOf('=');
            if (eq < 1 || pair.substring(0, eq).isBlank()) {
                throw new IllegalArgumentException("--kafka-property needs key=value (e.g. security.protocol=SSL), got '"
                        + pair + "'");
            }
            merged.put(pair.substring(0, eq).trim(), pair.substring(eq + 1));
        }
        return checked(merged);
    }

    private static Map<String, String> readFile(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (IOException e) {
            throw new IllegalArgumentException("--kafka-properties-file " + file + " cannot be read (" + e
                    + "); pass a readable Java properties file");
        }
        Map<String, String> out = new TreeMap<>();
        for (String k : p.stringPropertyNames()) out.put(k.trim(), p.getProperty(k));
        return out;
    }
}
