package org.d2r.evaluator;

import org.d2r.roles.report.EvalCsv;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.d2r.core.baselines.Method;
import org.d2r.core.config.D2rNetConfig;
import org.d2r.core.model.TaskNetwork;
import org.d2r.core.nn.Rng;
import org.d2r.infra.kafka.EmbeddedKafka;
import org.d2r.infra.kafka.TopicLayout;
import org.d2r.metaworld.GoalMode;
import org.d2r.schemas.AvroCodec;
import org.d2r.schemas.EvalResult;
import org.d2r.schemas.PolicySnapshot;
import org.d2r.schemas.Topics;
import org.d2r.schemas.kafka.KafkaSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

class EvaluatorAppTest {
    static final List<String> TASKS = List.of("reach-v2", "push-v2");

    static void publish(EmbeddedKafka kafka, Topics topics, long version, long updates) throws Exception {
        publish(kafka, topics, version, updates, Method.D2R);
    }

    static void publish(EmbeddedKafka kafka, Topics topics, long version, long updates, Method method) throws Exception {
        D2rNetConfig net = D2rNetConfig.small(4, 8, 16);
        TaskNetwork actor = method.actor(net, 39, 4, 2, 1, DataType.FLOAT, new Rng(version));
        byte[] w = org.d2r.core.io.PolicySnapshot.of(method, actor, net, new double[] {1, 1}, version).toBytes();
        PolicySnapshot s = PolicySnapshot.newBuilder().setRunId("run-e").setVersion(version).setUpdateCount(updates)
                .setAlpha(List.of(1f, 1f)).setTau(List.of(1f, 1f)).setWeightsFormat("d2r-core-snapshot-v1")
                .setWeights(ByteBuffer.wrap(w)).setConfigFingerprint("test").setCreatedAtMs(0)
                .setEnvStepsPerTask(updates == 0 ? -1 : 1_000 + updates).build();
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        p.put("max.request.size", Integer.toString(16 << 20)); // a paper-sized baseline's weights are megabytes
        try (KafkaProducer<String, byte[]> prod = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            prod.send(new ProducerRecord<>(topics.policySnapshots(), "run-e", AvroCodec.forType(PolicySnapshot.class).encode(s))).get();
        }
    }

    static Topics layout(EmbeddedKafka kafka, String prefix) {
        Topics topics = Topics.withPrefix(prefix);
        try (Admin admin = kafka.admin()) {
            TopicLayout.create(admin, topics, new TopicLayout.Settings(2, (short) 1));
        }
        return topics;
    }

    /** Run "run-e" on TASKS, Rand goals, seed 5, E = 100, 15-step episodes. */
    static EvaluatorConfig config(EmbeddedKafka kafka, Topics topics, int episodes, Path runDir) {
        return new EvaluatorConfig(KafkaSettings.of(kafka.bootstrapServers()), topics, "run-e", TASKS, GoalMode.RAND, 5, 100,
                episodes, 15, runDir);
    }

