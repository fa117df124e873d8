package org.d2r.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.NewTopic;
import org.d2r.infra.kafka.TopicLayout;
import org.d2r.schemas.Topics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * No Docker engine here: this checks that docker-compose.yml and the embedded mode agree on the
 * roles, the topic layout and the option names, so the two modes cannot drift apart unnoticed.
 */
class ComposeFileTest {

    private static JsonNode root;
    private static JsonNode services;

    @BeforeAll
    static void read() throws Exception {
        Path file = Path.of("..", "docker-compose.yml");
        assertTrue(Files.exists(file), "docker-compose.yml missing at the repository root");
        root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        services = root.get("services");
    }

    /**
     * A service's key, looking through a YAML merge key ({@code <<: *d2r-role}), which Jackson reads
     * as the anchor's name: the anchored block is the top-level {@code x-d2r-role}.
     */
    private static JsonNode field(String service, String key) {
        JsonNode s = services.get(service);
        if (s.has(key)) return s.get(key);
        if (!s.has("<<")) return null;
        JsonNode merged = s.get("<<");
        if (merged.isTextual()) merged = root.get("x-" + merged.asText());
        return merged == null ? null : merged.get(key);
    }

    private static String command(String service) {
        JsonNode c = services.get(service).get("command");
        if (c.isArray()) {
            StringBuilder b = new StringBuilder();
            c.forEach(x -> b.append(x.asText()).append(' '));
            return b.toString();
        }
        return c.asText();
    }

    @Test
    void everyRoleOfTheEmbeddedModeIsAService() throws Exception {
        Set<String> names = new TreeSet<>();
        services.fieldNames().forEachRemaining(names::add);
        assertTrue(names.containsAll(List.of("kafka", "topics", "jobmanager", "taskmanager", "replay-job", "learner",
                "producers", "evaluator", "monitor")), "services: " + names);
        assertTrue(services.get("kafka").get("image").asText().startsWith("apache/kafka:"));
        assertEquals("broker,controller", services.get("kafka").get("environment").get("KAFKA_PROCESS_ROLES").asText(),
                "KRaft mode, as the embedded broker");
        assertTrue(services.get("jobmanager").get("build").get("dockerfile").asText().endsWith("Dockerfile.flink"));
        String flink = Files.readString(Path.of("docker", "Dockerfile.flink"));
        assertTrue(flink.contains("ARG FLINK_IMAGE=flink:2.0.0-java17") && flink.contains("FROM ${FLINK_IMAGE}"), flink);
    }

    @Test
    void topicsAreCreatedAsTheEmbeddedLayoutCreatesThem() {
        String script = command("topics");
        Matcher m = Pattern.compile("--topic (\\S+) --partitions (\\d+)[^;]*").matcher(script);
        Map<String, String> created = new HashMap<>();
        while (m.find()) created.put(m.group(1), m.group(0));
        List<NewTopic> plan = TopicLayout.plan(Topics.defaults(), TopicLayout.Settings.defaults());
        assertEquals(new TreeSet<>(Topics.defaults().all()), new TreeSet<>(created.keySet()), "topic names");
        for (NewTopic t : plan) {
            String line = created.get(t.name());
            assertTrue(line.contains("--partitions " + t.numPartitions() + " "), t.name() + " partitions: " + line);
            Map<String, String> configs = t.configs() == null ? Map.of() : t.configs();
            for (var c : configs.entrySet()) {
                assertTrue(line.contains("--config " + c.getKey() + "=" + c.getValue()), t.name() + " needs " + c + ": " + line);
            }
            assertEquals(configs.size(), line.split("--config ").length - 1, t.name() + " has configs the embedded layout lacks");
        }
    }

