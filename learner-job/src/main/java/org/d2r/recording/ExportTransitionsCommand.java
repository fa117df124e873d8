package org.d2r.recording;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.KafkaException;
import org.d2r.schemas.kafka.KafkaClientProperties;

/**
 * {@code bin/d2r export-transitions}: a transitions topic to an Avro container file, for offline
 * ablations ({@code bin/d2r train-offline --from FILE}) and for tools outside this project.
 * Exit codes: 0 exported (malformed records, if any, are reported and kept aside), 2 bad command
 * line, 1 the export failed.
 */
public final class ExportTransitionsCommand {

    static final String COMMAND = "bin/d2r export-transitions";
    private static final Set<String> VALUED = Set.of("--bootstrap-servers", "--bootstrap", "--topic", "--run-id", "--out",
            "--kafka-property", "--kafka-properties-file");

    static final String USAGE = String.join("\n",
            "Usage: bin/d2r export-transitions --bootstrap-servers HOST:PORT --out FILE.avro [options]",
            "",
            "Copies a transitions topic, every partition from its beginning up to the end offsets it had when",
            "the export started, into a standard Avro object container file (the Transition schema embedded;",
            "avro-tools tojson FILE.avro reads it). Partitions are merged by record timestamp, each keeping",
            "its own order. Prints the records written per task. Records that do not decode or validate are",
            "counted by reason and kept, with their bytes, in FILE.dead-letters.avro (DeadLetter records).",
            "Nothing is committed to the cluster.",
            "",
            "Options:",
            "  --bootstrap-servers H:P     the Kafka cluster (required; --bootstrap is the same)",
            "  --topic NAME                the transitions topic (default transitions; a run with a topic",
            "                              prefix P wrote Ptransitions)",
            "  --run-id R                  keep only run R's transitions (default: all)",
            "  --out FILE                  the Avro file to write (required; an existing file is refused)",
            "  --kafka-property k=v        Kafka client property (security.protocol, sasl.*, ssl.*), repeatable",
            "  --kafka-properties-file F   Java properties file of client properties (--kafka-property wins)",
            "  --help                      this text",
            "");

    private ExportTransitionsCommand() {}

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        if (code != 0) System.exit(code);
    }

    /** The command without System.exit, for tests. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (Args.wantsHelp(args)) {
            out.print(USAGE);
            return 0;
        }
        String bootstrap;
        String topic;
        Path file;
        Map<String, String> props;
        String runId;
        try {
            Args a = Args.parse(args, VALUED, COMMAND);
            if (!a.rest().isEmpty()) {
                throw new Args.UsageException("unknown option '" + a.rest().get(0) + "'. See '" + COMMAND + " --help'.");
            }
            bootstrap = a.get("--bootstrap-servers") != null ? a.get("--bootstrap-servers") : a.get("--bootstrap");
            if (bootstrap == null) throw new Args.UsageException("--bootstrap-servers HOST:PORT is required");
            if (a.get("--out") == null) throw new Args.UsageException("--out FILE.avro is required");
            file = Path.of(a.get("--out"));
            topic = a.get("--topic") != null ? a.get("--topic") : "transitions";
            runId = a.get("--run-id");
            String propsFile = a.get("--kafka-properties-file");
            props = KafkaClientProperties.fromOptions(a.all("--kafka-property"), propsFile == null ? null : Path.of(propsFile));
        } catch (Args.UsageException | IllegalArgumentException e) {
            err.println("d2r export-transitions: " + e.getMessage());
            return 2;
        }
        out.printf("d2r export-transitions: %s at %s%s -> %s%n", topic, bootstrap, runId == null ? "" : " (run " + runId + ")",
                file);
        TopicExport.Result r;
        try {
            r = TopicExport.run(bootstrap, topic, runId, props, file, out);
        } catch (IllegalArgumentException e) {
            err.println("d2r export-transitions: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("d2r export-transitions: writing " + file + " failed: " + e.getMessage());
            return 1;
        } catch (KafkaException e) {
            err.println("d2r export-transitions: reading " + topic + " from " + bootstrap + " failed: " + e.getMessage()
                    + " (check --bootstrap-servers and the security settings)");
            return 1;
        }
        out.printf(Locale.ROOT, "%d transitions written to %s (partitions and end offsets at start: %s)%n", r.records(), file,
                r.partitions());
        r.perTask().forEach((task, n) -> out.printf(Locale.ROOT, "  task %-30s %d%n", task, n));
        if (r.skippedRuns() > 0) out.printf(Locale.ROOT, "  %d records of other runs left out (--run-id)%n", r.skippedRuns());
        if (r.malformedCount() > 0) {
            err.printf(Locale.ROOT, "d2r export-transitions: %d malformed records NOT in the recording; kept in %s:%n",
                    r.malformedCount(), r.deadLetters());
            r.malformed().forEach((reason, n) -> err.printf(Locale.ROOT, "  %d x %s%n", n, reason));
        }
        if (r.records() == 0) {
            err.println("d2r export-transitions: the topic held no transitions" + (runId == null ? "" : " of run " + runId)
                    + "; the file has a header and no records");
        }
        return 0;
    }
}
