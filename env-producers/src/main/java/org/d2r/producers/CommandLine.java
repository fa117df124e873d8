package org.d2r.producers;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * "--name value" options and "--flag"s, plus repeated "--kafka-property k=v" pairs; unknown options
 * are errors so a typo never silently falls back to a default. Public because the evaluator's
 * command parses the same way.
 */
public final class CommandLine {
    private final Map<String, String> values = new HashMap<>();
    private final Map<String, String> kafkaProps = new LinkedHashMap<>();

    private CommandLine() {
    }

    /** @throws IllegalArgumentException naming the offending option */
    public static CommandLine parse(String[] args, Set<String> valued, Set<String> flags) {
        CommandLine c = new CommandLine();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (flags.contains(a)) {
                c.values.put(a, "true");
            } else if (a.equals("--kafka-property")) {
                if (i + 1 >= args.length || !args[i + 1].contains("=")) {
                    throw new IllegalArgumentException("--kafka-property needs key=value, e.g. security.protocol=SSL");
                }
                String kv = args[++i];
                c.kafkaProps.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
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

    public Map<String, String> kafkaProperties() {
        return kafkaProps;
    }
}
