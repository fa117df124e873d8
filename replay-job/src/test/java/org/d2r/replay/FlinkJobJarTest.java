package org.d2r.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.d2r.infra.kafka.EmbeddedKafka;
import org.d2r.infra.kafka.KafkaTopics;
import org.d2r.infra.kafka.KeyedRecord;
import org.d2r.infra.kafka.TopicLayout;
import org.d2r.kafka.ReplayBatchReader;
import org.d2r.schemas.AvroCodec;
import org.d2r.schemas.SyntheticTransitions;
import org.d2r.schemas.Topics;
import org.d2r.schemas.TrainingBatch;
import org.d2r.schemas.Transition;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The {@code flink-job} jar (run mode 3: {@code flink run -c org.d2r.replay.ReplayJob <jar>}) holds the
 * replay job and what a Flink distribution lacks, and nothing of the learner. It is built by
 * {@code mvn package}, after this phase: where it is missing (a bare {@code mvn test}) the test skips;
 * CI installs first, so it runs there. It runs the job from the jar in a JVM whose classpath is
 * the jar plus Flink's own jars only, against the embedded broker, and reads the batches it wrote.
 */
class FlinkJobJarTest {

    /** Artifacts the jar must bring itself: on the child's classpath they would hide a missing class. */
    private static final Pattern BROUGHT_BY_THE_JAR = Pattern.compile(
            ".*/(d2r-[a-z-]+|avro|jackson-[a-z]+|kafka-clients|kafka_2\\.13|flink-connector-kafka|flink-connector-base"
                    + "|lz4-java|snappy-java|zstd-jni|picocli|nd4j-[a-z-]+|openblas|javacpp|d2r-[a-z-]+)-[^/]*\\.jar$|.*/target/(test-)?classes/?$");

    private static Path jar() {
        try (var files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().endsWith("-flink-job.jar")).findFirst().orElse(null);
        } catch (Exception e) {
            return null;
        }
    }

    @Test
    void theFlinkJobJarRunsTheReplayJobWithFlinksOwnJarsOnly() throws Exception {
        Path jar = jar();
        Assumptions.assumeTrue(jar != null, "target/*-flink-job.jar is built by 'mvn package'; run 'mvn install' first");
        List<String> entries = new ArrayList<>();
        try (JarFile j = new JarFile(jar.toFile())) {
            assertEquals("org.d2r.replay.ReplayJob", j.getManifest().getMainAttributes().getValue("Main-Class"));
            j.stream().forEach(e -> entries.add(e.getName()));
        }
        assertTrue(entries.contains("org/d2r/replay/ReplayJob.class") && entries.contains("org/d2r/schemas/Transition.class"));
        assertTrue(entries.stream().anyMatch(e -> e.startsWith("org/apache/flink/connector/kafka/")), "the Kafka connector");
        assertTrue(entries.stream().noneMatch(e -> e.startsWith("org/nd4j/") || e.startsWith("org/d2r/core/")
                || e.startsWith("org/d2r/learner/") || e.startsWith("org/d2r/roles/") || e.startsWith("org/d2r/kafka/")
                || e.startsWith("org/d2r/metaworld/") || e.startsWith("org/apache/flink/streaming/api/")),
                "no learner, roles, Kafka adapters, Meta-World, ND4J or Flink runtime in the job jar");

        String testClasspath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> flinkOnly = new ArrayList<>();
        for (String e : testClasspath.split(File.pathSeparator)) {
            if (!e.isBlank() && !BROUGHT_BY_THE_JAR.matcher(e.replace('\\', '/')).matches()) flinkOnly.add(e);
        }
        assertTrue(flinkOnly.stream().anyMatch(e -> e.contains("flink-streaming-java")), "Flink's runtime jars stay on the classpath");

        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            Topics topics = Topics.withPrefix("jar.");
            try (Admin admin = kafka.admin()) {
                TopicLayout.create(admin, topics, new TopicLayout.Settings(2, (short) 1));
            }
            AvroCodec<Transition> codec = AvroCodec.forType(Transition.class);
            List<KeyedRecord> records = new ArrayList<>();
            List<SyntheticTransitions> sources = List.of(new SyntheticTransitions("jar", 0, 3, 50),
                    new SyntheticTransitions("jar", 1, 3, 50));
            for (int i = 0; i < 30; i++) {
                for (SyntheticTransitions s : sources) {
                    Transition t = s.next();
                    records.add(new KeyedRecord(ByteBuffer.allocate(4).putInt(t.getTaskId()).array(), codec.encode(t)));
                }
            }
            KafkaTopics.write(kafka.bootstrapServers(), topics.transitions(), records);

            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> cmd = List.of(java, "-Xmx512m", "-cp", jar.toAbsolutePath() + File.pathSeparator + String.join(File.pathSeparator, flinkOnly),
                    "org.d2r.replay.ReplayJob", "--bootstrap", kafka.bootstrapServers(), "--run-id", "jar", "--tasks", "2",
                    "--topic-prefix", "jar.", "--warmup", "20", "--rows-per-task", "4", "--bounded",
                    "--checkpoint-interval-ms", "1000");
            Path log = Files.createTempFile("flink-job-jar", ".log");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            boolean done = p.waitFor(3, TimeUnit.MINUTES);
            if (!done) p.destroyForcibly();
            String out = Files.readString(log, StandardCharsets.UTF_8);
            assertTrue(done && p.exitValue() == 0, "the job from the jar failed (exit " + (done ? p.exitValue() : "timeout")
                    + "):\n" + out.substring(Math.max(0, out.length() - 4000)));

            // 30 steps per task, warm-up 10 per task: batches 0..20
            var batches = KafkaTopics.readAll(kafka.bootstrapServers(), topics.replayBatches(), 21);
            assertEquals(21, batches.size(), "one batch per step of both tasks after the warm-up");
            TrainingBatch last = AvroCodec.forType(TrainingBatch.class).decode(batches.get(batches.size() - 1).value());
            assertEquals(8, last.getRefs().size(), "batches of references by default");
            try (ReplayBatchReader reader = new ReplayBatchReader(kafka.bootstrapServers(), topics, "jar-reader", 19)) {
                TrainingBatch resolved = reader.next(Duration.ofSeconds(30));
                assertEquals(20, resolved.getSequence());
                assertEquals(8, resolved.getRows().size(), "the learner's reader resolves the rows from the transitions topic");
                assertEquals(1, resolved.getRows().get(7).getTaskId());
            }
        }
    }
}
