package org.d2r.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.d2r.kafka.ReplayBatchReader;
import org.d2r.replay.ReplayConfig;
import org.d2r.schemas.AvroCodec;
import org.d2r.schemas.SyntheticTransitions;
import org.d2r.schemas.TrainingBatch;
import org.d2r.schemas.Transition;
import org.junit.jupiter.api.Test;

class EmbeddedPipelineTest {

    @Test
    void transitionsPublishedToTheEmbeddedPipelineComeBackAsBatches() throws Exception {
        int tasks = 2;
        try (EmbeddedPipeline pipeline = EmbeddedPipeline.start(bootstrap -> new ReplayConfig(bootstrap, "", "it",
                tasks, 200, 20, tasks, 4, 3, 5, "it-replay", false, Duration.ofSeconds(2), null, null,
                Map.of(), ReplayConfig.BatchRows.REFERENCES), 2, 1)) {
            pipeline.replayJob().awaitRunning(Duration.ofMinutes(1));
            AvroCodec<Transition> codec = AvroCodec.forType(Transition.class);
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.bootstrapServers()),
                    new ByteArraySerializer(), new ByteArraySerializer())) {
                for (int task = 0; task < tasks; task++) {
                    for (Transition t : SyntheticTransitions.of("it", task, 1, 15)) {
                        producer.send(new ProducerRecord<>(pipeline.topics().transitions(),
                                ByteBuffer.allocate(4).putInt(task).array(), codec.encode(t)));
                    }
                }
            }
            // 15 per task, warm-up 10 per task: batches 0..5, read as the learner reads them (references resolved).
            List<TrainingBatch> got = new ArrayList<>();
            try (ReplayBatchReader reader = new ReplayBatchReader(pipeline.bootstrapServers(), pipeline.topics(), "it-learner", -1)) {
                long deadline = System.currentTimeMillis() + 60_000;
                while (got.size() < 6 && System.currentTimeMillis() < deadline) {
                    TrainingBatch b = reader.next(Duration.ofMillis(300));
                    if (b != null) {
                        got.add(b);
                    }
                }
            }
            assertEquals(6, got.size());
            for (int i = 0; i < got.size(); i++) {
                assertEquals(i, got.get(i).getSequence());
                assertEquals(tasks * 4, got.get(i).getRows().size());
                assertEquals(tasks * 4, got.get(i).getRefs().size(), "the embedded default writes batches of references");
                for (int r = 0; r < tasks * 4; r++) {
                    assertEquals(r / 4, got.get(i).getRows().get(r).getTaskId());
                }
            }
            assertTrue(!pipeline.replayJob().isDone(), "the streaming job keeps running");
        }
    }

    private static PipelineBenchCommand.Options parse(String[] args) {
        return org.d2r.cli.Cli.parse(new PipelineBenchCommand(), args).options();
    }

    @Test
    void benchOptionsAreCheckedWithClearErrors() {
        PipelineBenchCommand.Options o = parse(new String[] {"--tasks", "50", "--per-task", "300"});
        assertEquals(50, o.tasks());
        picocli.CommandLine.ParameterException tooFew = assertThrows(picocli.CommandLine.ParameterException.class,
                () -> parse(new String[] {"--per-task", "50"}));
        assertTrue(tooFew.getMessage().contains("warm-up share 100"), tooFew.getMessage());
        assertThrows(picocli.CommandLine.ParameterException.class, () -> parse(new String[] {"--tasks", "zero"}));
        assertThrows(picocli.CommandLine.ParameterException.class, () -> parse(new String[] {"--bogus", "1"}));
        assertEquals(ReplayConfig.BatchRows.REFERENCES, o.batchRows());
        assertEquals(ReplayConfig.BatchRows.INLINE,
                parse(new String[] {"--batch-rows", "inline"}).batchRows());
        picocli.CommandLine.ParameterException rows = assertThrows(picocli.CommandLine.ParameterException.class,
                () -> parse(new String[] {"--batch-rows", "some"}));
        assertTrue(rows.getMessage().contains("'references' or 'inline'"), rows.getMessage());
    }
}
