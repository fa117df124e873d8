package org.d2r.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.d2r.core.config.LearnerConfig;
import org.d2r.core.routing.RoutingPaths;
import org.d2r.infra.kafka.EmbeddedKafka;
import org.d2r.monitor.MonitorConfig;
import org.d2r.monitor.RunMonitor;
import org.d2r.roles.report.EvalCsv;
import org.d2r.schemas.AvroCodec;
import org.d2r.schemas.DeadLetter;
import org.d2r.schemas.Topics;
import org.d2r.schemas.kafka.KafkaSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The run monitor end to end, on one smoke run of {@code train} against a broker the test owns: a real headless
 * Chromium opens the page during the run and the charts are checked to hold the run's points (what the page drew, the
 * chart objects' own data); a dead letter whose reason is markup must appear as text. After the run a monitor started
 * again on the same run reads its tables back from the changelogs (its input offsets were committed at the end), and
 * they agree with the run folder's metrics.csv and evaluations.csv. The screenshot goes to target/monitor-page.png.
 */
class RunMonitorBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final List<String> TASKS = List.of("reach-v2", "push-v2");
    private static final String MARKUP = "<img id=\"xss\" src=x onerror=\"document.title='owned'\"> bad record";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aSmokeRunIsDrawnLiveInChromiumAndARestartedMonitorRecoversItsTables(@TempDir Path dir) throws Exception {
        // CI installs both (.ci/run): a missing browser is a failure, not a skip
        assertTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "the browser test needs Debian's chromium and chromium-driver: apt-get install -y chromium chromium-driver");
        Path run = dir.resolve("watched");
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            TrainOptions o = TrainRuns.parse(new String[] {"--preset", "smoke", "--tasks", String.join(",", TASKS),
                    "--steps", "600", "--run-dir", run.toString(), "--bootstrap-servers", kafka.bootstrapServers(),
                    "--snapshot-every", "25", "--eval-every", "50", "--final-episodes", "2", "--monitor-port", "0"});
            AtomicReference<TrainCommand.Session> session = new AtomicReference<>();
            CompletableFuture<Integer> code = CompletableFuture.supplyAsync(() -> {
                try {
                    return TrainCommand.run(o, session::set);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            String url = await(() -> session.get() == null || session.get().runMonitor == null ? null : session.get().runMonitor.url(), Duration.ofMinutes(2), code,
                    () -> "the run monitor's address");
            assertTrue(url.startsWith("http://127.0.0.1:"), "bound to the loopback address by default: " + url);
            deadLetter(kafka.bootstrapServers());

            ChromeDriver browser = chromium();
            try {
                browser.get(url);
                JavascriptExecutor js = browser;
                // the page redraws itself: wait until it has drawn training, evaluations with routing, the learner and the dead letter
                await(() -> Boolean.TRUE.equals(js.executeScript("const o = window.monitor && monitor.last; return !!(o"
                        + " && o.training.length === 2 && o.training.every(t => t.history.length >= 2)"
                        + " && o.evaluations.length === 2 && o.evaluations.every(e => e.routing && e.points.length >= 1)"
                        + " && o.learner && o.learner.history.length >= 5 && o.deadLetters.length === 1)")) ? true : null,
                        Duration.ofMinutes(4), code, () -> "the page to draw the run (window.monitor.last: "
                                + js.executeScript("return JSON.stringify(window.monitor && monitor.last).slice(0, 600)") + ")");
                checkCharts(js);
                Path shot = Path.of("target", "monitor-page.png");
                Files.createDirectories(shot.getParent());
                Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), shot, StandardCopyOption.REPLACE_EXISTING);
                assertTrue(Files.size(shot) > 10_000, "a screenshot of the drawn page");
            } finally {
                browser.quit();
            }
            assertEquals(0, code.get(5, TimeUnit.MINUTES), "the watched run finishes as any run");

            // the monitor committed its input at the end: a new one can only have its tables from the changelogs
            String group = "d2r-monitor-" + o.runId();
            try (Admin admin = kafka.admin()) {
                TopicPartition metrics = new TopicPartition(Topics.defaults().learnerMetrics(), 0);
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get();
                long end = admin.listOffsets(Map.of(metrics, OffsetSpec.latest())).all().get().get(metrics).offset();
                assertEquals(end, committed.get(metrics).offset(), "every learner row consumed and committed");
            }
            try (RunMonitor again = RunMonitor.start(new MonitorConfig(KafkaSettings.of(kafka.bootstrapServers()), Topics.defaults(),
                    o.runId(), run.resolve("monitor"), "127.0.0.1", 0))) {
                // its stores are queryable once Kafka Streams runs; the run has ended, so nothing else is awaited
                await(() -> again.state().equals("RUNNING") ? again : null, Duration.ofMinutes(1), new CompletableFuture<>(),
                        () -> "the restarted monitor running (Kafka Streams " + again.state() + ")");
                checkTablesAgainstTheRunFolder(again.url(), run);
            }
        }
    }

    /** What the page drew is in its charts: every training and evaluation point, the learner's losses, alpha, the routing cells. */
    private static void checkCharts(JavascriptExecutor js) {
        assertEquals("{}", js.executeScript("return JSON.stringify(monitor.drawErrors)"), "every chart drew");
        @SuppressWarnings("unchecked")
        Map<String, Object> drawn = (Map<String, Object>) js.executeScript("return monitor.last");
        List<List<Number>> train = data(js, "trainSuccess");
        assertEquals(1 + TASKS.size(), train.size(), "x and one series per task");
        List<?> training = (List<?>) drawn.get("training");
        for (int t = 0; t < TASKS.size(); t++) {
            Map<?, ?> task = (Map<?, ?>) training.get(t);
            assertEquals(TASKS.get(t), task.get("taskName"));
            for (Object p : (List<?>) task.get("history")) {
                Map<?, ?> point = (Map<?, ?>) p;
                int at = indexOf(train.get(0), ((Number) point.get("transitions")).doubleValue());
                assertTrue(at >= 0, "training point at " + point.get("transitions") + " env steps is on the chart");
                assertEquals(((Number) point.get("successRate")).doubleValue(), train.get(t + 1).get(at).doubleValue(), 1e-9);
            }
        }
        List<List<Number>> eval = data(js, "evalSuccess");
        for (int t = 0; t < TASKS.size(); t++) {
            for (Object p : (List<?>) ((Map<?, ?>) ((List<?>) drawn.get("evaluations")).get(t)).get("points")) {
                Map<?, ?> point = (Map<?, ?>) p;
                int at = indexOf(eval.get(0), Math.max(0, ((Number) point.get("envStepsPerTask")).doubleValue()));
                assertTrue(at >= 0 && eval.get(t + 1).get(at) != null, "evaluation point " + point + " is on the chart");
            }
        }
        Map<?, ?> learner = (Map<?, ?>) drawn.get("learner");
        List<?> history = (List<?>) learner.get("history");
        List<List<Number>> losses = data(js, "losses");
        assertEquals(history.size(), losses.get(0).size(), "a loss point per update the page holds");
        @SuppressWarnings("unchecked")
        List<String> lossLabels = (List<String>) js.executeScript("return monitor.charts.losses.series.slice(1).map(s => s.label)");
        assertTrue(lossLabels.containsAll(List.of("policy_loss", "critic1_loss", "critic2_loss", "alpha_loss")), "losses: " + lossLabels);
        List<List<Number>> alpha = data(js, "alpha");
        assertEquals(1 + TASKS.size(), alpha.size());
        assertTrue(alpha.get(1).stream().anyMatch(v -> v != null && v.doubleValue() > 0), "alpha of task 0 drawn");
        assertTrue(data(js, "throughput").get(1).stream().anyMatch(v -> v != null && v.doubleValue() > 0), "env steps per second drawn");
        int bits = RoutingPaths.bitCount(LearnerConfig.preset("smoke").net().modules());
        assertEquals(((Number) js.executeScript("return document.querySelectorAll('#routing td.cell').length")).intValue(),
                TASKS.size() * bits, "a heat map cell per task and path bit");
        String table = (String) js.executeScript("return document.getElementById('tasks').textContent");
        assertTrue(table.contains("reach-v2") && table.contains("push-v2"), table);
        // text from a topic is text: the markup shows, no element is made of it
        assertEquals(Boolean.TRUE, js.executeScript("return document.querySelector('#xss') === null && document.title !== 'owned'"
                + " && Array.from(document.querySelectorAll('#dead-letters td')).some(td => td.textContent === arguments[0])", MARKUP));
    }

    @SuppressWarnings("unchecked")
    private static List<List<Number>> data(JavascriptExecutor js, String chart) {
        return (List<List<Number>>) js.executeScript("return monitor.charts['" + chart + "'].data");
    }

    private static int indexOf(List<Number> xs, double x) {
        for (int i = 0; i < xs.size(); i++) if (xs.get(i) != null && Math.abs(xs.get(i).doubleValue() - x) < 1e-9) return i;
        return -1;
    }

    /** The restored tables say what the run folder says: the learner's last row, and each task's evaluations. */
    private static void checkTablesAgainstTheRunFolder(String url, Path run) throws Exception {
        List<String> metrics = Files.readAllLines(run.resolve("metrics.csv"));
        List<String> header = List.of(metrics.get(0).split(","));
        String[] last = metrics.get(metrics.size() - 1).split(",");
        JsonNode learner = get(url + "api/stores/learner/learner");
        assertEquals(Long.parseLong(last[0]), learner.get("update").asLong(), "the learner's last update");
        assertEquals(Long.parseLong(last[1]), learner.get("batchSequence").asLong());
        JsonNode newest = learner.get("history").get(learner.get("history").size() - 1);
        List<String> names = JSON.convertValue(learner.get("figureNames"), List.class);
        int policy = names.indexOf("policy_loss");
        assertEquals(Double.parseDouble(last[header.indexOf("policy_loss")]), newest.get("figures").get(policy).asDouble(),
                Math.abs(Double.parseDouble(last[header.indexOf("policy_loss")])) * 1e-4);
        Map<String, Set<String>> evaluations = new HashMap<>();
        for (String row : Files.readAllLines(run.resolve(EvalCsv.FILE)).subList(1, Files.readAllLines(run.resolve(EvalCsv.FILE)).size())) {
            String[] f = row.split(",");
            evaluations.computeIfAbsent(f[3], k -> new TreeSet<>()).add(f[0] + "/" + f[6]);
        }
        JsonNode stored = get(url + "api/stores/evaluations");
        for (int t = 0; t < TASKS.size(); t++) {
            JsonNode task = stored.get(Integer.toString(t));
            assertEquals(TASKS.get(t), task.get("taskName").asText());
            assertEquals(evaluations.get(TASKS.get(t)).size(), task.get("points").size(), "each evaluation of " + TASKS.get(t));
            JsonNode tasks = get(url + "api/stores/tasks/" + t);
            assertTrue(tasks.get("transitions").asLong() > 0 && tasks.get("transitions").asLong() <= 600
                    && tasks.get("lastSnapshotVersion").asLong() >= 0, "acted with a policy after the warm-up: " + tasks);
        }
        JsonNode overview = get(url + "api/overview");
        assertFalse(overview.get("table").isEmpty());
        assertEquals(1, overview.get("deadLetters").get(0).get("count").asLong(), "the dead letter, counted once across the restart");
    }

    private static JsonNode get(String url) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), url + ": " + r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), url);
        return JSON.readTree(r.body());
    }

    private static void deadLetter(String bootstrap) throws Exception {
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            DeadLetter d = DeadLetter.newBuilder().setSourceTopic("transitions").setPartition(0).setOffset(1).setReason(MARKUP)
                    .setStage("test").setFailedAtMs(System.currentTimeMillis()).build();
            p.send(new ProducerRecord<>(Topics.defaults().deadLetters(), AvroCodec.forType(DeadLetter.class).encode(d))).get();
        }
    }

    private static ChromeDriver chromium() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // as root in a container: no sandbox; no GPU; a window tall enough for the whole page in the screenshot
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,2600");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /** Polls {@code what} until it is not null; fails naming {@code awaited} when the time is up or the run ended first. */
    private static <T> T await(Supplier<T> what, Duration limit, CompletableFuture<Integer> run, Supplier<String> awaited)
            throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            T v = what.get();
            if (v != null) return v;
            if (run.isDone()) throw new AssertionError("the run ended (exit " + run.getNow(-1) + ") before " + awaited.get());
            Thread.sleep(250);
        }
        throw new AssertionError("no " + awaited.get() + " within " + limit);
    }
}