    static List<EvalResult> results(EmbeddedKafka kafka, String topic, int expected) {
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        AvroCodec<EvalResult> codec = AvroCodec.forType(EvalResult.class);
        List<EvalResult> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic).stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            long deadline = System.currentTimeMillis() + 20_000;
            while (out.size() < expected && System.currentTimeMillis() < deadline) {
                c.poll(Duration.ofMillis(200)).forEach(r -> out.add(codec.decode(r.value())));
            }
        }
        return out;
    }

    @Test
    void evaluatesTheFirstSnapshotPastEachMultipleOfE(@TempDir Path runDir) throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            Topics topics = layout(kafka, "e1.");
            EvaluatorConfig cfg = config(kafka, topics, 2, runDir);
            publish(kafka, topics, 0, 0);
            try (EvaluatorApp app = EvaluatorApp.start(cfg)) {
                long deadline = System.currentTimeMillis() + 60_000;
                while (app.evaluations() < 1 && System.currentTimeMillis() < deadline) Thread.sleep(50);
                assertEquals(0, app.lastEvaluatedUpdate());
                publish(kafka, topics, 1, 60);   // below the next multiple (100): skipped
                publish(kafka, topics, 2, 130);  // first past 100: evaluated
                while (app.evaluations() < 2 && System.currentTimeMillis() < deadline) Thread.sleep(50);
                Thread.sleep(500);
                assertEquals(2, app.evaluations());
                assertEquals(130, app.lastEvaluatedUpdate());
            }
            List<EvalResult> res = results(kafka, topics.evalResults(), 4);
            assertEquals(4, res.size(), "one result per task per evaluation");
            for (int i = 0; i < 4; i++) {
                EvalResult r = res.get(i);
                assertEquals(i < 2 ? 0 : 130, r.getUpdateCount());
                assertEquals(i < 2 ? 0 : 2, r.getSnapshotVersion());
                assertEquals(i < 2 ? -1 : 1_130, r.getEnvStepsPerTask(), "the snapshot's env steps per task");
                assertEquals(i % 2, r.getTaskId());
                assertEquals(TASKS.get(i % 2), r.getTaskName());
                assertEquals(2, r.getEpisodes());
                assertTrue(r.getSuccessRate() >= 0 && r.getSuccessRate() <= 1);
                assertTrue(r.getMeanReturn() > 0, "Meta-World rewards are positive over 15 steps");
                assertTrue(r.getMetrics().get("meanModulesUsed") > 0);
            }
            List<String> csv = Files.readAllLines(runDir.resolve("evaluations.csv"));
            assertEquals(EvalCsv.HEADER, csv.get(0));
            assertEquals(5, csv.size());
            assertTrue(csv.get(1).startsWith("0,0,,reach-v2,"), csv.get(1));
            assertTrue(csv.get(3).startsWith("130,2,1130,reach-v2,"), csv.get(3));
            assertTrue(Files.size(runDir.resolve("success.png")) > 1000);

            // routing analysis: modules used per task and tau (routing.csv) agree with the published results, and
            // under TopK (k = 2) router r chose min(2, r) sources at every step (routing-paths.csv)
            List<String> routing = Files.readAllLines(runDir.resolve("routing.csv"));
            assertEquals(RoutingReport.SUMMARY_HEADER, routing.get(0));
            assertEquals(5, routing.size(), "two evaluations x two tasks: " + routing);
            for (int i = 0; i < 4; i++) {
                String[] f = routing.get(i + 1).split(",");
                assertEquals(res.get(i).getUpdateCount(), Long.parseLong(f[0]));
                assertEquals(res.get(i).getTaskName(), f[2]);
                assertEquals(res.get(i).getMetrics().get("meanModulesUsed"), Double.parseDouble(f[3]), 1e-4);
                assertEquals(1.0, Double.parseDouble(f[4]), 0.0, "the snapshot's tau");
                assertEquals(res.get(i).getSuccessRate(), Double.parseDouble(f[5]), 1e-4);
            }
            java.util.Map<String, Double> chosen = new java.util.TreeMap<>();
            List<String> pathRows = Files.readAllLines(runDir.resolve("routing-paths.csv"));
            assertEquals(RoutingReport.PATHS_HEADER, pathRows.get(0));
            for (String row : pathRows.subList(1, pathRows.size())) {
                String[] f = row.split(",");
                int router = Integer.parseInt(f[2]), source = Integer.parseInt(f[3]);
                assertTrue(source >= 1 && source <= router, row);
                chosen.merge(f[0] + "/" + f[1] + "/" + router, Double.parseDouble(f[4]), Double::sum);
            }
            assertEquals(2 * 2 * 4, chosen.size(), "every router of every task in both evaluations: " + chosen.keySet());
            // the same shares travel on eval-results for the run monitor, in the path's bit order
            for (EvalResult r : res) {
                List<Float> shares = r.getRoutingShares();
                assertEquals(10, shares.size(), "4 modules: 10 path bits");
                for (int router = 1; router <= 4; router++) {
                    double sum = 0;
                    for (int j = 0; j < router; j++) sum += shares.get(router * (router - 1) / 2 + j);
                    assertEquals(chosen.get(r.getUpdateCount() + "/" + r.getTaskName() + "/" + router), sum, 1e-3,
                            "router " + router + " of " + r.getTaskName() + " on the topic and in routing-paths.csv");
                }
            }
            chosen.forEach((key, sum) -> assertEquals(Math.min(2, Integer.parseInt(key.substring(key.lastIndexOf('/') + 1))),
                    sum, 1e-3, key));
            assertTrue(Files.size(runDir.resolve("routing.png")) > 1000);

            // Started again on the same run folder: 130 is not evaluated twice, the next one is past 200.
            try (EvaluatorApp app = EvaluatorApp.start(cfg)) {
                publish(kafka, topics, 3, 150);
                publish(kafka, topics, 4, 210);
                long deadline = System.currentTimeMillis() + 60_000;
                while (app.evaluations() < 1 && System.currentTimeMillis() < deadline) Thread.sleep(50);
                Thread.sleep(500);
                assertEquals(1, app.evaluations());
                assertEquals(210, app.lastEvaluatedUpdate());
                // the run's end: its last policy, off the E cadence, over more episodes
                publish(kafka, topics, 5, 230);
                FinalEvaluation last = app.evaluateFinal(230, 3, Duration.ofSeconds(60));
                assertEquals(230, last.update());
                assertEquals(1_230, last.envStepsPerTask());
                assertEquals(3, last.episodes());
                assertTrue(last.summary().startsWith("final evaluation of update 230 (1230 env steps per task), 3 episodes"),
                        last.summary());
                // the same update and episodes as a periodic evaluation already had: nothing run twice
                FinalEvaluation again = app.evaluateFinal(230, 3, Duration.ofSeconds(60));
                assertEquals(last.meanSuccess(), again.meanSuccess());
            }
            List<String> after = Files.readAllLines(runDir.resolve("evaluations.csv"));
            assertEquals(9, after.size(), "earlier rows kept, one new evaluation, the final one: " + after);
            assertTrue(after.get(5).startsWith("210,4,1210,reach-v2,"), after.get(5));
            assertTrue(after.get(7).startsWith("230,5,1230,reach-v2,") && after.get(7).endsWith(",3"), after.get(7));
        }
    }

    @Test
    void evaluatesABaselineFromItsSnapshotAlone(@TempDir Path runDir) throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            Topics topics = layout(kafka, "e3.");
            // nothing in the evaluator's configuration says which network it will get
            EvaluatorConfig cfg = config(kafka, topics, 2, runDir);
            publish(kafka, topics, 0, 0, Method.MHSAC);
            try (EvaluatorApp app = EvaluatorApp.start(cfg)) {
                long deadline = System.currentTimeMillis() + 60_000;
                while (app.evaluations() < 1 && app.failure() == null && System.currentTimeMillis() < deadline) Thread.sleep(50);
                assertEquals(null, app.failure());
                assertEquals(1, app.evaluations());
            }
            List<EvalResult> res = results(kafka, topics.evalResults(), 2);
            assertEquals(2, res.size());
            for (EvalResult r : res) {
                assertTrue(r.getMeanReturn() > 0, "Meta-World rewards are positive over 15 steps");
                // no routing, so no modules-used figure (rather than a misleading 0)
                assertEquals(Map.of(), r.getMetrics());
                assertEquals(List.of(), r.getRoutingShares());
            }
            assertEquals(3, Files.readAllLines(runDir.resolve("evaluations.csv")).size());
            assertTrue(!Files.exists(runDir.resolve("routing.csv")), "a baseline does not route");
        }
    }

    @Test
    void theStandaloneEvaluatorGivesTheLearnersLastPolicyItsFinalEvaluationAndStops(@TempDir Path runDir) throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            Topics topics = layout(kafka, "e4.");
            EvaluatorConfig cfg = config(kafka, topics, 1, runDir);
            publish(kafka, topics, 0, 0);
            publish(kafka, topics, 1, 250); // the learner's --max-updates, off the E cadence
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            int code;
            try (EvaluatorApp app = EvaluatorApp.start(cfg)) {
                code = EvaluatorCommand.follow(app, new EvaluatorCommand.Final(250, 3), Duration.ofMillis(50),
                        new java.io.PrintStream(bytes, true));
            }
            String out = bytes.toString();
            assertEquals(0, code, out);
            assertTrue(out.contains("final evaluation of update 250 (1250 env steps per task), 3 episodes"), out);
            List<String> rows = Files.readAllLines(runDir.resolve("evaluations.csv"));
            assertTrue(rows.get(rows.size() - 1).startsWith("250,1,1250,push-v2,") && rows.get(rows.size() - 1).endsWith(",3"),
                    rows.toString());
            // restarted (a second compose up): the same final evaluation is reported, not run and appended again
            bytes.reset();
            try (EvaluatorApp app = EvaluatorApp.start(cfg)) {
                code = EvaluatorCommand.follow(app, new EvaluatorCommand.Final(250, 3), Duration.ofMillis(50),
                        new java.io.PrintStream(bytes, true));
            }
            assertEquals(0, code, bytes.toString());
            assertTrue(bytes.toString().contains("final evaluation of update 250"), bytes.toString());
            assertEquals(rows, Files.readAllLines(runDir.resolve("evaluations.csv")));
        }
    }
}
