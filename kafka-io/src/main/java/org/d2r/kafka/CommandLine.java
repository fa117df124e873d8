package org.d2r.kafka;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.d2r.schemas.kafka.KafkaClientProperties;

/**
 * "--name value" options and "--flag"s, plus repeated "--kafka-property k=v" pairs and a
 * "--kafka-properties-file F" (combined by {@link KafkaClientProperties}); unknown options are errors
 * so a typo never silently falls back to a default. Public because the evaluator's command parses the
 * same way.
 */
public final class CommandLine {
    private final Map<String, String> values = new HashMap<>();
    private final List<String> kafkaPairs = new ArrayList<>();
    private Path kafkaFile;

    private CommandLine() {
    }

    /** @throws IllegalArgumentException naming the offending option */
    public static CommandLine parse(String[] args, Set<String> valued, Set<String> flags) {
        CommandLine c = new CommandLine();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            // every command takes Kafka's own name for the broker list beside the short one
            if (a.equals("--bootstrap-servers") && valued.contains("--bootstrap")) a = "--bootstrap";
            if (flags.contains(a)) {
                c.values.put(a, "true");
            } else if (a.equals("--kafka-property")) {
                if (i + 1 >= args.length) throw new IllegalArgumentException("--kafka-property needs key=value, e.g. security.protocol=SSL");
                c.kafkaPairs.add(args[++i]);
            } else if (a.equals("--kafka-properties-file")) {
                if (i + 1 >= args.length) throw new IllegalArgumentException("--kafka-properties-file needs a file");
                c.kafkaFile = Path.of(args[++i]);
            } else if (valued.contains(a)) {
                if (i + 1 >= args.length) throw new IllegalArgumentException(a + " needs a value");
                c.values.put(a, args[++i]);
            } else {
                throw new IllegalArgumentException("unknown option '" + a + "'; see --help");
            }
        }
        return c;
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public String get(String name, String dflt) {
        return values.getOrDefault(name, dflt);
    }

    public long getLong(String name, long dflt) {
        String v = values.get(name);
        if (v == null) return dflt;
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer, got '" + v + "'");
        }
    }

    /** The checked pass-through properties: the file's, overridden by the --kafka-property pairs. */
    public Map<String, String> kafkaProperties() {
        return KafkaClientProperties.fromOptions(kafkaPairs, kafkaFile);
    }
}