    @Test
    void rolesShareRunIdTasksSeedAndBootstrapAndUseOptionsTheirCommandsAccept() throws Exception {
        Map<String, String> roles = Map.of("learner", "learner", "producers", "producers", "evaluator", "evaluator");
        for (var e : roles.entrySet()) {
            String cmd = command(e.getKey());
            assertTrue(cmd.startsWith(e.getValue() + " "), e.getKey() + " runs 'bin/d2r " + e.getValue() + "': " + cmd);
            assertTrue(cmd.contains("--bootstrap kafka:9092"), e.getKey() + ": " + cmd);
            assertTrue(cmd.contains("--run-id ${D2R_RUN_ID:-compose-1}"), e.getKey() + ": " + cmd);
            assertTrue(cmd.contains("--seed ${D2R_SEED:-1}"), e.getKey() + ": " + cmd);
            assertTrue(cmd.contains("--tasks ${D2R_TASKS:-mt10}"), e.getKey() + ": " + cmd);
            assertTrue(CommandLineHelpTest.commandNames().contains(e.getValue()), "D2rCli has no command " + e.getValue());
        }
        String replay = command("replay-job");
        // the replay-job service keeps the job running through Flink's command line, with the job's own options
        assertTrue(replay.startsWith("d2r-submit-replay-job jobmanager:8081 ") && replay.contains("--bootstrap kafka:9092")
                && replay.contains("--run-id ${D2R_RUN_ID:-compose-1}"), replay);
        assertTrue(Files.readString(Path.of("docker", "submit-replay-job.sh")).contains("-c org.d2r.replay.ReplayJob"));
        // The replay job sizes its windows, warm-up and batches from the same preset and tasks as the producers
        // and learner (a smoke run's producers otherwise wait on a warm-up the job never reaches).
        for (String role : List.of("replay-job", "learner", "producers")) {
            assertTrue(command(role).contains("--preset ${D2R_PRESET:-mt10-rand}"), role + ": " + command(role));
        }
        assertTrue(replay.contains("--tasks ${D2R_TASKS:-mt10}") && replay.contains("--seed ${D2R_SEED:-1}"), replay);
        String replayArgs = replay.substring(replay.indexOf(" --") + 1);
        org.d2r.replay.ReplayConfig smoke = replayConfig(resolve(replayArgs.substring(replayArgs.indexOf("--"))));
        org.d2r.core.config.SacConfig sac = org.d2r.core.config.LearnerConfig.preset("smoke").sac();
        assertEquals(2, smoke.tasks());
        assertEquals(java.time.Duration.ofSeconds(10), smoke.checkpointInterval(), "D2R_REPLAY_CHECKPOINT_MS reaches the job");
        assertEquals(sac.batchPerTask(), smoke.rowsPerTask(), "the smoke preset's batches");
        assertEquals(Math.max(sac.minTransitions(), 2L * sac.warmupStepsPerTask()), smoke.warmup(), "the smoke preset's warm-up");
        // The learner and evaluator write into the same run folder, as in the embedded mode.
        String dir = "/var/lib/d2r/runs/${D2R_RUN_ID:-compose-1}";
        assertTrue(command("learner").contains("--run-dir " + dir) && command("evaluator").contains("--run-dir " + dir));
        // Each option given to the learner parses with the learner's own parser.
        String[] args = resolve(command("learner").substring("learner ".length()));
        org.d2r.learner.LearnerSettings s = org.d2r.learner.LearnerCommand.parse(args, Map.of());
        assertEquals(List.of("reach-v2", "push-v2"), s.tasks());
        assertEquals(org.d2r.core.baselines.Method.MHSAC, s.method(), "D2R_METHOD reaches the learner");
        // one budget for both: the learner stops at it and the evaluator gives that last policy the final evaluation
        assertEquals(5000, s.maxUpdates(), "D2R_MAX_UPDATES reaches the learner");
        assertEquals(200, s.checkpointEvery(), "D2R_CHECKPOINT_EVERY reaches the learner");
        assertTrue(command("evaluator").contains("--final-at ${D2R_MAX_UPDATES:-0}"), command("evaluator"));
        assertTrue(command("producers").contains("--max-steps-per-task ${D2R_STEPS_PER_TASK:-0}"), command("producers"));
        assertEquals(0, org.d2r.learner.LearnerCommand.parse(defaults(command("learner").substring("learner ".length())), Map.of())
                .maxUpdates(), "by default the learner runs until stopped");
        // With the run settings left at their defaults (MT10), the learner and the replay job agree on the tasks too.
        String[] learnerDefaults = defaults(command("learner").substring("learner ".length()));
        assertEquals(org.d2r.metaworld.MetaWorld.parseTaskList("mt10"), org.d2r.learner.LearnerCommand.parse(learnerDefaults, Map.of()).tasks());
        assertEquals(org.d2r.core.baselines.Method.D2R, org.d2r.learner.LearnerCommand.parse(learnerDefaults, Map.of()).method());
        assertEquals(10, replayConfig(defaults(replayArgs.substring(replayArgs.indexOf("--")))).tasks());
        assertEquals("kafka:9092", s.bootstrapServers());
        assertEquals(Topics.defaults(), s.topics());
        for (String role : List.of("learner", "producers", "evaluator")) {
            JsonNode env = field(role, "environment");
            assertTrue(env != null, role + " has no environment: " + services.get(role));
            assertEquals("/opt/metaworld/assets", env.get("METAWORLD_ASSETS").asText(), role);
            assertTrue(field(role, "volumes").toString().contains("${D2R_ASSETS:-../shared/metaworld-v2/assets}:/opt/metaworld/assets"),
                    role + " mounts the Meta-World assets");
        }
    }

