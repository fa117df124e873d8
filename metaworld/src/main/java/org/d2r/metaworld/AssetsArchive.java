package org.d2r.metaworld;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.io.FileUtils;
import org.apache.commons.io.input.ProxyInputStream;

/**
 * Meta-World's source archive (GitHub's {@code archive/<commit>.tar.gz}) unpacked into the user cache: only
 * {@code metaworld/envs/assets_v2/} (as {@code assets/}) and the MIT {@code LICENSE}, streamed from the download
 * without keeping the archive. The folder appears whole or not at all (unpacked beside it, then renamed), so an
 * interrupted fetch leaves nothing a later lookup would take for assets.
 */
final class AssetsArchive {

    private static final String ASSETS_IN_ARCHIVE = "metaworld/envs/assets_v2/";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);
    private static final long MB = 1L << 20;

    private AssetsArchive() {}

    /** The assets folder inside a cache folder this class filled. */
    static Path assetsIn(Path cache) {
        return cache.resolve("assets");
    }

    /**
     * Downloads {@code url} ({@code http(s):} or {@code file:}, through the proxy {@code env} names: {@link #proxyFor})
     * and unpacks its assets into {@code cache}; returns the assets folder.
     */
    static Path fetch(String url, Path cache, PrintStream log, Map<String, String> env) {
        log.println("d2r: Meta-World's scene assets were not found (METAWORLD_ASSETS, shared/metaworld-v2/assets, " + cache
                + "); fetching commit " + Assets.COMMIT.substring(0, 8) + " from " + url + " ...");
        Path part = null;
        try {
            Files.createDirectories(cache.getParent());
            part = Files.createTempDirectory(cache.getParent(), cache.getFileName() + ".part-");
            try (Progress in = open(url, log, env)) {
                unpack(in, part);
                in.done();
            }
            if (!Files.isDirectory(assetsIn(part).resolve("sawyer_xyz"))) {
                throw new IllegalStateException("the archive at " + url + " holds no " + ASSETS_IN_ARCHIVE
                        + "sawyer_xyz/ (is it Meta-World's source archive?). " + alternatives());
            }
            try {
                Files.move(part, cache, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                // the folder is there already (rename(2) says ENOTEMPTY, which Java does not map to
                // DirectoryNotEmptyException): another process fetched them meanwhile, and theirs are as good
                if (!Files.isDirectory(assetsIn(cache).resolve("sawyer_xyz"))) {
                    throw new IllegalStateException("the cache folder " + cache + " exists but holds no assets/sawyer_xyz/;"
                            + " remove it and run again", e);
                }
            }
            log.println("d2r: Meta-World's assets are in " + assetsIn(cache) + " (used from now on)");
            return assetsIn(cache);
        } catch (IOException e) {
            throw new IllegalStateException("fetching Meta-World's assets from " + url + " into " + cache + " failed: "
                    + oneLine(e) + ". " + alternatives(), e);
        } finally {
            if (part != null) {
                // a leftover .part- folder is never read as assets
                FileUtils.deleteQuietly(part.toFile());
            }
        }
    }

    private static String alternatives() {
        return "Alternatives: set " + Assets.ENV_VAR + " to an assets_v2 folder (Meta-World's metaworld/envs/assets_v2 at "
                + Assets.COMMIT.substring(0, 8) + "), place it at shared/metaworld-v2/assets beside the repository, or download "
                + Assets.DEFAULT_URL + " where the network allows and run with " + Assets.URL_ENV_VAR + "=file:///path/to/it.tar.gz";
    }

    /** The first message along the causes (the HTTP client's ConnectException often has none), on one line. */
    private static String oneLine(Throwable e) {
        Throwable t = e;
        while (t.getMessage() == null && t.getCause() != null) {
            t = t.getCause();
        }
        String m = t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
        return m.replaceAll("\\s+", " ").strip();
    }

    /**
     * The proxy curl and wget would take: {@code https_proxy} or {@code http_proxy} (either case) for the URL's scheme,
     * unless {@code no_proxy} names its host; otherwise the JDK's own ({@code -Dhttps.proxyHost=...}, in D2R_OPTS). The
     * JDK's HTTP client reads only the latter, while a user behind a proxy has set the former. Null: the JDK has none.
     */
    static ProxySelector proxyFor(URI uri, Map<String, String> env) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        String value = firstSet(env, scheme + "_proxy", scheme.toUpperCase(Locale.ROOT) + "_PROXY");
        if (value == null || bypassed(uri.getHost(), firstSet(env, "no_proxy", "NO_PROXY"))) return ProxySelector.getDefault();
        URI p = URI.create(value.contains("://") ? value : "http://" + value);
        if (p.getHost() == null) {
            throw new IllegalStateException("the " + scheme + "_proxy setting '" + value + "' names no host; give it as"
                    + " http://HOST:PORT");
        }
        int port = p.getPort() != -1 ? p.getPort() : "https".equalsIgnoreCase(p.getScheme()) ? 443 : 80;
        return ProxySelector.of(InetSocketAddress.createUnresolved(p.getHost(), port));
    }

    private static String firstSet(Map<String, String> env, String... names) {
        for (String n : names) {
            String v = env.get(n);
            if (v != null && !v.isBlank()) return v.strip();
        }
        return null;
    }

    /**
     * no_proxy as curl reads it: a comma list of host names or suffixes ({@code .example.org}), {@code *} for every host.
     * This machine's loopback is never sent to a proxy, which could not reach it.
     */
    private static boolean bypassed(String host, String noProxy) {
        if (host == null) return false;
        String h = host.toLowerCase(Locale.ROOT);
        if (h.equals("localhost") || h.startsWith("127.") || h.equals("[::1]")) return true;
        if (noProxy == null) return false;
        for (String entry : noProxy.split(",")) {
            String e = entry.strip().toLowerCase(Locale.ROOT);
            if (e.startsWith(".")) e = e.substring(1);
            if (e.equals("*") || !e.isEmpty() && (h.equals(e) || h.endsWith("." + e))) return true;
        }
        return false;
    }

    private static Progress open(String url, PrintStream log, Map<String, String> env) throws IOException {
        URI uri = URI.create(url);
        if ("file".equalsIgnoreCase(uri.getScheme())) {
            Path file = Paths.get(uri);
            long size = Files.size(file);
            return new Progress(Files.newInputStream(file), size, log);
        }
        HttpClient.Builder builder = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(CONNECT_TIMEOUT);
        ProxySelector proxy = proxyFor(uri, env);
        if (proxy != null) builder.proxy(proxy);
        HttpClient client = builder.build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (ConnectException | HttpConnectTimeoutException | UnknownHostException e) {
            boolean unresolved = false;
            for (Throwable t = e; t != null; t = t.getCause()) {
                unresolved |= t instanceof UnresolvedAddressException;
            }
            // the HTTP client's refused connection is a ConnectException without a message
            String why = unresolved ? "the name does not resolve"
                    : e instanceof ConnectException && e.getMessage() == null ? "the connection was refused" : oneLine(e);
            throw new IllegalStateException("cannot reach " + uri.getHost() + " to fetch Meta-World's assets (" + why
                    + "; no network, or a proxy in the way?). " + alternatives(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fetching Meta-World's assets from " + url, e);
        }
        if (response.statusCode() != 200) {
            response.body().close();
            throw new IllegalStateException("fetching Meta-World's assets from " + url + " failed: HTTP " + response.statusCode()
                    + ". " + alternatives());
        }
        return new Progress(response.body(), response.headers().firstValueAsLong("Content-Length").orElse(-1), log);
    }

    /** Unpacks the assets and the licence, refusing any entry that would land outside {@code into}. */
    private static void unpack(InputStream archive, Path into) throws IOException {
        Path assets = assetsIn(into);
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(archive))) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                String name = e.getName();
                // GitHub's archives hold one top folder, <repo>-<commit>/
                String inRepo = name.indexOf('/') < 0 ? "" : name.substring(name.indexOf('/') + 1);
                Path target;
                if (inRepo.startsWith(ASSETS_IN_ARCHIVE) && inRepo.length() > ASSETS_IN_ARCHIVE.length()) {
                    target = assets.resolve(inRepo.substring(ASSETS_IN_ARCHIVE.length())).normalize();
                } else if (inRepo.equals("LICENSE")) {
                    target = into.resolve("LICENSE");
                } else {
                    continue;
                }
                if (!target.startsWith(into)) {
                    throw new IOException("the archive entry " + name + " points outside the folder it is unpacked into");
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else if (e.isFile()) {
                    Files.createDirectories(target.getParent());
                    Files.copy(tar, target);
                }
                // links and devices: Meta-World's assets have none, and none is followed
            }
        }
    }

    /**
     * The response body (or file), counting the bytes read against its length when known, shown as one updating line on
     * a terminal and a line per 10 MB in a log.
     */
    private static final class Progress extends ProxyInputStream {
        private final long total;
        private final PrintStream log;
        private final boolean terminal = System.console() != null;
        private long read;
        private long shownMb = -1;

        Progress(InputStream in, long total, PrintStream log) {
            super(in);
            this.total = total;
            this.log = log;
        }

        @Override
        protected void afterRead(int n) {
            read += Math.max(n, 0);
            long mb = read / MB;
            if (n > 0 && mb != shownMb && (terminal || (mb > 0 && mb % 10 == 0))) {
                shownMb = mb;
                show();
            }
        }

        void done() {
            show();
            if (terminal) {
                log.println();
            }
        }

        private void show() {
            String of = total > 0 ? String.format(Locale.ROOT, " of %.1f MB (%d%%)", total / (double) MB, 100 * read / total) : "";
            String line = String.format(Locale.ROOT, "d2r: fetched %.1f MB%s", read / (double) MB, of);
            if (terminal) {
                log.print("\r" + line); // one line that counts up
                log.flush();
            } else {
                log.println(line);
            }
        }
    }
}
