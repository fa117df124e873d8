package org.d2r.recording;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.KafkaException;
import org.d2r.cli.Cli;
import org.d2r.cli.KafkaOptions;
import org.d2r.cli.PrintingCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bin/d2r export-transitions}: a transitions topic to an Avro container file, for offline
 * ablations ({@code bin/d2r train-offline --from FILE}) and for tools outside this project.
 * Exit codes: 0 exported (malformed records, if any, are reported and kept aside), 2 bad command
 * line, 1 the export failed.
 */
@Command(name = "export-transitions", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"copy a transitions topic into an Avro container file (per-task counts, malformed records kept aside)",
                "",
                "Copies a transitions topic, every partition from its beginning up to the end offsets it had when",
                "the export started, into a standard Avro object container file (the Transition schema embedded;",
                "avro-tools tojson FILE.avro reads it). Partitions are merged by record timestamp, each keeping",
                "its own order. Prints the records written per task. Records that do not decode or validate are",
                "counted by reason and kept, with their bytes, in FILE.dead-letters.avro (DeadLetter records).",
                "Nothing is committed to the cluster.", ""})
public final class ExportTransitionsCommand extends PrintingCommand {

    @Spec
    CommandSpec spec;
    @Mixin
    KafkaOptions.ForRun kafka;

    @Option(names = "--topic", paramLabel = "NAME",
            description = "the transitions topic (default transitions; a run with a topic prefix P wrote Ptransitions)")
    String topic = "transitions";
    @Option(names = "--out", paramLabel = "FILE", description = "the Avro file to write (required; an existing file is refused)")
    Path file;

    @Override
    public Integer call() {
        String bootstrap = kafka.requiredBootstrapServers();
        if (file == null) throw Cli.usage(spec, "--out FILE.avro is required");
        Map<String, String> props = kafka.clientProperties();
        String runId = kafka.runId();
        stdout.printf("d2r export-transitions: %s at %s%s -> %s%n", topic, bootstrap, runId == null ? "" : " (run " + runId + ")",
                file);
        TopicExport.Result r;
        try {
            r = TopicExport.run(bootstrap, topic, runId, props, file, stdout);
        } catch (IllegalArgumentException e) {
            stderr.println("d2r export-transitions: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            stderr.println("d2r export-transitions: writing " + file + " failed: " + e.getMessage());
            return 1;
        } catch (KafkaException e) {
            stderr.println("d2r export-transitions: reading " + topic + " from " + bootstrap + " failed: " + e.getMessage()
                    + " (check --bootstrap-servers and the security settings)");
            return 1;
        }
        stdout.printf(Locale.ROOT, "%d transitions written to %s (partitions and end offsets at start: %s)%n", r.records(), file,
                r.partitions());
        r.perTask().forEach((task, n) -> stdout.printf(Locale.ROOT, "  task %-30s %d%n", task, n));
        if (r.skippedRuns() > 0) stdout.printf(Locale.ROOT, "  %d records of other runs left out (--run-id)%n", r.skippedRuns());
        if (r.malformedCount() > 0) {
            stderr.printf(Locale.ROOT, "d2r export-transitions: %d malformed records NOT in the recording; kept in %s:%n",
                    r.malformedCount(), r.deadLetters());
            r.malformed().forEach((reason, n) -> stderr.printf(Locale.ROOT, "  %d x %s%n", n, reason));
        }
        if (r.records() == 0) {
            stderr.println("d2r export-transitions: the topic held no transitions" + (runId == null ? "" : " of run " + runId)
                    + "; the file has a header and no records");
        }
        return 0;
    }
}
