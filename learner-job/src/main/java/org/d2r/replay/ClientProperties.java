package org.d2r.replay;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * Kafka client properties passed through to the learner's and the replay job's clients, for an
 * existing cluster's security settings (security.protocol, sasl.*, ssl.*, ...). Keys the pipeline's
 * correctness depends on are refused rather than silently overridden: read_committed/manual-commit
 * consumption (the learner's exactly-once skip relies on its own commits), the sinks' delivery
 * settings, acks and idempotence of the snapshot producer, and the serializers.
 */
public final class ClientProperties {

    static final Set<String> PROTECTED = Set.of("bootstrap.servers", "group.id", "isolation.level", "enable.auto.commit",
            "auto.offset.reset", "key.deserializer", "value.deserializer", "key.serializer", "value.serializer", "acks",
            "enable.idempotence", "transactional.id", "transaction.timeout.ms", "max.in.flight.requests.per.connection",
            "partitioner.class");

    private ClientProperties() {}

    /**
     * An immutable, serializable copy of {@code props} after checking that no key is protected.
     *
     * @throws IllegalArgumentException naming the first protected or blank key
     */
    public static Map<String, String> checked(Map<String, String> props) {
        if (props == null || props.isEmpty()) return Map.of();
        for (Map.Entry<String, String> e : new TreeMap<>(props).entrySet()) {
            String k = e.getKey();
            if (k == null || k.isBlank()) throw new IllegalArgumentException("Kafka client property with an empty key");
            if (e.getValue() == null) throw new IllegalArgumentException("Kafka client property '" + k + "' has no value");
            if (PROTECTED.contains(k.trim())) {
                throw new IllegalArgumentException("Kafka client property '" + k + "' cannot be overridden: the pipeline sets it"
                        + " for correctness (exactly-once training, ordered batches); pass only connection settings such as"
                        + " security.protocol, sasl.*, ssl.*");
            }
        }
        return Map.copyOf(props);
    }

    /** Adds {@code key=value} (from a repeatable {@code --kafka-property} option) to {@code into}. */
    public static void addPair(String pair, Map<String, String> into) {
        int eq = pair == null ? -1 : pair.indexOf('=');
        if (eq < 1) throw new IllegalArgumentException("--kafka-property needs key=value, got '" + pair + "'");
        into.put(pair.substring(0, eq).trim(), pair.substring(eq + 1));
    }

    /** Adds the entries of a Java properties file ({@code --kafka-properties-file}) to {@code into}. */
    public static void addFile(Path file, Map<String, String> into) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (IOException e) {
            throw new IllegalArgumentException("--kafka-properties-file " + file + " cannot be read: " + e.getMessage());
        }
        for (String k : p.stringPropertyNames()) into.put(k, p.getProperty(k));
    }
}
