package dev.jrun.it.aot;

import static dev.jrun.it.aot.ArchiveChecks.LOG;
import static dev.jrun.it.aot.ArchiveChecks.fromArchive;
import static dev.jrun.it.aot.ArchiveChecks.loaded;
import static dev.jrun.it.aot.ArchiveChecks.log;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.jrun.it.Jrun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The class-data-sharing archive (JDK 17) / AOT cache (JDK 25) jrun makes for each script: made in
 * the background of the first run, used by the next ones, never used once the script, a jar or the
 * JDK changed, silent when it is broken, off with --no-aot and //NOAOT, and parallel first runs
 * all succeed. That a class came from the archive is read from the JVM's own -Xlog:class+load
 * output ("NAME source: shared objects file"), turned on by the script's //JAVA_OPTIONS.
 */
class AotIT {

    @TempDir
    Path dir;

    private Path cache() {
        return dir.resolve("cache");
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private static String hello(String cls, String extra, String says) {
        return extra + "public class " + cls + " {\n    public static void main(String[] a) {\n"
                + "        System.out.println(\"" + says + "\");\n    }\n}\n";
    }

    private Jrun jrun(int jdk, String... args) {
        List<String> all = new ArrayList<>(List.of("--java", Integer.toString(jdk)));
        all.addAll(List.of(args));
        return Jrun.cmd(all.toArray(String[]::new)).dir(dir).cache(cache()).env("JRUN_NO_AOT", null);
    }

    private Jrun.Result ok(Jrun cmd) {
        Jrun.Result r = cmd.run();
        assertEquals(0, r.status(), r.err());
        assertEquals("", r.err());
        return r;
    }

    /** The build the front end uses for this script file (its entry's name starts with the file's SHA-256). */
    private Path entry(Path script) throws IOException {
        String sum = sha256(Files.readAllBytes(script));
        try (Stream<Path> s = Files.list(cache().resolve("entries"))) {
            List<Path> found = s.filter(p -> p.getFileName().toString().startsWith(sum + "-")).toList();
            assertEquals(1, found.size(), "entries of " + script + ": " + found);
            // the archive's files are in the entry's current build, as the front end's $entry names it
            return found.get(0).resolve(Files.readString(found.get(0).resolve("current")).strip());
        }
    }

    private static List<Path> archives(Path entry) throws IOException {
        try (Stream<Path> s = Files.list(entry)) {
            return s.filter(p -> p.getFileName().toString().startsWith("aot-") && p.getFileName().toString().endsWith(".jsa")).sorted().toList();
        }
    }

    /** Waits (bounded) for the background maker to finish, and returns the archive it made. */
    private static Path awaitArchive(Path entry) throws Exception {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (Files.exists(entry.resolve("aot.lock")) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertFalse(Files.exists(entry.resolve("aot.lock")), "the archive maker did not finish in 2 minutes");
        if (Files.exists(entry.resolve("aot.failed"))) {
            fail("no archive: " + Files.readString(entry.resolve("aot.failed")) + log(entry));
        }
        List<Path> made = archives(entry);
        assertEquals(1, made.size(), "archives in " + entry + ": " + made + log(entry));
        assertTrue(made.get(0).getFileName().toString().matches("aot-[0-9a-f]{32}\\.jsa"), made.toString());
        return made.get(0);
    }

    @Test
    void aLockLeftByADeadMakerIsTakenOverAndOneInUseIsNot() throws Exception {
        Path script = write("dead.java", hello("dead", LOG, "dead maker"));
        ok(jrun(17, "--no-aot", "dead.java"));
        Path entry = entry(script);
        Path lock = Files.createDirectory(entry.resolve("aot.lock"));
        // a maker that is running (this test JVM stands in for it): its lock is left alone
        Files.writeString(lock.resolve("maker.pid"), ProcessHandle.current().pid() + "\n");
        ok(jrun(17, "dead.java"));
        assertTrue(archives(entry).isEmpty() && Files.exists(lock.resolve("maker.pid")), "the live maker's lock stays");
        // a maker that died (killed, or lost in a restart): the next run records again
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.writeString(lock.resolve("maker.pid"), gone.pid() + "\n");
        ok(jrun(17, "dead.java"));
        awaitArchive(entry);
        assertTrue(fromArchive(ok(jrun(17, "dead.java")), "dead"));
    }

    @ParameterizedTest
    @ValueSource(ints = {17, 25})
    void madeInTheBackgroundThenUsedAndOffWithNoAot(int jdk) throws Exception {
        Path script = write("made.java", hello("made", LOG, "made it"));
        Jrun.Result first = ok(jrun(jdk, "made.java"));
        assertTrue(first.out().contains("made it\n"), first.out());
        assertTrue(loaded(first, "made") && !fromArchive(first, "made"), "the first run has no archive yet");
        Path entry = entry(script);
        Path archive = awaitArchive(entry);

        Jrun.Result second = ok(jrun(jdk, "made.java"));
        assertTrue(second.out().contains("made it\n"), second.out());
        assertTrue(fromArchive(second, "made"), "the script's class comes from " + archive + ":\n" + second.out());

        Jrun.Result off = ok(jrun(jdk, "--no-aot", "made.java"));
        assertTrue(loaded(off, "made") && !fromArchive(off, "made"), off.out());
        Jrun.Result verbose = jrun(jdk, "--verbose", "--no-aot", "made.java").run();
        assertTrue(verbose.err().contains("jrun: aot: off (--no-aot)"), verbose.err());
        Jrun.Result env = ok(jrun(jdk, "made.java").env("JRUN_NO_AOT", "1"));
        assertTrue(loaded(env, "made") && !fromArchive(env, "made"), env.out());
        Jrun.Result using = jrun(jdk, "--verbose", "made.java").run();
        assertTrue(using.err().contains("jrun: aot: using " + archive), using.err());
    }

    /** The JVM policy: C1 only for a short script, first on the line (-R wins), none for one that looks at its JVM. */
    @ParameterizedTest
    @ValueSource(ints = {17, 25})
    void aShortScriptGetsC1OnlyAndOneThatLooksAtItsJvmDoesNot(int jdk) throws Exception {
        Path quick = write("quick.java", """
                public class quick {
                    public static void main(String[] a) throws Exception {
                        // its own command line, without looking at the JVM through JMX
                        byte[] cmd = java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc/self/cmdline"));
                        for (String w : new String(cmd).split("\0")) {
                            if (w.startsWith("-XX:TieredStopAtLevel")) System.out.println(w);
                        }
                        System.out.println("done");
                    }
                }
                """);
        assertEquals("done\n", ok(jrun(jdk, "quick.java")).out(), "the run the maker measures: no policy yet");
        Path entry = entry(quick);
        awaitArchive(entry);
        awaitPolicy(entry);
        assertEquals("-XX:TieredStopAtLevel=1\ndone\n", ok(jrun(jdk, "quick.java")).out());
        Jrun.Result verbose = jrun(jdk, "--verbose", "quick.java").run();
        assertTrue(verbose.err().contains("jrun: jvm: C1 only: its measured run took about "), verbose.err());
        assertEquals("-XX:TieredStopAtLevel=1\n-XX:TieredStopAtLevel=4\ndone\n",
                ok(jrun(jdk, "-R", "-XX:TieredStopAtLevel=4", "quick.java")).out(), "-R comes later: it wins");
        assertEquals("done\n", ok(jrun(jdk, "quick.java").env("JRUN_JVM_POLICY", "off")).out());
        assertEquals("done\n", ok(jrun(jdk, "--no-aot", "quick.java")).out());

        Path looks = write("looks.java", """
                public class looks {
                    public static void main(String[] a) {
                        System.out.println(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()
                                .stream().anyMatch(s -> s.startsWith("-XX:TieredStopAtLevel")));
                    }
                }
                """);
        ok(jrun(jdk, "looks.java"));
        Path other = entry(looks);
        awaitArchive(other);
        awaitPolicy(other);
        assertEquals("false\n", ok(jrun(jdk, "looks.java")).out(), "a script that looks at its JVM keeps its compilers");
        assertTrue(Files.readString(other.resolve("jvm.policy")).startsWith("none: the script looks at its own JVM"),
                Files.readString(other.resolve("jvm.policy")));
    }

    /**
     * A script's lambda and string concatenation start from its archive, as from one a run of the
     * script itself had recorded, though none of its code ran to make it: the lambda's class is in
     * the archive (on JDK 25 linked ahead of time from the script's {@code @cp} line, on 17 made from
     * its {@code @lambda-proxy} line), the form through which the JVM calls a linked site is
     * archived, and the dump read every line of its class list.
     */
    @ParameterizedTest
    @ValueSource(ints = {17, 25})
    void aScriptsLambdaAndConcatenationStartFromItsArchive(int jdk) throws Exception {
        Path script = write("linked.java", """
                //JAVA_OPTIONS -Xlog:class+load=info -Xlog:cds=debug -Djava.lang.invoke.MethodHandle.TRACE_RESOLVE=true
                public class linked {
                    public static void main(String[] a) {
                        Runnable r = () -> System.out.println("n=" + a.length);
                        r.run();
                    }
                }
                """);
        Jrun.Result first = ok(jrun(jdk, "linked.java"));
        assertTrue(first.out().contains("n=0\n"), first.out());
        Path entry = entry(script);
        awaitArchive(entry);
        assertFalse(log(entry).contains("error has occurred while processing class list"), log(entry));
        assertEquals(jdk >= 24, Files.readString(entry.resolve("aot.properties")).contains("linked=true"));

        Jrun.Result r = ok(jrun(jdk, "linked.java"));
        assertTrue(r.out().contains("n=0\n"), r.out());
        assertTrue(fromArchive(r, "linked"), r.out());
        boolean lambda = r.out().lines().anyMatch(jdk >= 24
                ? l -> l.contains("] linked$$Lambda") && l.endsWith(" source: shared objects file")
                : l -> l.contains("] Loaded lambda proxy: linked$$Lambda"));
        assertTrue(lambda, "the lambda's class comes from the archive:\n" + r.out());
        List<String> unarchived = r.out().lines().filter(l -> l.contains("linkToTargetMethod") && l.endsWith("(fail)")).toList();
        assertEquals(List.of(), unarchived, "the JVM calls the script's linked sites through archived forms");
    }

    private static void awaitPolicy(Path entry) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!Files.exists(entry.resolve("jvm.policy")) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(Files.exists(entry.resolve("jvm.policy")), "no jvm.policy in " + entry + log(entry));
    }

    /**
     * Class-data-sharing options of the run's own (-R, JDK_JAVA_OPTIONS, JAVA_TOOL_OPTIONS) win over
     * the archive: on JDK 25 a JVM given -Xshare and -XX:AOTCache together would not start. One in
     * //JAVA_OPTIONS gets no archive made, and --verbose says why.
     */
    @ParameterizedTest
    @ValueSource(ints = {17, 25})
    void aRunThatSetsSharingItselfGetsNoArchiveAndStarts(int jdk) throws Exception {
        Path script = write("own.java", hello("own", LOG, "own sharing"));
        ok(jrun(jdk, "own.java"));
        awaitArchive(entry(script));
        assertTrue(fromArchive(ok(jrun(jdk, "own.java")), "own"));
        for (Jrun cmd : List.of(jrun(jdk, "--verbose", "-R", "-Xshare:off", "own.java"),
                jrun(jdk, "--verbose", "-R-Xshare:auto", "own.java"),
                jrun(jdk, "--verbose", "own.java").env("JAVA_TOOL_OPTIONS", "-Xshare:off"),
                jrun(jdk, "--verbose", "own.java").env("JDK_JAVA_OPTIONS", "-Xshare:off"))) {
            Jrun.Result r = cmd.run();
            assertEquals(0, r.status(), r.err());
            assertTrue(r.out().contains("own sharing\n") && !fromArchive(r, "own"), r.out());
            assertTrue(r.err().contains("jrun: aot: off: the run sets class-data sharing itself"), r.err());
        }
        Path off = write("offdirective.java", hello("offdirective", "//JAVA_OPTIONS -Xshare:off\n", "sharing off"));
        Jrun.Result r = jrun(jdk, "--verbose", "offdirective.java").run();
        assertEquals(0, r.status(), r.err());
        assertTrue(r.err().contains("jrun: aot: off: //JAVA_OPTIONS sets -Xshare:off"), r.err());
        assertEquals(List.of(), archives(entry(off)));
    }

    /**
     * An option that changes the module graph (here --add-modules; an agent adds java.instrument)
     * gets an AOT cache that is not linked ahead of time, which the JVM can then use: a linked one
     * it could not use at all.
     */
    @Test
    void aScriptThatChangesTheModuleGraphGetsAnUnlinkedCacheItCanUse() throws Exception {
        Path script = write("mods.java", hello("mods", "//JAVA_OPTIONS --add-modules=java.sql -Xlog:class+load=info\n", "mods"));
        ok(jrun(25, "mods.java"));
        Path entry = entry(script);
        awaitArchive(entry);
        assertTrue(Files.readString(entry.resolve("aot.properties")).contains("linked=false"),
                Files.readString(entry.resolve("aot.properties")));
        assertTrue(fromArchive(ok(jrun(25, "mods.java")), "mods"), "the script's class comes from the cache");
    }

    @ParameterizedTest
    @ValueSource(ints = {17, 25})
    void noAotDirectiveMakesNoArchive(int jdk) throws Exception {
        Path script = write("noaot.java", hello("noaot", LOG + "//NOAOT\n", "no archive"));
        Jrun.Result r = ok(jrun(jdk, "noaot.java"));
        assertTrue(r.out().contains("no archive\n"), r.out());
        Path entry = entry(script);
        // a recording run takes the lock before the JVM starts: none was taken, none will be made
        assertFalse(Files.exists(entry.resolve("aot.lock")));
        assertEquals(List.of(), archives(entry));
        Jrun.Result again = jrun(jdk, "--verbose", "noaot.java").run();
        assertEquals(0, again.status(), again.err());
        assertTrue(again.err().contains("jrun: aot: off (//NOAOT)"), again.err());
        assertTrue(loaded(again, "noaot") && !fromArchive(again, "noaot"));
        assertFalse(Files.exists(entry.resolve("aot.lock")));
    }

    @ParameterizedTest
    @ValueSource(ints = {17, 25})
    void brokenArchiveIsNotUsedAndSaysNothing(int jdk) throws Exception {
        Path script = write("broken.java", hello("broken", "", "still runs"));
        assertEquals("still runs\n", ok(jrun(jdk, "broken.java")).out());
        Path entry = entry(script);
        Path archive = awaitArchive(entry);
        byte[] good = Files.readAllBytes(archive);

        // cut short, garbage, empty, and damaged inside (a disk error, a stray write): the JVM refuses
        // each, silently, and the script runs
        archive.toFile().setWritable(true);
        byte[][] bad = {java.util.Arrays.copyOf(good, good.length / 3), garbage(100_000), new byte[0],
            damaged(good, good.length / 5), damaged(good, good.length / 2), damaged(good, good.length * 4 / 5)};
        for (byte[] content : bad) {
            Files.write(archive, content);
            Files.setLastModifiedTime(archive, FileTime.from(Instant.now().plusSeconds(5)));
            Jrun.Result r = jrun(jdk, "broken.java").run();
            assertEquals(0, r.status(), r.err());
            assertEquals("", r.err());
            assertEquals("still runs\n", r.out(), "nothing but the script's output");
        }
        // each damaged archive was left alone and a new one is being made: let its maker finish
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (Files.exists(entry.resolve("aot.lock")) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            Files.write(archive, good);
            archive.toFile().setReadable(false);
            Jrun.Result r = jrun(jdk, "broken.java").run();
            assertEquals(0, r.status(), r.err());
            assertEquals("", r.err());
            assertEquals("still runs\n", r.out());
        }
    }

    private static byte[] damaged(byte[] good, int at) {
        byte[] b = good.clone();
        byte[] noise = garbage(4096);
        System.arraycopy(noise, 0, b, at, Math.min(noise.length, b.length - at));
        return b;
    }

    private static byte[] garbage(int n) {
        byte[] b = new byte[n];
        new java.util.Random(7).nextBytes(b);
        return b;
    }

    @Test
    void changedScriptGetsItsOwnArchive() throws Exception {
        Path script = write("edit.java", hello("edit", LOG, "version 1"));
        ok(jrun(17, "edit.java"));
        Path old = awaitArchive(entry(script));
        assertTrue(fromArchive(ok(jrun(17, "edit.java")), "edit"));

        write("edit.java", hello("edit", LOG, "version 2"));
        Jrun.Result r = ok(jrun(17, "edit.java"));
        assertTrue(r.out().contains("version 2\n"), r.out());
        assertFalse(fromArchive(r, "edit"), "the old script's archive is not used");
        Path fresh = awaitArchive(entry(script));
        assertNotEquals(old.getParent(), fresh.getParent());
        Jrun.Result again = ok(jrun(17, "edit.java"));
        assertTrue(again.out().contains("version 2\n") && fromArchive(again, "edit"), again.out());
    }

    /**
     * A dependency jar changed in place: the archive holds its old classes, so it must not be used
     * (JDK 25.0.3 itself would not notice when the cache was made by a training run, JDK-8377932).
     */
    @ParameterizedTest
    @ValueSource(ints = {17, 25})
    void aChangedDependencyJarReachesOnlyANewBuildWithItsOwnArchive(int jdk) throws Exception {
        Path repo = dir.resolve("repo");
        Path jar = greetJar(repo, "greet-v1");
        Path script = write("greeter.java", "//DEPS dev.jrun.it:greet:1.0\n" + LOG
                + "public class greeter {\n    public static void main(String[] a) {\n"
                + "        System.out.println(greet.Greet.text());\n    }\n}\n");
        Jrun cmd = jrun(jdk, "--offline", "greeter.java").env("JRUN_REPO", repo.toString());
        assertTrue(ok(cmd).out().contains("greet-v1\n"));
        Path entry = entry(script);
        awaitArchive(entry);
        Jrun.Result cached = ok(cmd);
        assertTrue(fromArchive(cached, "greet.Greet"), cached.out());

        Path v2 = greetJar(dir.resolve("repo2"), "greet-v2");
        Files.copy(v2, jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        // the build runs its verified copy of the jar, with the archive made of it: the jar replaced
        // in the local repository reaches only a new build, which never maps the old build's archive
        Jrun.Result same = ok(cmd);
        assertTrue(same.out().contains("greet-v1\n") && fromArchive(same, "greet.Greet"), same.out());
        Jrun.Result rebuilt = ok(jrun(jdk, "--offline", "--fresh", "greeter.java").env("JRUN_REPO", repo.toString()));
        assertTrue(rebuilt.out().contains("greet-v2\n"), rebuilt.out());
        assertFalse(fromArchive(rebuilt, "greet.Greet"), rebuilt.out());
    }

    /** A jar dev.jrun.it:greet:1.0 in the Maven layout under {@code repo}, compiled with the JDK's javac. */
    private Path greetJar(Path repo, String text) throws Exception {
        Path src = Files.createDirectories(dir.resolve("src-" + text).resolve("greet"));
        Files.writeString(src.resolve("Greet.java"),
                "package greet;\npublic class Greet {\n    public static String text() {\n        return \"" + text
                        + "\";\n    }\n}\n");
        Path classes = dir.resolve("classes-" + text);
        Path home = Path.of(System.getProperty("java.home"));
        exec(home.resolve("bin/javac").toString(), "--release", "17", "-d", classes.toString(),
                src.resolve("Greet.java").toString());
        Path dest = Files.createDirectories(repo.resolve("dev/jrun/it/greet/1.0"));
        Path jar = dest.resolve("greet-1.0.jar");
        exec(home.resolve("bin/jar").toString(), "cf", jar.toString(), "-C", classes.toString(), ".");
        Files.writeString(dest.resolve("greet-1.0.pom"), "<project><modelVersion>4.0.0</modelVersion>"
                + "<groupId>dev.jrun.it</groupId><artifactId>greet</artifactId><version>1.0</version></project>\n");
        return jar;
    }

    private static void exec(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        assertEquals(0, p.waitFor(), String.join(" ", cmd));
    }

    /**
     * The JDK changed in place (an upgrade): its lib/modules is newer than the archive. The test
     * uses a copy of the JDK (hard links, but a real copy of lib/modules), never touching the real one.
     */
    @ParameterizedTest
    @ValueSource(ints = {17, 25})
    void changedJdkIsNeverServedFromTheArchive(int jdk) throws Exception {
        Path real = jdkHome(jdk);
        Path copy = dir.resolve("jdk");
        exec("cp", "-al", real.toString(), copy.toString());
        Path modules = copy.resolve("lib/modules");
        Files.delete(modules);
        Files.copy(real.resolve("lib/modules"), modules);
        Path script = write("upgrade.java", hello("upgrade", LOG, "on a copy"));
        Jrun cmd = Jrun.cmd("upgrade.java").dir(dir).cache(cache()).env("JRUN_NO_AOT", null)
                .env("JAVA_HOME", copy.toString());
        assertTrue(ok(cmd).out().contains("on a copy\n"));
        Path entry = entry(script);
        Path archive = awaitArchive(entry);
        assertTrue(Files.readString(entry.resolve("run.env")).contains(copy.toString()), "runs on the copy");
        assertTrue(fromArchive(ok(cmd), "upgrade"));

        Files.setLastModifiedTime(modules, FileTime.from(Instant.now()));
        Jrun.Result after = ok(cmd);
        assertTrue(after.out().contains("on a copy\n"), after.out());
        assertFalse(fromArchive(after, "upgrade"), "the archive of the old JDK is not used");
        // that run recorded again: a new archive, for the JDK as it is now, is made and used
        Path again = awaitArchive(entry);
        assertEquals(archive, again, "same jars, same JDK build: same name");
        assertTrue(Files.getLastModifiedTime(again).compareTo(Files.getLastModifiedTime(modules)) > 0);
        assertTrue(fromArchive(ok(cmd), "upgrade"));
    }

    private static Path jdkHome(int major) throws IOException {
        try (Stream<Path> s = Files.list(Path.of("/usr/lib/jvm"))) {
            for (Path home : s.sorted().toList()) {
                Path release = home.resolve("release");
                if (!Files.isSymbolicLink(home) && Files.isRegularFile(release) && Files.isRegularFile(home.resolve("bin/javac"))
                        && Files.readString(release).contains("JAVA_VERSION=\"" + major)) {
                    return home.toRealPath();
                }
            }
        }
        throw new AssertionError("no JDK " + major + " in /usr/lib/jvm");
    }

    @ParameterizedTest
    @ValueSource(ints = {17, 25})
    void parallelFirstRunsAllSucceedAndMakeOneArchive(int jdk) throws Exception {
        Path script = write("many.java", hello("many", LOG, "one of many"));
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            List<Future<Jrun.Result>> runs = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                runs.add(pool.submit(() -> jrun(jdk, "many.java").run()));
            }
            for (Future<Jrun.Result> f : runs) {
                Jrun.Result r = f.get();
                assertEquals(0, r.status(), r.err());
                assertEquals("", r.err());
                assertTrue(r.out().contains("one of many\n"), r.out());
            }
        } finally {
            pool.shutdownNow();
        }
        Path entry = entry(script);
        awaitArchive(entry);
        try (Stream<Path> s = Files.list(entry)) {
            assertEquals(List.of(), s.filter(p -> p.toString().contains(".tmp")).toList(), "no temporary files left");
        }
        assertTrue(fromArchive(ok(jrun(jdk, "many.java")), "many"));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
