package dev.jrun.it.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.jrun.it.Jrun;
import dev.jrun.it.ScriptDir;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Catalogs (jbang-catalog.json) and aliases: local ones, the nearest one, served ones on 127.0.0.1, NAME@ORG. */
class CatalogIT extends ScriptDir {
    HttpServer server;
    final Map<String, String> files = new ConcurrentHashMap<>();
    final AtomicInteger gets = new AtomicInteger();

    /** Prints its arguments, the system property x and the heap's maximum in MiB. */
    static final String HELLO = "class hello { public static void main(String[] a) { System.out.println(\"hello \""
            + " + String.join(\",\", a) + \" x=\" + System.getProperty(\"x\") + \" mx=\""
            + " + Runtime.getRuntime().maxMemory() / 1048576); } }\n";

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            gets.incrementAndGet();
            String body = files.get(ex.getRequestURI().getPath());
            if (body == null) {
                ex.sendResponseHeaders(404, -1);
                ex.close();
                return;
            }
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** jrun with the test's own config directory (trust list, catalogs), JBang's and GitHub's stand-ins. */
    Jrun j(Path in, String... args) {
        return Jrun.cmd(args).dir(in).cache(cache()).env("XDG_CONFIG_HOME", dir.resolve("config").toString())
                .env("JBANG_DIR", dir.resolve("jbang").toString()).env("JRUN_GITHUB_URL", base());
    }

    Jrun j(String... args) {
        return j(dir, args);
    }

    static void ok(Jrun.Result r) {
        assertEquals(0, r.status(), r.toString());
    }

