package org.d2r.metaworld;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's fetch of Meta-World's assets, against a local HTTP server that serves an archive laid out as
 * GitHub's {@code archive/<commit>.tar.gz} is, built from the shared copy of the assets (GitHub itself may not be
 * reachable where the tests run).
 */
class AssetsArchiveTest {

    private static final String TOP = "Metaworld-" + Assets.COMMIT + "/";

    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    @AfterEach
    void stop() {
        if (server != null) server.stop(0);
    }

    /** Serves {@code body} at /archive.tar.gz (with its Content-Length), 404 elsewhere; returns the base URL. */
    private String serve(byte[] body) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            boolean found = exchange.getRequestURI().getPath().equals("/archive.tar.gz");
            exchange.sendResponseHeaders(found ? 200 : 404, found ? body.length : -1);
            try (OutputStream out = exchange.getResponseBody()) {
                if (found) out.write(body);
            }
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A tar.gz of the given entries (name -> content; a name ending in / is a folder). */
    private static byte[] tarGz(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(e.getKey());
                entry.setSize(e.getKey().endsWith("/") ? 0 : e.getValue().length);
                tar.putArchiveEntry(entry);
                if (!e.getKey().endsWith("/")) tar.write(e.getValue());
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** Meta-World's archive as GitHub serves it, with the shared assets in it, plus a file outside them. */
    private static byte[] metaWorldArchive(Path assets) throws IOException {
        Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
        entries.put(TOP, new byte[0]);
        entries.put(TOP + "LICENSE", "MIT License".getBytes(StandardCharsets.UTF_8));
        entries.put(TOP + "metaworld/envs/mujoco/sawyer_xyz/v2/sawyer_reach_v2.py", "# not an asset".getBytes(StandardCharsets.UTF_8));
        try (Stream<Path> files = Files.walk(assets)) {
            for (Path p : (Iterable<Path>) files.sorted()::iterator) {
                String rel = assets.relativize(p).toString().replace('\\', '/');
                String name = TOP + "metaworld/envs/assets_v2/" + rel;
                if (Files.isDirectory(p)) {
                    entries.put(name.endsWith("/") ? name : name + "/", new byte[0]);
                } else {
                    entries.put(name, Files.readAllBytes(p));
                }
            }
        }
        return tarGz(entries);
    }

    private static Path sharedAssets() {
        return Assets.root(null); // the copy the other tests read (shared/metaworld-v2/assets or METAWORLD_ASSETS)
    }

    @Test
    void fetchesTheArchiveIntoTheCacheOnceAndTheEnvironmentsRunFromIt(@TempDir Path tmp) throws IOException {
        Path shared = sharedAssets();
        String base = serve(metaWorldArchive(shared));
        Path cache = tmp.resolve("cache/d2r/metaworld-" + Assets.COMMIT);
        Path work = Files.createDirectories(tmp.resolve("work")); // no shared/ beside it

        Path fetched = Assets.resolve(null, null, work, cache, base + "/archive.tar.gz");

        assertEquals(cache.resolve("assets"), fetched);
        assertEquals(1, requests.get());
        Path scene = Path.of("sawyer_xyz", "sawyer_reach_v2.xml");
        assertArrayEquals(Files.readAllBytes(shared.resolve(scene)), Files.readAllBytes(fetched.resolve(scene)));
        assertEquals("MIT License", Files.readString(cache.resolve("LICENSE")));
        assertFalse(Files.exists(fetched.resolve("../metaworld")), "only the assets and the licence are unpacked");
        try (Stream<Path> beside = Files.list(cache.getParent())) {
            assertEquals(List.of(cache), beside.toList(), "no .part- folder is left beside the cache");
        }
        // the environments built from the fetched copy are the ones built from the shared copy
        try (MetaWorldEnv fromCache = MetaWorld.make("reach-v2",
                     new EnvConfig(500, GoalMode.RAND, 0, 0, false, fetched));
             MetaWorldEnv fromShared = MetaWorld.make("reach-v2",
                     new EnvConfig(500, GoalMode.RAND, 0, 0, false, shared))) {
            assertArrayEquals(fromShared.reset(), fromCache.reset());
            double[] action = {0.5, -0.2, 0.1, 0.0};
            assertArrayEquals(fromShared.step(action).obs(), fromCache.step(action).obs());
        }
        // from then on the cache is used: no second download, and the lookup without fetching finds it too
        assertEquals(fetched, Assets.resolve(null, null, work, cache, base + "/archive.tar.gz"));
        assertEquals(1, requests.get());
        assertEquals(fetched, Assets.resolve(null, null, work, cache, null));
    }

    @Test
    void showsProgressAgainstTheLengthTheServerGives(@TempDir Path tmp) throws IOException {
        byte[] archive = tarGz(Map.of(TOP + "metaworld/envs/assets_v2/sawyer_xyz/a.xml", new byte[3 << 20]));
        String base = serve(archive);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        AssetsArchive.fetch(base + "/archive.tar.gz", tmp.resolve("c"),
                new PrintStream(log, true, StandardCharsets.UTF_8), System.getenv());
        String out = log.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("fetching commit 04be337a from " + base + "/archive.tar.gz"), out);
        assertTrue(out.contains(String.format(java.util.Locale.ROOT, "of %.1f MB (100%%)", archive.length / (double) (1 << 20))), out);
        assertTrue(out.contains("used from now on"), out);
    }

