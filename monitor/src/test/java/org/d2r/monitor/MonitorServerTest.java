package org.d2r.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.d2r.schemas.Topics;
import org.d2r.schemas.kafka.KafkaSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monitor's HTTP side without a broker (Kafka Streams cannot reach one here, so its stores never become ready):
 * the page and the chart library from the classpath, read-only answers, JSON errors that say what to do, and a page
 * that runs only its own scripts and writes no markup from data.
 */
class MonitorServerTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static HttpResponse<String> call(String method, String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = MonitorServer.class.getResourceAsStream("/org/d2r/monitor/web/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void servesThePageTheLibraryAndTheStoresReadOnlyOnLoopback(@TempDir Path dir) throws Exception {
        // nothing listens on port 9: the application retries in the background while the server answers
        MonitorConfig c = new MonitorConfig(KafkaSettings.of("127.0.0.1:9"), Topics.defaults(), "run 1", dir, MonitorConfig.DEFAULT_BIND, 0);
        try (RunMonitor m = RunMonitor.start(c)) {
            String url = m.url();
            assertTrue(url.matches("http://127\\.0\\.0\\.1:\\d+/"), url);

            HttpResponse<String> page = call("GET", url);
            assertEquals(200, page.statusCode());
            assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
            String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
            assertTrue(csp.contains("script-src 'self'") && !csp.contains("script-src 'self' 'unsafe-inline'"), csp);
            Matcher scripts = Pattern.compile("<script([^>]*)>").matcher(page.body());
            int count = 0;
            while (scripts.find()) {
                count++;
                assertTrue(scripts.group(1).contains("src="), "no inline script (the policy would refuse it): " + scripts.group());
            }
            assertEquals(2, count, "uPlot and monitor.js");
            assertFalse(page.body().contains("http://") || page.body().contains("https://"), "nothing from elsewhere");

            HttpResponse<String> lib = call("GET", url + "vendor/uPlot.iife.min.js");
            assertEquals(200, lib.statusCode(), "the WebJar's uPlot");
            assertTrue(lib.body().contains("uPlot") && lib.headers().firstValue("Content-Type").orElse("").startsWith("text/javascript"));
            assertEquals(200, call("GET", url + "vendor/uPlot.min.css").statusCode());
            assertEquals(200, call("GET", url + "monitor.js").statusCode());
            assertEquals(200, call("HEAD", url + "monitor.css").statusCode());

            HttpResponse<String> stores = call("GET", url + "api/stores");
            assertEquals(200, stores.statusCode());
            assertTrue(stores.body().contains("\"run 1\"") && stores.body().contains("\"learner\""), stores.body());
            HttpResponse<String> notYet = call("GET", url + "api/stores/tasks");
            assertEquals(503, notYet.statusCode(), "the stores are not ready without a broker: " + notYet.body());
            assertTrue(notYet.body().contains("retry") && notYet.headers().firstValue("Retry-After").isPresent(), notYet.body());
            HttpResponse<String> unknown = call("GET", url + "api/stores/secrets");
            assertEquals(404, unknown.statusCode());
            assertTrue(unknown.body().contains("/api/stores/NAME") && unknown.body().contains("evaluations"), unknown.body());
            assertEquals(404, call("GET", url + "../../etc/passwd").statusCode());
            HttpResponse<String> post = call("POST", url + "api/stores/tasks");
            assertEquals(405, post.statusCode(), "read-only");
            assertEquals("GET, HEAD", post.headers().firstValue("Allow").orElse(""));
        }
    }

    @Test
    void thePageWritesTextFromTheTopicsAsTextOnly() throws Exception {
        String js = resource("monitor.js");
        // task names, dead letters' reasons: DOM text only, never parsed as markup
        for (String sink : new String[] {"innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("}) {
            assertFalse(js.contains(sink), "monitor.js uses " + sink);
        }
        assertTrue(js.contains("textContent"));
    }

    @Test
    void aBadPortOrAMissingRunIdIsRefusedNamingTheFix(@TempDir Path dir) {
        IllegalArgumentException port = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new MonitorConfig(KafkaSettings.of("h:1"), Topics.defaults(), "r", dir, "127.0.0.1", 70_000));
        assertTrue(port.getMessage().contains("--port 70000") && port.getMessage().contains("0 for a free one"), port.getMessage());
        IllegalArgumentException run = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new MonitorConfig(KafkaSettings.of("h:1"), Topics.defaults(), " ", dir, "127.0.0.1", 0));
        assertTrue(run.getMessage().contains("--run-id"), run.getMessage());
        IllegalStateException nobody = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> MonitorCommand.requireTopics(new MonitorConfig(KafkaSettings.of("127.0.0.1:9"), Topics.defaults(), "r", dir,
                        "127.0.0.1", 0)));
        assertTrue(nobody.getMessage().contains("127.0.0.1:9") && nobody.getMessage().contains("--bootstrap-servers"),
                nobody.getMessage());
    }
}