    @Test
    void theRunMonitorIsAServiceOnTheRunsTopicsWithItsPagePublished() {
        String cmd = command("monitor");
        assertTrue(cmd.startsWith("monitor ") && CommandLineHelpTest.commandNames().contains("monitor"), cmd);
        assertTrue(cmd.contains("--bootstrap kafka:9092") && cmd.contains("--run-id ${D2R_RUN_ID:-compose-1}"), cmd);
        // its options parse with its own command line, and it answers on the port compose publishes
        org.d2r.monitor.MonitorConfig c = org.d2r.cli.Cli.parse(new org.d2r.monitor.MonitorCommand(),
                resolve(cmd.substring("monitor ".length()))).config();
        assertEquals("compose-1", c.runId());
        assertEquals(Topics.defaults(), c.topics());
        assertEquals("0.0.0.0", c.bind(), "inside its container: reachable through the published port only");
        JsonNode ports = services.get("monitor").get("ports");
        assertTrue(ports != null && ports.toString().contains("\"" + c.port() + ":" + c.port() + "\""), "published: " + ports);
        assertTrue(c.stateDir().toString().startsWith("/var/lib/d2r/runs/compose-1"), "its state beside the run's files: " + c.stateDir());
        assertEquals("service_completed_successfully", field("monitor", "depends_on").get("topics").get("condition").asText(),
                "started after the topics exist");
    }

    @Test
    void operationsAsAComposeUserExpects() throws Exception {
        // readiness: the broker and the job manager report health, and what needs them waits for it
        assertTrue(services.get("kafka").has("healthcheck") && services.get("jobmanager").has("healthcheck"));
        assertEquals("service_healthy", services.get("topics").get("depends_on").get("kafka").get("condition").asText());
        assertEquals("service_healthy", services.get("replay-job").get("depends_on").get("jobmanager").get("condition").asText());
        for (String role : List.of("learner", "producers", "evaluator")) {
            assertEquals("service_completed_successfully", field(role, "depends_on").get("topics").get("condition").asText(), role);
            // a role that reached its budget exits 0 and stays down; one that failed comes back
            assertEquals("on-failure", field(role, "restart").asText(), role);
        }
        for (String s : List.of("kafka", "jobmanager", "taskmanager", "replay-job")) {
            assertEquals("unless-stopped", services.get(s).get("restart").asText(), s);
        }
        // only what a person opens is published: Flink's web UI and the run monitor's page
        Set<String> published = new TreeSet<>();
        services.fieldNames().forEachRemaining(n -> { if (field(n, "ports") != null) published.add(n); });
        assertEquals(Set.of("jobmanager", "monitor"), published);
        // down and up keep the data: the broker's log and the replay job's checkpoints are on volumes
        assertEquals("/var/lib/kafka/data", services.get("kafka").get("environment").get("KAFKA_LOG_DIRS").asText());
        assertTrue(services.get("kafka").get("volumes").toString().contains("kafka-data:/var/lib/kafka/data"));
        for (String s : List.of("jobmanager", "taskmanager", "replay-job")) {
            assertTrue(services.get(s).get("volumes").toString().contains("flink-checkpoints:/var/lib/d2r/flink-checkpoints"), s);
        }
        // every service has a memory limit (the machine is shared; MT50 raises the roles' through D2R_MEM_LIMIT)
        services.fieldNames().forEachRemaining(n -> {
            if (!n.equals("topics")) assertTrue(field(n, "mem_limit") != null, n + " has no mem_limit");
        });
    }

    @Test
    void theLocalOverrideSwapsOnlyTheImagesDockerHubWouldGive() throws Exception {
        JsonNode local = new ObjectMapper(new YAMLFactory()).readTree(Path.of("..", "docker-compose.local.yml").toFile()).get("services");
        assertEquals("d2r-local/kafka:4.1.1", local.get("kafka").get("image").asText());
        assertEquals(services.get("kafka").get("image").asText(), "apache/kafka:4.1.1", "the official image stays the default");
        assertEquals("d2r-local/flink:2.0.0-java17", local.get("jobmanager").get("build").get("args").get("FLINK_IMAGE").asText());
        local.fieldNames().forEachRemaining(n -> {
            JsonNode service = local.get(n);
            service.fieldNames().forEachRemaining(k -> assertTrue(k.equals("image") || k.equals("build"), n + " overrides " + k));
        });
    }

    /** The replay job's options as the job itself parses them (flink run, bin/d2r replay-job). */
    private static org.d2r.replay.ReplayConfig replayConfig(String[] options) {
        return org.d2r.cli.Cli.parse(new org.d2r.replay.ReplayArgs(), options).config();
    }

    /** A command's options with every run setting at compose's default, as compose substitutes them when none is set. */
    private static String[] defaults(String options) {
        return options.replaceAll("\\$\\{D2R_[A-Z_]+:-([^}]*)}", "$1").trim().split("\\s+");
    }

    /** A command's options with the run settings given (smoke on two tasks), as compose would substitute them. */
    private static String[] resolve(String options) {
        return options.replace("${D2R_RUN_ID:-compose-1}", "compose-1").replace("${D2R_TASKS:-mt10}", "reach-v2,push-v2")
                .replace("${D2R_PRESET:-mt10-rand}", "smoke").replace("${D2R_SEED:-1}", "1")
                .replace("${D2R_METHOD:-d2r}", "mhsac").replace("${D2R_MAX_UPDATES:-0}", "5000")
                .replace("${D2R_CHECKPOINT_EVERY:-1000}", "200").replace("${D2R_REPLAY_CHECKPOINT_MS:-60000}", "10000")
                .trim().split("\\s+");
    }
}