    /** One line on stderr, jrun's error line. */
    static void oneError(Jrun.Result r, int status, String... parts) {
        assertEquals(status, r.status(), r.toString());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("jrun: error: "), r.err());
        for (String p : parts) {
            assertTrue(r.err().contains(p), "'" + p + "' in " + r.err());
        }
    }

    @Test
    void aLocalAliasRunsWithItsArgumentsAndJavaOptionsFromASubdirectory() throws IOException {
        write("tools/hello.java", HELLO);
        write("jbang-catalog.json", """
                {"aliases": {
                  "hi": {"script-ref": "tools/hello.java", "arguments": ["from", "alias"],
                         "java-options": ["-Dx=1 -Xmx48m"], "description": "says hi"},
                  "again": {"script-ref": "hi", "arguments": ["outer"]},
                  "loop": {"script-ref": "loop2"}, "loop2": {"script-ref": "loop"}
                }}
                """);
        Path sub = Files.createDirectories(dir.resolve("a/b"));
        Jrun.Result built = j(sub, "build", "hi").run();
        ok(built);
        assertEquals("", built.out());
        Jrun.Result hit = j(sub, "--verbose", "hi").run();
        assertTrue(hit.err().contains("jrun: cached: "), "jrun build ALIAS builds the entry its run uses: " + hit);
        Jrun.Result r = j(sub, "hi", "user", "two words").run();
        ok(r);
        assertEquals("hello from,alias,user,two words x=1 mx=48\n", r.out());
        Jrun.Result mine = j(sub, "-R", "-Dx=2", "-R", "-Xmx40m", "hi").run();
        assertEquals("hello from,alias x=2 mx=40\n", mine.out(), "the user's options come after the alias's: " + mine);
        Jrun.Result chained = j(sub, "again", "u").run();
        assertEquals("hello outer,u x=1 mx=48\n", chained.out(), chained.toString());
        oneError(j(sub, "loop").run(), 2, "loop (loop -> loop2 -> loop)");
        oneError(j(sub, "hj").run(), 3, "hj", "did you mean hi?");
        // a nearer catalog (.jbang/) wins over the one above it
        write("a/.jbang/jbang-catalog.json", "{\"aliases\": {\"hi\": {\"script-ref\": \"../../tools/hello.java\","
                + " \"arguments\": [\"nearer\"]}}}");
        Jrun.Result nearer = j(sub, "hi").run();
        assertEquals("hello nearer x=null mx=" + nearer.out().replaceAll("(?s).*mx=", ""), nearer.out(), nearer.toString());
        assertTrue(nearer.out().startsWith("hello nearer x=null"), nearer.toString());
    }

    /** JBang's run option --catalog FILE|URL: that catalog instead of the ones here and the user's. */
    @Test
    void catalogOptionLooksTheNameUpInThatCatalogOnly() throws IOException {
        write("tools/hello.java", HELLO);
        write("jbang-catalog.json", "{\"aliases\": {\"hi\": {\"script-ref\": \"tools/hello.java\", \"arguments\": [\"here\"]},"
                + " \"onlyhere\": {\"script-ref\": \"tools/hello.java\"}}}");
        write("elsewhere/cat.json", "{\"aliases\": {\"hi\": {\"script-ref\": \"../tools/hello.java\","
                + " \"arguments\": [\"there\"]}}}");
        Jrun.Result there = j("--catalog", "elsewhere/cat.json", "hi", "u").run();
        ok(there);
        assertTrue(there.out().startsWith("hello there,u x=null"), there.toString());
        Jrun.Result eq = j("--catalog=" + dir.resolve("elsewhere/cat.json"), "hi").run();
        assertTrue(eq.out().startsWith("hello there x=null"), eq.toString());
        ok(j("build", "--catalog", "elsewhere/cat.json", "hi").run());
        assertTrue(j("hi").run().out().startsWith("hello here x=null"), "without it, the nearest catalog");
        oneError(j("--catalog", "elsewhere/cat.json", "onlyhere").run(), 3, "onlyhere", "no alias onlyhere");
        oneError(j("--catalog", "elsewhere/none.json", "hi").run(), 2, "elsewhere/none.json: no such file");
        // served: trusted first, as every remote catalog
        files.put("/c/hello.java", HELLO);
        files.put("/c/jbang-catalog.json", "{\"aliases\": {\"hi\": {\"script-ref\": \"hello.java\", \"arguments\": [\"served\"]}}}");
        assertEquals(9, j("--catalog", base() + "/c/jbang-catalog.json", "hi").run().status());
        ok(j("trust", "add", base() + "/").run());
        Jrun.Result served = j("--catalog", base() + "/c/jbang-catalog.json", "hi").run();
        assertTrue(served.out().startsWith("hello served x=null"), served.toString());
    }

    @Test
    void anUnknownNameWithoutCatalogsIsStillNoSuchFile() {
        Jrun.Result r = j("nothing").run();
        oneError(r, 3, "nothing");
        Jrun.Result at = j("nothing@nowhere-org").run();
        assertEquals(9, at.status(), at.toString());
        assertTrue(at.err().contains("jrun trust add " + base() + "/nowhere-org/jbang-catalog/blob/HEAD/"), at.err());
        assertEquals(0, gets.get(), "nothing is fetched before it is trusted");
        ok(j("trust", "add", base() + "/").run());
        oneError(j("nothing@nowhere-org").run(), 9, "nowhere-org: no catalog of that name here", "(404)");
    }

    @Test
    void aLocalAliasesSourcesAreRelativeToItsCatalog() throws IOException {
        write("tools/main.java", "class main { public static void main(String[] a) { System.out.println(Util.word()); } }\n");
        write("tools/lib/Util.java", "class Util { static String word() { return \"util\"; } }\n");
        write("jbang-catalog.json", "{\"aliases\": {\"m\": {\"script-ref\": \"tools/main.java\","
                + " \"sources\": [\"tools/lib/Util.java\"]}}}");
        Jrun.Result r = j(Files.createDirectories(dir.resolve("deep/er")), "m").run();
        ok(r);
        assertEquals("util\n", r.out());
    }

    @Test
    void aServedCatalogNeedsTrustAndThenRunsItsAliasesFromTheCache() {
        files.put("/cat/jbang-catalog.json", "{\"description\": \"served\", \"aliases\": {\"hello\": {\"script-ref\":"
                + " \"s/hello.java\", \"arguments\": [\"served\"], \"java-options\": [\"-Dx=srv\"]}}}");
        files.put("/cat/s/hello.java", HELLO);
        String url = base() + "/cat/jbang-catalog.json";
        oneError(j("catalog", "add", "--name", "srv", url).run(), 9, "is not from a trusted source",
                "jrun trust add " + base() + "/cat/");
        assertEquals(0, gets.get(), "nothing is fetched before it is trusted");
        ok(j("trust", "add", base() + "/cat/").run());
        ok(j("catalog", "add", "--name", "srv", url).run());
        Jrun.Result list = j("catalog", "list").run();
        assertEquals("srv  " + url + "  served\n", list.out(), list.toString());
        Jrun.Result r = j("hello@srv", "a").run();
        ok(r);
        assertEquals("hello served,a x=srv", r.out().replaceAll(" mx=.*\n", ""));
        assertTrue(j("alias", "list", "srv").run().out().startsWith("hello  s/hello.java"));
        server.stop(0);
        Jrun.Result cached = j("hello@srv", "b").run();
        assertTrue(cached.out().startsWith("hello served,b x=srv"), "within the interval no request is made: " + cached);
        Jrun.Result offline = j("--offline", "hello@srv").env("JRUN_URL_CHECK_SECONDS", "0").run();
        assertTrue(offline.out().startsWith("hello served x=srv"), offline.toString());
    }

    @Test
    void aLocalAliasOfAnUntrustedUrlIsRefused() throws IOException {
        files.put("/far/hello.java", HELLO);
        write("jbang-catalog.json", "{\"aliases\": {\"far\": {\"script-ref\": \"" + base() + "/far/hello.java\"}}}");
        oneError(j("far").run(), 9, "jrun trust add " + base() + "/far/");
        assertEquals(0, gets.get());
        ok(j("trust", "add", base() + "/far/").run());
        assertTrue(j("far", "z").run().out().startsWith("hello z x=null"));
    }

    /** Several jrun alias add at once (into one catalog): each reads and writes it under a lock, and none is lost. */
    @Test
    void concurrentAliasAddsAllLand() throws Exception {
        write("tools/hello.java", HELLO);
        write("jbang-catalog.json", "{\"aliases\": {}}");
        int n = 6;
        java.util.List<Process> adds = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            // (each pauses 400 ms between reading the catalog and writing it: unlocked, they would overlap)
            adds.add(j("alias", "add", "--name", "a" + i, "tools/hello.java", "arg" + i)
                    .env("JRUN_TEST_CATALOG_PAUSE", "400").builder()
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start());
        }
        for (Process p : adds) {
            assertTrue(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS), "alias add ended");
            assertEquals(0, p.exitValue());
        }
        String catalog = Files.readString(dir.resolve("jbang-catalog.json"));
        for (int i = 0; i < n; i++) {
            assertTrue(catalog.contains("\"a" + i + "\""), "a" + i + " in " + catalog);
        }
        assertTrue(j("a3").run().out().startsWith("hello arg3 x=null"));
        oneError(j("alias", "add", "--name", "a3", "tools/hello.java").run(), 2, "a3 is an alias of", "--force");
    }

    @Test
    void nameAtOrgReadsTheOrgsJbangCatalogOnGithub() {
        files.put("/acme/jbang-catalog/blob/HEAD/jbang-catalog.json",
                "{\"aliases\": {\"hello\": {\"script-ref\": \"hello.java\", \"arguments\": [\"acme\"]}}}");
        files.put("/acme/jbang-catalog/blob/HEAD/hello.java", HELLO);
        files.put("/acme/tools/blob/HEAD/jbang-catalog.json",
                "{\"aliases\": {\"tool\": {\"script-ref\": \"bin/hello.java\", \"arguments\": [\"tools\"]}}}");
        files.put("/acme/tools/blob/HEAD/bin/hello.java", HELLO);
        oneError(j("hello@acme").run(), 9, "jrun trust add " + base() + "/acme/jbang-catalog/blob/HEAD/");
        ok(j("trust", "add", base() + "/acme/").run());
        Jrun.Result r = j("hello@acme", "1").run();
        ok(r);
        assertTrue(r.out().startsWith("hello acme,1 x=null"), r.toString());
        Jrun.Result repo = j("tool@acme/tools").run();
        assertTrue(repo.out().startsWith("hello tools x=null"), repo.toString());
        oneError(j("hellp@acme").run(), 3, "did you mean hello@acme?");
    }

    @Test
    void aliasAddListRemoveRoundTrip() throws IOException {
        write("hello.java", "//DESCRIPTION Says hello\n" + HELLO);
        ok(j("alias", "add", "--name", "greet", "-R", "-Dx=7", "hello.java", "one", "--two").run());
        Path own = dir.resolve("config/jrun/jbang-catalog.json");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(own)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(own.getParent())));
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Jrun.Result r = j(elsewhere, "greet", "three").run();
        assertTrue(r.out().startsWith("hello one,--two,three x=7"), r.toString());
        Jrun.Result list = j("alias", "list").run();
        assertEquals("greet  " + dir.resolve("hello.java") + "  Says hello\n", list.out(), list.toString());
        oneError(j("alias", "add", "--name", "greet", "hello.java").run(), 2, "--force");
        // -f: a project's catalog, the script named relative to it
        ok(j("alias", "add", "-f", "proj/jbang-catalog.json", "--name", "p", "hello.java").run());
        assertTrue(Files.readString(dir.resolve("proj/jbang-catalog.json")).contains("\"script-ref\": \"../hello.java\""));
        ok(j("alias", "remove", "greet").run());
        assertEquals("", j("alias", "list").run().out());
        oneError(j("greet").run(), 3, "greet");
        oneError(j("alias", "remove", "greet").run(), 2, "no alias greet");
        assertFalse(Files.exists(own.resolveSibling(".jbang-catalog.json.tmp")));
    }

    @Test
    void appInstallTakesAliasesWithOptionsBakedIn() throws Exception {
        write("tools/hello.java", HELLO);
        write("proj/jbang-catalog.json", "{\"aliases\": {\"hi\": {\"script-ref\": \"../tools/hello.java\","
                + " \"arguments\": [\"from\", \"alias\"], \"java-options\": [\"-Dx=1\"]}}}");
        Path proj = dir.resolve("proj");
        Path bin = Files.createDirectories(dir.resolve("bin"));
        ok(j(proj, "app", "install", "--dir", bin.toString(), "hi").run());
        ok(j("catalog", "add", "--name", "p", "proj/jbang-catalog.json").run());
        ok(j("app", "install", "--dir", bin.toString(), "--name", "h2", "-R", "-Dx=9", "hi@p").run());
        for (String[] c : new String[][] {{"hi", "hello from,alias,u x=1"}, {"h2", "hello from,alias,u x=9"}}) {
            ProcessBuilder pb = j("unused").builder();
            pb.command().clear();
            pb.command().add(bin.resolve(c[0]).toString());
            pb.command().add("u");
            pb.directory(Files.createDirectories(dir.resolve("elsewhere")).toFile());
            pb.redirectErrorStream(true);
            Process p = pb.start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), out);
            assertTrue(out.startsWith(c[1]), c[0] + ": " + out);
        }
        assertTrue(Files.readString(bin.resolve("h2")).contains("'-R' '-Dx=9' 'hi@p' \"$@\""));
    }

    @Test
    void aCatalogAnyoneMayWriteIsIgnored() throws IOException {
        write("tools/hello.java", HELLO);
        Path catalog = write("jbang-catalog.json", "{\"aliases\": {\"hi\": {\"script-ref\": \"tools/hello.java\"}}}");
        ok(j("hi").run());
        Files.setPosixFilePermissions(catalog, PosixFilePermissions.fromString("rw-rw-rw-"));
        Jrun.Result r = j("hi").run();
        assertEquals(3, r.status(), r.toString());
        assertTrue(r.err().startsWith("jrun: warning: ignoring the catalog " + catalog + " (anyone may write it)"), r.err());
        assertTrue(r.err().contains("jrun: error: hi: no such file"), r.err());
    }

    /** On a terminal (util-linux script(1) gives jrun one) an untrusted catalog asks; "2" trusts its directory, and so its scripts. */
    @Test
    void onATerminalAnUntrustedCatalogAsks() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(new ProcessBuilder("sh", "-c", "command -v script").start().waitFor() == 0,
                "script(1) is installed");
        files.put("/acme/jbang-catalog/blob/HEAD/jbang-catalog.json",
                "{\"aliases\": {\"hello\": {\"script-ref\": \"hello.java\", \"arguments\": [\"acme\"]}}}");
        files.put("/acme/jbang-catalog/blob/HEAD/hello.java", HELLO);
        ProcessBuilder pb = j("unused").builder();
        pb.command().clear();
        pb.command().addAll(java.util.List.of("script", "-qec", "'" + Jrun.bin() + "' hello@acme tty",
                dir.resolve("typescript").toString()));
        pb.redirectErrorStream(true);
        Process p = pb.start();
        Thread.sleep(500); // (typed ahead: the terminal holds the line until jrun reads its answer)
        p.getOutputStream().write("2\n".getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().flush();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.contains("Read its catalog?") && out.contains("2) trust " + base() + "/acme/jbang-catalog/blob/HEAD/"), out);
        assertTrue(out.contains("hello acme,tty x=null"), out);
        assertEquals(base() + "/acme/jbang-catalog/blob/HEAD/\n", j("trust", "list").run().out());
    }
}
