package org.d2r.recording;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A command line split into valued options ({@code --name value} or {@code --name=value},
 * repeatable) and everything else, for the recording commands. Unknown options are left to the
 * caller (rest()) so that a command can hand them on to another parser.
 */
public final class Args {

    /** A bad command line; the message names the problem and the fix. */
    public static final class UsageException extends Exception {
        public UsageException(String message) {
            super(message);
        }
    }

    private final Map<String, List<String>> values = new LinkedHashMap<>();
    private final List<String> rest = new ArrayList<>();

    private Args() {}

    /**
     * @param valued  the option names this caller owns (each takes one value)
     * @param command the command's name for messages, e.g. "bin/d2r export-transitions"
     */
    public static Args parse(String[] args, Set<String> valued, String command) throws UsageException {
        Args a = new Args();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            int eq = arg.indexOf('=');
            String name = arg.startsWith("--") && eq > 0 ? arg.substring(0, eq) : arg;
            if (!valued.contains(name)) {
                a.rest.add(arg);
                continue;
            }
            String value;
            if (eq > 0 && arg.startsWith("--")) {
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                value = args[++i];
            } else {
                value = "";
            }
            if (value.isEmpty()) {
                throw new UsageException(name + " needs a value. See '" + command + " --help'.");
            }
            a.values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return a;
    }

    public static boolean wantsHelp(String[] args) {
        for (String a : args) {
            if (a.equals("--help") || a.equals("-h")) return true;
        }
        return false;
    }

    /** The option's last value, or null. */
    public String get(String name) {
        List<String> v = values.get(name);
        return v == null ? null : v.get(v.size() - 1);
    }

    /** Every value of a repeatable option, in order. */
    public List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    /** Arguments that are none of the caller's options, in order. */
    public List<String> rest() {
        return List.copyOf(rest);
    }

    /** A whole number of at least {@code min}, or null when the option is absent. */
    public Long whole(String name, long min) throws UsageException {
        String v = get(name);
        if (v == null) return null;
        long n;
        try {
            n = Long.parseLong(v.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new UsageException(name + " must be a whole number, got '" + v + "'");
        }
        if (n < min) throw new UsageException(name + " must be at least " + min + ", got " + n);
        return n;
    }

    /** A positive finite number, or null when the option is absent. */
    public Double positive(String name) throws UsageException {
        String v = get(name);
        if (v == null) return null;
        double d;
        try {
            d = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new UsageException(name + " must be a number, got '" + v + "'");
        }
        if (!(d > 0) || Double.isInfinite(d)) throw new UsageException(name + " must be a positive finite number, got " + v);
        return d;
    }
}
