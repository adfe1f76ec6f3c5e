package dev.jrun.it.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import dev.jrun.it.Jrun;
import dev.jrun.it.ScriptDir;
import dev.jrun.it.Tools;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * jrun jdk install|list|default|uninstall against a Disco API served on 127.0.0.1 by the test, whose
 * one package is a tarball the test makes from the machine's JDK 17 (jlink'ed small: java.base,
 * jdk.compiler, jdk.zipfs), named jdk-VERSION/ inside as Temurin's are.
 */
class JdkInstallIT extends ScriptDir {
    static final Path SYSTEM_17 = Path.of("/usr/lib/jvm/java-17-openjdk-amd64");

    @TempDir
    static Path shared;
    static Path tarball;
    static String sha256;
    static String version;

    HttpServer server;
    volatile String servedSum;
    /** The checksum given only in a file beside the archive (checksum_uri), as some distributions do. */
    volatile boolean sumInFile;
    /** The download's answer: 200 with the tarball, else this status. */
    volatile int downloadStatus = 200;
    /** The release whose query gets the one package (whatever release its tarball holds). */
    volatile String servedRelease = "17";
    final AtomicInteger downloads = new AtomicInteger();
    final Map<String, String> queries = new ConcurrentHashMap<>();

    @BeforeAll
    static void makeTarball() throws Exception {
        assumeTrue(Files.isExecutable(SYSTEM_17.resolve("bin/jlink")), "needs " + SYSTEM_17 + " with jlink");
        String release = Files.readString(SYSTEM_17.resolve("release"));
        version = release.lines().filter(l -> l.startsWith("JAVA_VERSION=")).findFirst().orElseThrow()
                .substring("JAVA_VERSION=".length()).replace("\"", "");
        String top = "jdk-" + version + "+1";
        run(shared, SYSTEM_17.resolve("bin/jlink").toString(), "--add-modules", "java.base,jdk.compiler,jdk.zipfs",
                "--strip-debug", "--no-header-files", "--no-man-pages", "--output", shared.resolve(top).toString());
        tarball = shared.resolve("OpenJDK17U-jdk_x64_linux_hotspot.tar.gz");
        run(shared, "tar", "-czf", tarball.toString(), "-C", shared.toString(), top);
        sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(tarball)));
    }

    static void run(Path dir, String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(2, TimeUnit.MINUTES) && p.exitValue() == 0, String.join(" ", cmd) + ": " + out);
    }

    @BeforeEach
    void serve() throws IOException {
        servedSum = sha256;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/disco/v3.0/packages", ex -> {
            String q = ex.getRequestURI().getQuery();
            queries.put("packages", q);
            String body = q.contains("version=" + servedRelease + "&") ? "{\"result\":[{\"id\":\"pkg17\",\"archive_type\":\"tar.gz\","
                    + "\"distribution\":\"temurin\",\"major_version\":17,\"java_version\":\"" + version + "+1\","
                    + "\"filename\":\"" + tarball.getFileName() + "\",\"links\":{\"pkg_info_uri\":\"" + base()
                    + "/disco/v3.0/ids/pkg17\",\"pkg_download_redirect\":\"" + base() + "/nowhere\"}}],\"message\":\"\"}"
                    : "{\"result\":[],\"message\":\"\"}";
            reply(ex, 200, body.getBytes(StandardCharsets.UTF_8));
        });
        server.createContext("/disco/v3.0/ids/pkg17", ex -> reply(ex, 200, ("{\"result\":[{\"filename\":\""
                + tarball.getFileName() + "\",\"direct_download_uri\":\"" + base() + "/download/jdk.tar.gz\","
                + "\"checksum\":\"" + (sumInFile ? "" : servedSum) + "\",\"checksum_type\":\""
                + (sumInFile ? "" : "sha256") + "\",\"checksum_uri\":\"" + (sumInFile ? base() + "/download/jdk.tar.gz.sha256.txt" : "")
                + "\"}],\"message\":\"\"}").getBytes(StandardCharsets.UTF_8)));
        server.createContext("/download/jdk.tar.gz.sha256.txt", ex -> reply(ex, 200,
                (servedSum + "  " + tarball.getFileName() + "\n").getBytes(StandardCharsets.UTF_8)));
        server.createContext("/download/jdk.tar.gz", ex -> {
            downloads.incrementAndGet();
            if (downloadStatus != 200) {
                reply(ex, downloadStatus, "gone".getBytes(StandardCharsets.UTF_8));
                return;
            }
            reply(ex, 200, Files.readAllBytes(tarball));
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

    static void reply(com.sun.net.httpserver.HttpExchange ex, int status, byte[] body) throws IOException {
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream o = ex.getResponseBody()) {
            o.write(body);
        }
        ex.close();
    }

    Path data() {
        return dir.resolve("data");
    }

    Path jdks() {
        return data().resolve("jrun/jdks");
    }

    @Override
    protected Jrun jrun(String... args) {
        return super.jrun(args).env("XDG_DATA_HOME", data().toString()).env("XDG_CONFIG_HOME", dir.resolve("config").toString())
                .env("JRUN_DISCO_URL", base()).env("JAVA_HOME", null);
    }

    static Jrun.Result ok(Jrun j) {
        Jrun.Result r = j.run();
        assertEquals(0, r.status(), r.toString());
        return r;
    }

    List<String> leftovers() throws IOException {
        if (!Files.isDirectory(jdks())) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(jdks())) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".tmp")).toList();
        }
    }

    @Test
    void installsListsRunsSetsTheDefaultAndUninstalls() throws Exception {
        Jrun.Result r = ok(jrun("jdk", "install", "17"));
        Path home = jdks().resolve("17").toRealPath();
        assertEquals("jrun: installed JDK " + version + " at " + home + "\n", r.err(), "one line, no progress off a terminal");
        String q = queries.get("packages");
        for (String part : List.of("version=17", "distribution=temurin", "architecture=x64", "archive_type=tar.gz",
                "operating_system=linux", "package_type=jdk", "release_status=ga", "latest=available")) {
            assertTrue(q.contains(part), q);
        }
        assertTrue(Files.isExecutable(home.resolve("bin/java")));
        assertTrue(Files.isExecutable(home.resolve("bin/javac")));
        assertEquals(List.of(), leftovers());
        assertEquals(1, downloads.get());

        r = ok(jrun("jdk", "install", "17"));
        assertEquals("jrun: already installed: JDK " + version + " at " + home + "\n", r.err());
        assertEquals(1, downloads.get(), "not downloaded again");

        r = ok(jrun("jdk", "list"));
        assertTrue(r.out().contains(home + "  (installed by jrun)"), r.out());
        assertTrue(r.out().contains(SYSTEM_17.toRealPath().toString()), "the system's JDKs are listed too: " + r.out());
        assertTrue(ok(jrun("jdks")).out().contains(home + "  (installed by jrun)"));
        assertTrue(ok(jrun("jdk", "list", "--json")).out().contains("\"jrun\": true"));

        write("home.java", "//JAVA 17\nclass home { public static void main(String[] a) {"
                + " System.out.println(System.getProperty(\"java.home\")); } }\n");
        // the default is PATH's java; jrun jdk default 17 chooses jrun's own 17
        assertFalse(ok(jrun("home.java")).out().strip().equals(home.toString()));
        r = ok(jrun("jdk", "default", "17"));
        assertEquals("jrun: the default JDK is now " + version + " at " + home + "\n", r.err());
        assertEquals(home + "\n", Files.readString(dir.resolve("config/jrun/default-jdk")));
        assertEquals(home.toString(), ok(jrun("home.java")).out().strip(), "the cached entry follows the new default");
        assertEquals(home.toString(), ok(jrun("home.java")).out().strip());
        assertTrue(ok(jrun("jdk", "list")).out().contains("* " + version + "  " + home
                + "  (default, from jrun jdk default; installed by jrun)"));
        assertTrue(ok(jrun("jdk", "default")).out().startsWith(version + " " + home + "  (from jrun jdk default)"));
        r = ok(jrun("info", "home.java"));
        assertTrue(r.out().contains(home.toString()), r.out());
        write("plain.java", "class plain { public static void main(String[] a) {"
                + " System.out.println(System.getProperty(\"java.home\")); } }\n");
        assertEquals(home.toString(), ok(jrun("plain.java")).out().strip());
        assertTrue(ok(jrun("info", "plain.java")).out().contains("set by jrun jdk default"));

        r = ok(jrun("jdk", "uninstall", "17"));
        assertTrue(r.err().contains("jrun: removed JDK 17 from " + jdks().resolve("17")), r.err());
        assertTrue(r.err().contains("it was the default JDK"), r.err());
        assertFalse(Files.exists(jdks().resolve("17")));
        assertFalse(Files.exists(dir.resolve("config/jrun/default-jdk")));
        assertEquals(List.of(), leftovers());
        assertFalse(ok(jrun("plain.java")).out().strip().equals(home.toString()), "back on PATH's JDK");

        r = jrun("jdk", "uninstall", "17").run();
        assertEquals(2, r.status(), r.toString());
        assertTrue(r.err().startsWith("jrun: error: jdk uninstall 17: jrun installed no JDK 17 in " + jdks()), r.err());
        assertTrue(r.err().contains("is not jrun's"), "the system's 17 is named, and left alone: " + r.err());
        assertTrue(Files.isExecutable(SYSTEM_17.resolve("bin/java")));
    }

    @Test
    void aWrongChecksumInstallsNothing() throws Exception {
        servedSum = "0".repeat(64);
        Jrun.Result r = jrun("jdk", "install", "17").run();
        assertEquals(9, r.status(), r.toString());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("jrun: error: " + base() + "/download/jdk.tar.gz: its SHA-256 is " + sha256
                + ", not the " + servedSum + " the Disco API gives; nothing was installed"), r.err());
        assertFalse(Files.exists(jdks().resolve("17")));
        assertEquals(List.of(), leftovers());
        assertFalse(ok(jrun("jdk", "list")).out().contains(jdks().toString()));
    }

    @Test
    void concurrentInstallsEndWithOneJdk() throws Exception {
        Process a = jrun("jdk", "install", "17").start();
        Process b = jrun("jdk", "install", "17").start();
        String errA = new String(a.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        String errB = new String(b.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(a.waitFor(2, TimeUnit.MINUTES) && b.waitFor(2, TimeUnit.MINUTES));
        assertEquals(0, a.exitValue(), errA);
        assertEquals(0, b.exitValue(), errB);
        assertTrue(errA.contains("already installed") != errB.contains("already installed"), errA + errB);
        assertEquals(1, downloads.get());
        assertTrue(Files.isExecutable(jdks().resolve("17/bin/javac")));
        assertEquals(List.of(), leftovers());
    }

    @Test
    void aMissingJdkNamesTheCommandThatInstallsIt() throws Exception {
        assumeTrue(!Files.exists(Path.of("/usr/lib/jvm/java-21-openjdk-amd64")), "JDK 21 is installed here");
        write("needs21.java", "//JAVA 21\nclass needs21 { public static void main(String[] a) {} }\n");
        Jrun.Result r = jrun("needs21.java").run();
        assertEquals(5, r.status(), r.toString());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("jrun: error: "), r.err());
        assertTrue(r.err().contains("needs21.java:1: //JAVA 21 needs JDK 21, and none is installed"), r.err());
        assertTrue(r.err().contains("Install it with: jrun jdk install 21 "), r.err());
        assertEquals(0, downloads.get(), "nothing is downloaded off a terminal");
    }

    @Test
    void releasesJrunCannotInstallAreRefused() {
        Jrun.Result r = jrun("jdk", "install", "99").run();
        assertEquals(9, r.status(), r.toString());
        assertTrue(r.err().startsWith("jrun: error: no Temurin JDK 99 for Linux x64 at " + base()), r.err());
        r = jrun("jdk", "install", "11").run();
        assertEquals(2, r.status(), r.toString());
        assertTrue(r.err().startsWith("jrun: error: jdk install 11: jrun runs scripts on JDK 17 or newer"), r.err());
        r = jrun("jdk", "install", "latest").run();
        assertEquals(2, r.status(), r.toString());
        assertTrue(r.err().startsWith("jrun: error: jdk install latest: not a Java feature release"), r.err());
        r = jrun("jdk", "install", "17", "/opt/jdk-17").run();
        assertEquals(2, r.status(), r.toString());
        assertTrue(r.err().startsWith("jrun: error: jdk install 17 /opt/jdk-17: jrun links no JDKs of yours"), r.err());
        assertTrue(r.err().contains("JRUN_JDKS=/opt/jdk-17"), r.err());
        r = jrun("jdk", "instal", "17").run();
        assertEquals(2, r.status(), r.toString());
        assertEquals("jrun: error: jdk instal: not a jdk command; did you mean jrun jdk install?\n", r.err());
        r = jrun("jdk", "default", "99").run();
        assertEquals(5, r.status(), r.toString());
        assertTrue(r.err().contains("jrun jdk install 99"), r.err());
        assertFalse(Files.exists(jdks().resolve("99")));
    }

    /** {@code jrun ARGS} on a terminal (script(1)'s pseudo-terminal), {@code input} typed; its output, both streams. */
    Jrun.Result onTerminal(String input, String... args) throws Exception {
        return onTerminal(false, input, args);
    }

    Jrun.Result onTerminal(boolean server, String input, String... args) throws Exception {
        assumeTrue(Tools.onPath("script"), "needs script(1)");
        StringBuilder cmd = new StringBuilder("exec ").append(Jrun.bin());
        for (String a : args) {
            cmd.append(" '").append(a).append("'");
        }
        Jrun j = jrun("--version");
        if (server) {
            j.env("JRUN_COMPILE_SERVER", null);
        }
        ProcessBuilder pb = j.builder();
        pb.command("script", "-qec", cmd.toString(), "/dev/null");
        Process p = pb.start();
        p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().flush();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), out);
        p.getOutputStream().close();
        return new Jrun.Result(p.exitValue(), out, "");
    }

    @Test
    void onATerminalTheMissingJdkIsOffered() throws Exception {
        assumeTrue(!Files.exists(Path.of("/usr/lib/jvm/java-21-openjdk-amd64")), "JDK 21 is installed here");
        write("needs21.java", "//JAVA 21\nclass needs21 { public static void main(String[] a) {} }\n");
        Jrun.Result r = onTerminal("n\n", "needs21.java");
        assertEquals(5, r.status(), r.toString());
        assertTrue(r.out().contains("jrun: no JDK 21 is installed; install Temurin 21 now? [y/N] "), r.out());
        assertTrue(r.out().contains("jrun: error: needs21.java:1: //JAVA 21 needs JDK 21"), r.out());
        assertEquals(0, downloads.get());

        // yes: the Disco API's package for 21 is fetched and checked (here it holds a 17: refused)
        servedRelease = "21";
        r = onTerminal("y\n", "needs21.java");
        assertEquals(9, r.status(), r.toString());
        assertTrue(r.out().contains("install Temurin 21 now? [y/N] "), r.out());
        assertTrue(r.out().contains("the archive holds JDK " + version + ", not 21; nothing was installed"), r.out());
        assertEquals(1, downloads.get());
        assertFalse(Files.exists(jdks().resolve("21")));
        assertEquals(List.of(), leftovers());
    }

    @Test
    void onATerminalTheDownloadShowsProgress() throws Exception {
        Jrun.Result r = onTerminal("", "jdk", "install", "17");
        assertEquals(0, r.status(), r.toString());
        assertTrue(r.out().contains("jrun: downloading Temurin " + version + "+1 "), r.out());
        assertTrue(r.out().contains("SHA-256 checked; unpacking"), r.out());
        assertTrue(r.out().contains("jrun: installed JDK " + version + " at "), r.out());
    }

    @Test
    void aUserInstallsIntoTheirOwnHome() throws Exception {
        assumeTrue(Tools.isRoot() && Tools.onPath("setpriv"), "needs root and setpriv");
        Path home = Files.createDirectories(dir.resolve("nobody"));
        Files.setOwner(home, home.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Path script = write("nobody/home.java", "class home { public static void main(String[] a) {"
                + " System.out.println(System.getProperty(\"java.home\")); } }\n");
        Files.setOwner(script, Files.getOwner(home));
        Tools.asOtherUser("nobody", () -> {
            for (List<String> args : List.of(List.of("jdk", "install", "17"), List.of("jdk", "default", "17"),
                    List.of("home.java"))) {
                ProcessBuilder pb = Jrun.cmd().dir(home).env("JAVA_HOME", null).env("XDG_DATA_HOME", null)
                        .env("XDG_CONFIG_HOME", null).env("JRUN_DISCO_URL", base()).builder();
                pb.environment().put("HOME", home.toString());
                pb.environment().put("JRUN_CACHE_DIR", home.resolve("cache").toString());
                List<String> cmd = new java.util.ArrayList<>(List.of("setpriv", "--reuid=nobody", "--regid=nogroup",
                        "--clear-groups", Jrun.bin().toString()));
                cmd.addAll(args);
                pb.command(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
                Process p = pb.start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(p.waitFor(2, TimeUnit.MINUTES));
                assertEquals(0, p.exitValue(), args + ": " + out + err);
                if (args.get(0).equals("home.java")) {
                    assertEquals(home.resolve(".local/share/jrun/jdks/17").toRealPath() + "\n", out);
                }
            }
        });
        assertTrue(Files.isExecutable(home.resolve(".local/share/jrun/jdks/17/bin/java")));
        assertEquals("nobody", Files.getOwner(home.resolve(".local/share/jrun/jdks/17")).getName());
        assertEquals(home.resolve(".local/share/jrun/jdks/17").toRealPath() + "\n",
                Files.readString(home.resolve(".config/jrun/default-jdk")));
    }

    @Test
    void aChecksumInAFileBesideTheArchiveIsUsedAndAFailedDownloadInstallsNothing() throws Exception {
        sumInFile = true;
        downloadStatus = 503;
        Jrun.Result r = jrun("jdk", "install", "17").run();
        assertEquals(9, r.status(), r.toString());
        assertEquals("jrun: error: " + base() + "/download/jdk.tar.gz: HTTP 503; try again later\n", r.err());
        assertFalse(Files.exists(jdks().resolve("17")));
        assertEquals(List.of(), leftovers());

        downloadStatus = 200;
        ok(jrun("jdk", "install", "17"));
        assertTrue(Files.isExecutable(jdks().resolve("17/bin/java")));
        servedSum = "1".repeat(64);
        ok(jrun("jdk", "uninstall", "17"));
        r = jrun("jdk", "install", "17").run();
        assertEquals(9, r.status(), r.toString());
        assertTrue(r.err().contains("not the " + servedSum + " the Disco API gives"), r.err());
        assertFalse(Files.exists(jdks().resolve("17")));
    }

    @Test
    void behindACompileServerTheBuilderJvmAsks() throws Exception {
        assumeTrue(!Files.exists(Path.of("/usr/lib/jvm/java-21-openjdk-amd64")), "JDK 21 is installed here");
        write("start.java", "class start { public static void main(String[] a) { System.out.println(\"up\"); } }\n");
        write("needs21.java", "//JAVA 21\nclass needs21 { public static void main(String[] a) {} }\n");
        try {
            assertEquals("up\n", ok(jrun("start.java").env("JRUN_COMPILE_SERVER", null)).out());
            Path servers = cache().resolve("server");
            long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (!serverLogs(servers).contains("warmed up")) {
                assertTrue(System.nanoTime() < until, "the server's warm-up: " + serverLogs(servers));
                Thread.sleep(100);
            }
            Jrun.Result r = onTerminal(true, "n\n", "--verbose", "needs21.java");
            assertEquals(5, r.status(), r.toString());
            assertTrue(r.out().contains("jrun: the compile server left this build to the builder JVM"), r.out());
            assertTrue(r.out().contains("install Temurin 21 now? [y/N] "), r.out());
            assertTrue(serverLogs(servers).contains("left needs21.java to process "), serverLogs(servers));
        } finally {
            List<Long> pids = new java.util.ArrayList<>();
            if (Files.isDirectory(cache().resolve("server"))) {
                try (Stream<Path> s = Files.list(cache().resolve("server"))) {
                    for (Path sd : s.toList()) {
                        String pid = Files.exists(sd.resolve("pid")) ? Files.readString(sd.resolve("pid")).strip() : "";
                        if (pid.matches("[0-9]+")) {
                            pids.add(Long.parseLong(pid));
                        }
                    }
                }
                jrun("server", "stop").run();
            }
            for (long pid : pids) {
                ProcessHandle.of(pid).ifPresent(h -> h.onExit().orTimeout(30, TimeUnit.SECONDS).join());
            }
        }
    }

    static String serverLogs(Path servers) throws IOException {
        if (!Files.isDirectory(servers)) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        try (Stream<Path> s = Files.list(servers)) {
            for (Path sd : s.toList()) {
                if (Files.exists(sd.resolve("log"))) {
                    out.append(Files.readString(sd.resolve("log")));
                }
            }
        }
        return out.toString();
    }
}
