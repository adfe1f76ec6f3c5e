package dev.jrun.remote;

import dev.jrun.ExitCode;
import dev.jrun.Hashing;
import dev.jrun.JrunException;
import dev.jrun.cache.CacheRoot;
import dev.jrun.script.Directive;
import dev.jrun.script.DirectiveParser;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;

/**
 * Scripts fetched from URLs, kept under the (private) cache root:
 * <pre>
 *   ROOT/urls/HASH/NAME.java   the script (HASH: of its URL), its relative //SOURCES and //FILES beside it
 *   ROOT/urls/HASH/.meta       url, ETag, Last-Modified, and when it was last checked (epoch ms)
 * </pre>
 * A copy checked less than the interval ago is used without a network call; after it, it is
 * revalidated (If-None-Match / If-Modified-Since). Offline, or with the server gone, a copy is used.
 */
public final class UrlCache {
    /** How long a fetched script is used without asking its server again, unless JRUN_URL_CHECK_SECONDS says. */
    public static final Duration INTERVAL = Duration.ofHours(1);
    private static final int MAX_REDIRECTS = 5;

    private final Path urls;
    private final Map<String, String> env;
    private final Predicate<String> trusted;
    private final PrintStream err;
    private final Instant now;

    /** {@code trusted} decides, for each URL fetched (after redirects), whether it may be. */
    public UrlCache(Path root, Map<String, String> env, Predicate<String> trusted, PrintStream err, Instant now) {
        this.urls = CacheRoot.open(root).path().resolve("urls");
        this.env = env;
        this.trusted = trusted;
        this.err = err;
        this.now = now;
    }

    Duration interval() {
        String s = env.get("JRUN_URL_CHECK_SECONDS");
        try {
            return s == null || s.isBlank() ? INTERVAL : Duration.ofSeconds(Long.parseLong(s.strip()));
        } catch (NumberFormatException e) {
            throw new JrunException(ExitCode.USAGE, "JRUN_URL_CHECK_SECONDS=" + s + " is not a number of seconds; fix it");
        }
    }

