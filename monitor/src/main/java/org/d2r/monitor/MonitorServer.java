package org.d2r.monitor;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

/**
 * The monitor's HTTP side, on the JDK's own server: the stores read-only as JSON ({@code /api/stores},
 * {@code /api/stores/NAME}, {@code /api/stores/NAME/KEY}), the page's combined view ({@code /api/overview}), the page
 * itself and the chart library, which comes from its WebJar on the classpath (nothing is fetched from elsewhere: the
 * page works on an air-gapped cluster). Only GET and HEAD; the page may run only its own scripts (a Content Security
 * Policy without inline scripts), and writes text from the topics as text, never as markup.
 */
final class MonitorServer {

    private static final String WEB = "/org/d2r/monitor/web/";
    private static final String UPLOT = "/META-INF/resources/webjars/uplot/" + webJarVersion("uplot") + "/dist/";
    private static final Map<String, String> FILES = Map.of("/", WEB + "index.html", "/index.html", WEB + "index.html",
            "/monitor.js", WEB + "monitor.js", "/monitor.css", WEB + "monitor.css",
            "/vendor/uPlot.iife.min.js", UPLOT + "uPlot.iife.min.js", "/vendor/uPlot.min.css", UPLOT + "uPlot.min.css");
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "json", "application/json");

    private final RunMonitor monitor;
    private final HttpServer http;
    private final ExecutorService threads;

    MonitorServer(RunMonitor monitor, String bind, int port) throws IOException {
        this.monitor = monitor;
        this.http = HttpServer.create(new InetSocketAddress(bind, port), 16);
        this.threads = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, monitor.config().applicationId() + "-http");
            t.setDaemon(true);
            return t;
        });
        http.setExecutor(threads);
        http.createContext("/", this::handle);
    }

    void start() {
        http.start();
    }

    int port() {
        return http.getAddress().getPort();
    }

    void stop() {
        http.stop(0);
        threads.shutdown();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            String method = x.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                x.getResponseHeaders().set("Allow", "GET, HEAD");
                error(x, 405, "the monitor is read-only: GET or HEAD");
                return;
            }
            String path = x.getRequestURI().getPath();
            if (path.startsWith("/api/")) {
                api(x, path.substring("/api/".length()));
            } else if (FILES.containsKey(path)) {
                resource(x, FILES.get(path));
            } else {
                error(x, 404, "no page " + path + ": the monitor serves / and /api/stores");
            }
        } catch (RuntimeException e) {
            error(x, 500, e.toString());
        }
    }

    private void api(HttpExchange x, String rest) throws IOException {
        String[] parts = rest.split("/", 3);
        try {
            if (parts[0].equals("overview") && parts.length == 1) {
                json(x, 200, monitor.overview());
            } else if (parts[0].equals("stores") && parts.length == 1) {
                json(x, 200, Map.of("runId", monitor.config().runId(), "state", monitor.state(), "stores", MonitorTopology.STORES));
            } else if (parts[0].equals("stores") && MonitorTopology.STORES.contains(parts[1])) {
                Map<String, Object> entries = monitor.entries(parts[1]);
                if (parts.length == 2) {
                    json(x, 200, entries);
                } else if (entries.containsKey(parts[2])) {
                    json(x, 200, entries.get(parts[2]));
                } else {
                    error(x, 404, "store " + parts[1] + " has no key " + parts[2] + "; its keys: " + entries.keySet());
                }
            } else {
                error(x, 404, "no such resource /api/" + rest + ": try /api/stores, /api/stores/NAME (" + String.join(", ",
                        MonitorTopology.STORES) + "), /api/stores/NAME/KEY or /api/overview");
            }
        } catch (InvalidStateStoreException e) {
            // restoring from the changelogs, or rebalancing: the page retries
            x.getResponseHeaders().set("Retry-After", "2");
            error(x, 503, "the monitor's stores are not ready (Kafka Streams is " + monitor.state() + "): retry shortly");
        }
    }

    private static void json(HttpExchange x, int status, Object body) throws IOException {
        send(x, status, "json", MonitorTopology.JSON.writeValueAsBytes(body));
    }

    private static void error(HttpExchange x, int status, String message) throws IOException {
        json(x, status, Map.of("error", message));
    }

    private static void resource(HttpExchange x, String name) throws IOException {
        try (InputStream in = MonitorServer.class.getResourceAsStream(name)) {
            if (in == null) {
                error(x, 404, "missing resource " + name + " (a broken build?)");
                return;
            }
            send(x, 200, name.substring(name.lastIndexOf('.') + 1), in.readAllBytes());
        }
    }

    private static void send(HttpExchange x, int status, String kind, byte[] body) throws IOException {
        x.getResponseHeaders().set("Content-Type", TYPES.getOrDefault(kind, "application/octet-stream"));
        x.getResponseHeaders().set("Cache-Control", "no-store");
        x.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        x.getResponseHeaders().set("Content-Security-Policy",
                "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'");
        boolean head = x.getRequestMethod().equals("HEAD");
        x.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = x.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** The version of a WebJar on the classpath, from its Maven metadata: the page's library follows the POM. */
    static String webJarVersion(String artifact) {
        String meta = "/META-INF/maven/org.webjars.npm/" + artifact + "/pom.properties";
        try (InputStream in = MonitorServer.class.getResourceAsStream(meta)) {
            if (in == null) throw new IllegalStateException("the " + artifact + " WebJar is not on the classpath (" + meta + ")");
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