    @Test
    void theProxyOfTheEnvironmentIsTakenAsCurlTakesIt(@TempDir Path tmp) throws IOException {
        byte[] archive = tarGz(Map.of(TOP + "metaworld/envs/assets_v2/sawyer_xyz/a.xml", new byte[] {1}));
        String proxy = serve(archive); // answers whatever host the request names, as a proxy does
        // a host that does not resolve: only through the proxy can the archive come
        Path got = AssetsArchive.fetch("http://assets.invalid/archive.tar.gz", tmp.resolve("c"),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), Map.of("http_proxy", proxy));
        assertTrue(java.nio.file.Files.exists(got.resolve("sawyer_xyz/a.xml")));
        assertEquals(1, requests.get());

        java.net.URI github = java.net.URI.create("https://github.com/x.tar.gz");
        java.net.Proxy via = AssetsArchive.proxyFor(github, Map.of("HTTPS_PROXY", "proxy.corp:3128")).select(github).get(0);
        assertEquals("proxy.corp:3128", via.address().toString().replace("/<unresolved>", ""));
        for (String noProxy : java.util.List.of("github.com", ".github.com", "localhost, GitHub.com", "*")) {
            assertEquals(java.net.ProxySelector.getDefault(), AssetsArchive.proxyFor(github, Map.of("https_proxy", "proxy.corp:3128",
                    "no_proxy", noProxy)), noProxy);
        }
        assertEquals(java.net.ProxySelector.getDefault(), AssetsArchive.proxyFor(github, Map.of("http_proxy", "p:1")),
                "an http proxy is not an https one");
        assertEquals(java.net.ProxySelector.getDefault(), AssetsArchive.proxyFor(java.net.URI.create(proxy + "/a.tar.gz"),
                Map.of("http_proxy", "p:1")), "this machine's loopback never goes through a proxy");
    }

    @Test
    void aFileUrlIsTheManualAlternative(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("metaworld.tar.gz");
        Files.write(file, tarGz(Map.of(TOP + "metaworld/envs/assets_v2/sawyer_xyz/x.xml", "<mujoco/>".getBytes(StandardCharsets.UTF_8))));
        Path cache = tmp.resolve("cache");
        Path fetched = Assets.resolve(null, null, tmp, cache, file.toUri().toString());
        assertEquals("<mujoco/>", Files.readString(fetched.resolve("sawyer_xyz/x.xml")));
    }

    @Test
    void anUnreachableServerIsOneLineWithTheManualAlternatives(@TempDir Path tmp) throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Path cache = tmp.resolve("cache/metaworld");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Assets.resolve(null, null, tmp, cache, "http://127.0.0.1:" + closedPort + "/archive.tar.gz"));
        String m = e.getMessage();
        assertFalse(m.contains("\n"), m);
        assertTrue(m.startsWith("cannot reach 127.0.0.1 to fetch Meta-World's assets (the connection was refused;"), m);
        assertTrue(m.contains("set METAWORLD_ASSETS to an assets_v2 folder"), m);
        assertTrue(m.contains("shared/metaworld-v2/assets"), m);
        assertTrue(m.contains(Assets.DEFAULT_URL) && m.contains("D2R_METAWORLD_URL=file://"), m);
        assertFalse(Files.exists(cache), "nothing is left that a later lookup would take for assets");
    }

    @Test
    void anHttpErrorIsNamed(@TempDir Path tmp) throws IOException {
        String base = serve(new byte[0]);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Assets.resolve(null, null, tmp, tmp.resolve("cache"), base + "/elsewhere.tar.gz"));
        assertTrue(e.getMessage().contains("failed: HTTP 404"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("cache")));
    }

    @Test
    void anArchiveWithoutTheAssetsIsRefusedAndLeavesNoCache(@TempDir Path tmp) throws IOException {
        String base = serve(tarGz(Map.of(TOP + "README.md", "not the assets".getBytes(StandardCharsets.UTF_8))));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Assets.resolve(null, null, tmp, tmp.resolve("cache"), base + "/archive.tar.gz"));
        assertTrue(e.getMessage().contains("holds no metaworld/envs/assets_v2/sawyer_xyz/"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("cache")));
        try (Stream<Path> left = Files.list(tmp)) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().contains(".part-")), "the partial folder is removed");
        }
    }

    @Test
    void aFetchThatLosesTheRaceToAnotherProcessKeepsTheirs(@TempDir Path tmp) throws IOException {
        Path cache = tmp.resolve("cache");
        Files.createDirectories(cache.resolve("assets/sawyer_xyz"));
        Files.writeString(cache.resolve("assets/sawyer_xyz/x.xml"), "theirs");
        String base = serve(tarGz(Map.of(TOP + "metaworld/envs/assets_v2/sawyer_xyz/x.xml", "mine".getBytes(StandardCharsets.UTF_8))));
        Path got = AssetsArchive.fetch(base + "/archive.tar.gz", cache,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), System.getenv());
        assertEquals(cache.resolve("assets"), got);
        assertEquals("theirs", Files.readString(got.resolve("sawyer_xyz/x.xml")));
        try (Stream<Path> beside = Files.list(tmp)) {
            assertEquals(List.of(cache), beside.toList(), "our copy is removed");
        }
    }

    @Test
    void aCacheFolderWithoutAssetsIsNamedNotTakenForAssets(@TempDir Path tmp) throws IOException {
        Path cache = Files.createDirectories(tmp.resolve("cache"));
        Files.writeString(cache.resolve("stray.txt"), "not assets");
        String base = serve(tarGz(Map.of(TOP + "metaworld/envs/assets_v2/sawyer_xyz/x.xml", new byte[] {1})));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Assets.resolve(null, null, tmp, cache, base + "/archive.tar.gz"));
        assertTrue(e.getMessage().contains(cache + " exists but holds no assets/sawyer_xyz/; remove it and run again"), e.getMessage());
    }

    @Test
    void anEntryThatClimbsOutOfTheCacheIsRefused(@TempDir Path tmp) throws IOException {
        String base = serve(tarGz(Map.of(TOP + "metaworld/envs/assets_v2/../../../../../escaped.txt", new byte[] {1})));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Assets.resolve(null, null, tmp, tmp.resolve("d/cache"), base + "/archive.tar.gz"));
        assertTrue(e.getMessage().contains("points outside"), e.getMessage());
        try (Stream<Path> all = Files.walk(tmp)) {
            assertTrue(all.noneMatch(p -> p.getFileName().toString().equals("escaped.txt")));
        }
    }
}