    /** The local file of the script at {@code url} (already rewritten to raw), fetched if need be. */
    public Path script(String url, boolean offline, boolean fresh) throws IOException {
        RemoteUrl.check(url, env);
        Path dir = urls.resolve(Hashing.of(url).substring(0, 32));
        String name = fileName(url);
        Path file = dir.resolve(name);
        boolean fetched = get(url, dir, file, offline, fresh);
        if (fetched) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            for (Directive d : DirectiveParser.parse(text.lines().toList(), url)) {
                if (d.name().equals("SOURCES") || d.name().equals("FILES")) {
                    for (String word : d.words()) {
                        String rel = d.name().equals("FILES") && word.contains("=") ? word.substring(word.indexOf('=') + 1) : word;
                        if (rel.contains("*") || rel.startsWith("/") || rel.contains("://")) {
                            continue; // globs and absolute paths are not fetched: only files named relative to the script
                        }
                        Path local = dir.resolve(rel).normalize();
                        if (!local.startsWith(dir)) {
                            throw d.error(rel + " is outside the script's directory; a remote script may name only files beside or below it");
                        }
                        String u = URI.create(url).resolve(rel).toString();
                        RemoteUrl.check(u, env);
                        Files.createDirectories(local.getParent());
                        get(u, local.getParent(), local, offline, fresh);
                    }
                }
            }
        }
        return file;
    }

    /**
     * The local copy of a data file at {@code url} (a catalog), fetched or revalidated as a
     * script is, kept as {@code name}; nothing beside it is fetched.
     */
    public Path file(String url, String name, boolean offline, boolean fresh) throws IOException {
        RemoteUrl.check(url, env);
        Path dir = urls.resolve(Hashing.of(url).substring(0, 32));
        Path file = dir.resolve(name);
        get(url, dir, file, offline, fresh);
        return file;
    }

    static String fileName(String url) {
        String path = URI.create(url).getPath();
        String last = path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
        if (!last.matches("[A-Za-z0-9_$.-]+") || last.startsWith(".")) {
            last = "script.java";
        }
        return last.endsWith(".java") || last.endsWith(".jsh") || last.endsWith(".jar") ? last : last + ".java";
    }

    /** Makes {@code file} the copy of {@code url}; true if it was fetched or revalidated now. */
    private boolean get(String url, Path dir, Path file, boolean offline, boolean fresh) throws IOException {
        Path metaFile = dir.resolve("." + file.getFileName() + ".meta");
        Properties meta = new Properties();
        boolean have = Files.isRegularFile(file) && Files.isRegularFile(metaFile);
        if (have) {
            meta.load(new StringReader(Files.readString(metaFile)));
            long checked = Long.parseLong(meta.getProperty("checked", "0"));
            if (offline || (!fresh && now.toEpochMilli() - checked < interval().toMillis())) {
                return false;
            }
        } else if (offline) {
            throw new JrunException(ExitCode.REMOTE, url + ": not fetched yet, and jrun is offline; run it once without --offline");
        }
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(20)).build();
        String at = url;
        HttpResponse<byte[]> response;
        for (int hops = 0;; hops++) {
            HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(at)).timeout(Duration.ofSeconds(60))
                    .header("User-Agent", "jrun");
            if (have && at.equals(url)) {
                if (meta.getProperty("etag") != null) {
                    req.header("If-None-Match", meta.getProperty("etag"));
                }
                if (meta.getProperty("last-modified") != null) {
                    req.header("If-Modified-Since", meta.getProperty("last-modified"));
                }
            }
            if (Progress.on(env)) {
                err.print("\r\033[Kjrun: downloading " + at);
                err.flush();
            }
            try {
                response = client.send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                Progress.clear(env, err);
                if (have) {
                    err.println("jrun: warning: " + url + ": cannot reach its server (" + e.getClass().getSimpleName()
                            + "); running the copy fetched before");
                    return false;
                }
                throw new JrunException(ExitCode.REMOTE, url + ": cannot fetch it: " + (e.getMessage() == null
                        ? e.getClass().getSimpleName() : e.getMessage()) + "; check the URL and the network");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new JrunException(ExitCode.REMOTE, url + ": interrupted");
            }
            int code = response.statusCode();
            if (code >= 300 && code < 400 && code != 304) {
                String location = response.headers().firstValue("Location").orElse(null);
                if (location == null || hops >= MAX_REDIRECTS) {
                    throw new JrunException(ExitCode.REMOTE, url + ": too many redirects or one without a Location; check the URL");
                }
                String next = URI.create(at).resolve(location).toString();
                RemoteUrl.check(next, env);
                if (!trusted.test(next)) {
                    Progress.clear(env, err);
                    throw new JrunException(ExitCode.REMOTE, url + ": redirected to " + next + ", which is not trusted;"
                            + " if you trust it: jrun trust add " + TrustList.prefixOf(next));
                }
                at = next;
                continue;
            }
            break;
        }
        Progress.clear(env, err);
        int code = response.statusCode();
        if (code == 304 && have) {
            meta.setProperty("checked", Long.toString(now.toEpochMilli()));
            writeAtomically(metaFile, store(meta).getBytes(StandardCharsets.UTF_8));
            return true;
        }
        if (code != 200) {
            if (have && code >= 500) {
                err.println("jrun: warning: " + url + ": its server answered " + code + "; running the copy fetched before");
                return false;
            }
            throw new JrunException(ExitCode.REMOTE, url + ": the server answered " + code
                    + (code == 404 ? " (not found)" : "") + "; check the URL");
        }
        if (Progress.on(env)) {
            err.println("jrun: downloaded " + at + " (" + response.body().length + " bytes)");
        }
        Files.createDirectories(dir);
        writeAtomically(file, response.body());
        Properties m = new Properties();
        m.setProperty("url", url);
        m.setProperty("from", at);
        m.setProperty("checked", Long.toString(now.toEpochMilli()));
        response.headers().firstValue("ETag").ifPresent(v -> m.setProperty("etag", v));
        response.headers().firstValue("Last-Modified").ifPresent(v -> m.setProperty("last-modified", v));
        writeAtomically(metaFile, store(m).getBytes(StandardCharsets.UTF_8));
        return true;
    }

    private static String store(Properties p) throws IOException {
        StringWriter w = new StringWriter();
        p.store(w, null);
        return w.toString();
    }

    private static void writeAtomically(Path file, byte[] bytes) throws IOException {
        Path tmp = Files.createTempFile(file.getParent(), ".fetch", ".tmp");
        try {
            Files.write(tmp, bytes);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Progress lines only when the front end said standard error is a terminal. */
    private static final class Progress {
        static boolean on(Map<String, String> env) {
            return "1".equals(env.get("JRUN_PROGRESS"));
        }

        static void clear(Map<String, String> env, PrintStream err) {
            if (on(env)) {
                err.print("\r\033[K");
                err.flush();
            }
        }
    }
}
