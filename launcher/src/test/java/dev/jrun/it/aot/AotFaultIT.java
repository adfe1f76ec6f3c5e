package dev.jrun.it.aot;

import static dev.jrun.it.aot.ArchiveChecks.LOG;
import static dev.jrun.it.aot.ArchiveChecks.fromArchive;
import static dev.jrun.it.aot.ArchiveChecks.loaded;
import static dev.jrun.it.aot.ArchiveChecks.log;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.jrun.it.Jrun;
import dev.jrun.it.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Fault injection on the archive machinery (issue 11, items 6, 7, 8, 10; issue 13's flag leak):
 * the archive maker killed with SIGKILL at many points, an archive whose bytes changed while its time
 * was kept, parallel runs on a stale lock, a full disk (a tmpfs of this test's own, as root), a maker
 * out of time, a maker whose entry goes away, and a script that forks a JVM with its own input
 * arguments, as JMH does. Each case asserts that the script's output is only its own, that nothing
 * is left running and that no leftover grows.
 */
class AotFaultIT {

    @TempDir
    Path dir;
    private Path mount;

    @AfterEach
    void leaveNothingRunning() throws Exception {
        try {
            awaitNoMaker(dir, 60);
        } finally {
            if (mount != null) {
                Tools.sh("umount -l '" + mount + "'");
            }
        }
    }

    private Path cache() {
        return dir.resolve("cache");
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private static String hello(String cls, String extra, String says) {
        return extra + "public class " + cls + " {\n    public static void main(String[] a) throws Exception {\n"
                + "        System.out.println(\"" + says + "\");\n    }\n}\n";
    }

    private Jrun jrun(int jdk, String... args) {
        List<String> all = new ArrayList<>(List.of("--java", Integer.toString(jdk)));
        all.addAll(List.of(args));
        return Jrun.cmd(all.toArray(String[]::new)).dir(dir).cache(cache()).env("JRUN_NO_AOT", null)
                .env("LC_ALL", "C.UTF-8");
    }

    /** Runs it; it succeeds and prints nothing on stderr. */
    private static Jrun.Result ok(Jrun cmd) {
        Jrun.Result r = cmd.run();
        assertEquals(0, r.status(), r.err());
        assertEquals("", r.err(), "nothing of the archive machinery on the script's stderr");
        return r;
    }

    private Path entry(Path script) throws IOException {
        String sum = HexFormat.of().formatHex(sha256(Files.readAllBytes(script)));
        try (Stream<Path> s = Files.list(cache().resolve("entries"))) {
            List<Path> found = s.filter(p -> p.getFileName().toString().startsWith(sum + "-")).toList();
            assertEquals(1, found.size(), "entries of " + script + ": " + found);
            // the archive's files are in the entry's current build, as the front end's $entry names it
            return found.get(0).resolve(Files.readString(found.get(0).resolve("current")).strip());
        }
    }

    private static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> names(Path entry) throws IOException {
        try (Stream<Path> s = Files.list(entry)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static List<String> leftovers(Path entry) throws IOException {
        return names(entry).stream().filter(n -> n.contains(".tmp")).toList();
    }

    /** The processes whose command line names {@code path}: makers of entries under it and their dumps. */
    private static List<String> processesOf(Path path) {
        List<String> found = new ArrayList<>();
        long self = ProcessHandle.current().pid();
        try (Stream<Path> s = Files.list(Path.of("/proc"))) {
            for (Path p : s.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String cmd = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
                    // a maker, its dump, or a run's background child before it has exec'd the maker's sh
                    // (then its command line is still the front end's)
                    if (Long.parseLong(p.getFileName().toString()) != self && (cmd.contains(Jrun.bin().toString())
                            || cmd.contains(path.toString()) && cmd.contains("java"))) {
                        found.add(p.getFileName() + ": " + cmd);
                    }
                } catch (IOException e) {
                    // gone meanwhile
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return found;
    }

    private static void awaitNoMaker(Path path, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        List<String> left = processesOf(path);
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
            left = processesOf(path);
        }
        assertEquals(List.of(), left, "processes left behind after " + seconds + " s");
    }

    /** Waits (bounded) for the entry's maker to finish, and returns the archive it made. */
    private static Path awaitArchive(Path entry) throws Exception {
        long deadline = System.nanoTime() + 120_000_000_000L;
        do {
            awaitNoMaker(entry, 120);
            Thread.sleep(100);
        } while (!settled(entry) && System.nanoTime() < deadline);
        List<String> n = names(entry);
        if (n.contains("aot.failed")) {
            fail("no archive: " + Files.readString(entry.resolve("aot.failed")) + log(entry));
        }
        List<String> made = n.stream().filter(s -> s.matches("aot-[0-9a-f]{32}\\.jsa")).toList();
        assertEquals(1, made.size(), n + log(entry));
        Path archive = entry.resolve(made.get(0));
        assertTrue(n.contains(made.get(0) + ".ok") && n.contains(made.get(0) + ".made"), n.toString());
        assertTrue(Files.isSameFile(archive, entry.resolve(made.get(0) + ".made")));
        assertEquals(List.of(), leftovers(entry));
        assertFalse(Files.exists(entry.resolve("aot.lock")), n.toString());
        return archive;
    }

    /** Made (a stamped archive that is its .made link) or failed, and no gate: no maker is left to start. */
    private static boolean settled(Path entry) throws IOException {
        List<String> n = names(entry);
        if (n.contains("aot.lock")) {
            return false;
        }
        if (n.contains("aot.failed")) {
            return true;
        }
        for (String s : n) {
            if (s.matches("aot-[0-9a-f]{32}\\.jsa") && n.contains(s + ".ok") && n.contains(s + ".made")
                    && Files.isSameFile(entry.resolve(s), entry.resolve(s + ".made"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Issue 13: a script that forks a JVM with its own input arguments (JMH's way) gives it nothing of
     * jrun's on the run that starts the archive maker; on later runs it passes on only the read-only
     * archive flags, and the child writes nothing into the cache.
     */
    @ParameterizedTest
    @ValueSource(ints = {17, 25})
    void aScriptsChildJvmGetsNoFlagOfJrunsMaking(int jdk) throws Exception {
        Path script = write("fork.java", """
                //JAVA_OPTIONS -Xmx64m
                import java.lang.management.ManagementFactory;
                import java.util.ArrayList;
                import java.util.List;

                public class fork {
                    public static void main(String[] a) throws Exception {
                        List<String> mine = ManagementFactory.getRuntimeMXBean().getInputArguments();
                        System.out.println((a.length == 0 ? "parent " : "child ") + mine);
                        if (a.length == 0) {
                            List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().get()));
                            cmd.addAll(mine);
                            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "fork", "child"));
                            System.exit(new ProcessBuilder(cmd).inheritIO().start().waitFor());
                        }
                    }
                }
                """);
        Jrun.Result first = ok(jrun(jdk, "fork.java"));
        assertEquals("parent [-Xmx64m]\nchild [-Xmx64m]\n", first.out(), "the run that starts the maker");
        Path entry = entry(script);
        awaitArchive(entry);
        List<String> before = names(entry);
        Jrun.Result cached = ok(jrun(jdk, "fork.java"));
        for (String line : cached.out().lines().toList()) {
            String args = line.substring(line.indexOf('[') + 1, line.length() - 1);
            for (String arg : args.split(", ")) {
                assertTrue(arg.equals("-Xmx64m") || arg.matches("-Xlog:(cds|aot)\\*=off(,cds\\*=off)?")
                        || arg.equals("-XX:SharedArchiveFile=" + archiveOf(entry))
                        || arg.equals("-XX:AOTCache=" + archiveOf(entry)), cached.out());
            }
        }
        Thread.sleep(500);
        assertEquals(before, names(entry), "the child wrote nothing into the entry");
    }

    private static Path archiveOf(Path entry) throws IOException {
        return entry.resolve(names(entry).stream().filter(s -> s.matches("aot-[0-9a-f]{32}\\.jsa")).findFirst().orElseThrow());
    }

    /**
     * Issue 11 item 7: an archive replaced by other bytes (damaged in two places, and another
     * archive's bytes), with its old time put back, is never mapped: the run prints only its output,
     * the class comes from the jar; then a new archive is made and used. 3 cases x 2 JDKs.
     */
    @ParameterizedTest
    @ValueSource(ints = {17, 25})
    void anArchiveChangedWithItsTimeRestoredIsNeverMapped(int jdk) throws Exception {
        Path script = write("tamper.java", hello("tamper", LOG, "untouched output"));
        ok(jrun(jdk, "tamper.java"));
        Path entry = entry(script);
        Path archive = awaitArchive(entry);
        byte[] good = Files.readAllBytes(archive);
        Path other = write("other.java", hello("other", "", "other"));
        ok(jrun(jdk, "other.java"));
        byte[] foreign = Files.readAllBytes(awaitArchive(entry(other)));
        List<byte[]> bad = List.of(damaged(good, good.length / 5), damaged(good, good.length * 3 / 5), foreign);
        // a gate naming a live process (this one) holds makers off: each run meets the changed archive
        Path gate = Files.createDirectory(entry.resolve("aot.lock"));
        Files.writeString(gate.resolve("maker.pid"), ProcessHandle.current().pid() + "\n");
        FileTime time = Files.getLastModifiedTime(archive);
        for (byte[] bytes : bad) {
            Path swap = dir.resolve("swap.jsa");
            Files.write(swap, bytes);
            Files.setLastModifiedTime(swap, time);
            Files.move(swap, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            assertEquals(time, Files.getLastModifiedTime(archive));
            Jrun.Result r = ok(jrun(jdk, "tamper.java"));
            assertTrue(r.out().contains("untouched output\n") && loaded(r, "tamper"), r.out());
            assertFalse(fromArchive(r, "tamper"), "the changed archive was mapped");
        }
        Files.delete(gate.resolve("maker.pid"));
        Files.delete(gate);
        ok(jrun(jdk, "tamper.java"));
        archive = awaitArchive(entry);
        assertTrue(fromArchive(ok(jrun(jdk, "tamper.java")), "tamper"), "the remade archive is used");
    }

    private static byte[] damaged(byte[] good, int at) {
        byte[] b = good.clone();
        byte[] noise = new byte[4096];
        new java.util.Random(at).nextBytes(noise);
        System.arraycopy(noise, 0, b, at, Math.min(noise.length, b.length - at));
        return b;
    }

    /**
     * Issue 11 item 7: parallel runs meet a lock left by a maker that died (a dead pid, an empty pid
     * file, none): all of them print only the script's output, one archive is made, nothing is left.
     * 3 variants x 6 parallel runs.
     */
    @Test
    void parallelRunsOnAStaleLockPrintNothingButTheirOutput() throws Exception {
        Path script = write("stale.java", hello("stale", "", "only this"));
        ok(jrun(17, "--no-aot", "stale.java"));
        Path entry = entry(script);
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        String[] pids = {gone.pid() + "\n", "", null};
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            for (String pid : pids) {
                for (String n : names(entry)) {
                    if (n.startsWith("aot-")) {
                        Files.delete(entry.resolve(n));
                    }
                }
                Path lock = Files.createDirectories(entry.resolve("aot.lock"));
                if (pid != null) {
                    Files.writeString(lock.resolve("maker.pid"), pid);
                }
                List<Future<Jrun.Result>> runs = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    runs.add(pool.submit(() -> jrun(17, "stale.java").run()));
                }
                for (Future<Jrun.Result> f : runs) {
                    Jrun.Result r = f.get();
                    assertEquals(0, r.status(), r.err());
                    assertEquals("", r.err(), "stale lock " + pid);
                    assertEquals("only this\n", r.out());
                }
                awaitArchive(entry);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Issue 11 items 6 and 10: the maker killed with SIGKILL at 12 points of its work (waiting, making
     * the class list, dumping, checking, publishing) takes its dump with it, and leaves at most its own
     * half-made files, which the next maker removes: they never add up. Then the cache's collection
     * removes an old leftover by itself.
     */
    @Test
    void aKilledMakerLeavesNoProcessAndNoGrowingLeftovers() throws Exception {
        Path script = write("kill.java", hello("kill", LOG, "killed makers"));
        ok(jrun(17, "kill.java"));
        Path entry = entry(script);
        Path archive = awaitArchive(entry);
        long archiveSize = Files.size(archive);
        int killed = 0;
        long last = 0;
        for (int i = 0; i < 12; i++) {
            Files.deleteIfExists(archive.resolveSibling(archive.getFileName() + ".ok")); // the next run makes it again
            ok(jrun(17, "kill.java"));
            long pid = makerPid(entry, last); // (the gate still names the maker killed last: the run takes it over)
            last = pid;
            if (pid > 0) {
                Thread.sleep(150L * i);
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    new ProcessBuilder("kill", "-9", Long.toString(pid)).start().waitFor();
                    killed++;
                }
            }
            awaitNoMaker(entry, 10); // the dump, if there was one, died with it
            List<String> left = leftovers(entry);
            assertTrue(left.size() <= 3, "leftovers of one maker at most: " + left);
            long bytes = 0;
            for (String n : names(entry)) {
                bytes += Files.size(entry.resolve(n));
            }
            assertTrue(bytes < 4 * archiveSize, "the entry does not grow: " + bytes + " bytes, " + names(entry));
        }
        assertTrue(killed >= 8, "killed " + killed + " makers of 12");
        // a run starts a maker again, which removes what the killed ones left
        if (!Files.exists(archive.resolveSibling(archive.getFileName() + ".ok"))) {
            ok(jrun(17, "kill.java"));
        }
        archive = awaitArchive(entry);
        assertTrue(fromArchive(ok(jrun(17, "kill.java")), "kill"));

        Path old = entry.resolve(archive.getFileName() + ".tmp99999999");
        Files.write(old, new byte[1000]);
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minusSeconds(2 * 3600)));
        Path recent = entry.resolve(archive.getFileName() + ".tmp99999998");
        Files.write(recent, new byte[1000]);
        Jrun.Result gc = Jrun.cmd("cache", "gc").dir(dir).cache(cache()).run();
        assertEquals(0, gc.status(), gc.err());
        assertFalse(Files.exists(old), "jrun cache gc removes a maker's old leftover");
        assertTrue(Files.exists(recent), "and leaves a live maker's file alone");
        Files.delete(recent);
    }

    /** The pid in the gate other than {@code not}, once the run's maker has written it (bounded wait), or 0. */
    private static long makerPid(Path entry, long not) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            try {
                String s = Files.readString(entry.resolve("aot.lock/maker.pid")).strip();
                if (!s.isEmpty() && Long.parseLong(s) != not) {
                    return Long.parseLong(s);
                }
            } catch (IOException e) {
                // not yet
            }
            Thread.sleep(20);
        }
        return 0;
    }

    /**
     * Issue 11 items 6 and 8: on a nearly full disk (a 6 MB tmpfs) a JDK 25 build and run succeed
     * (the compiler JVM's archive and the script's archive fail quietly), the failure backs off (a run
     * meanwhile starts no maker), and once there is room and the back-off is over the archive is made.
     */
    @Test
    void aFullDiskFailsNoBuildAndTheArchiveIsRetriedLater() throws Exception {
        int jdk = 25;
        Assumptions.assumeTrue(Tools.isRoot(), "mounting a small file system needs root");
        Path mnt = Files.createDirectory(dir.resolve("small"));
        Assumptions.assumeTrue(Tools.sh("mount -t tmpfs -o size=6m jrun-test '" + mnt + "'") == 0, "cannot mount a tmpfs");
        mount = mnt;
        Path script = write("full.java", hello("full", LOG, "full disk"));
        Jrun cmd = Jrun.cmd("--java", Integer.toString(jdk), "full.java").dir(dir).cache(mnt.resolve("cache"))
                .env("JRUN_NO_AOT", null).env("LC_ALL", "C.UTF-8");
        Jrun.Result first = ok(cmd);
        assertTrue(first.out().contains("full disk\n"), first.out());
        String sum = HexFormat.of().formatHex(sha256(Files.readAllBytes(script)));
        Path entry;
        try (Stream<Path> s = Files.list(mnt.resolve("cache/entries"))) {
            entry = s.filter(p -> p.getFileName().toString().startsWith(sum)).findFirst().orElseThrow();
        }
        entry = entry.resolve(Files.readString(entry.resolve("current")).strip()); // its current build
        awaitNoMaker(entry, 120);
        Path failed = entry.resolve("aot.failed");
        assertTrue(Files.exists(failed), names(entry) + log(entry));
        assertTrue(Files.getLastModifiedTime(failed).toInstant().isAfter(Instant.now().plusSeconds(300)), "backs off");
        assertEquals(List.of(), leftovers(entry));
        FileTime logTime = Files.getLastModifiedTime(entry.resolve("aot.log"));

        Jrun.Result during = ok(cmd);
        assertTrue(during.out().contains("full disk\n") && !fromArchive(during, "full"), during.out());
        Thread.sleep(1500);
        assertEquals(logTime, Files.getLastModifiedTime(entry.resolve("aot.log")), "no maker while backing off");
        assertEquals(List.of(), processesOf(entry));

        assertEquals(0, Tools.sh("mount -o remount,size=200m '" + mnt + "'"));
        Files.setLastModifiedTime(failed, FileTime.from(Instant.now().minusSeconds(1))); // the back-off is over
        ok(cmd);
        awaitArchive(entry);
        assertFalse(Files.exists(failed));
        assertTrue(fromArchive(ok(cmd), "full"));
    }

    /**
     * Issue 11 item 10: a maker out of time (JRUN_AOT_MAX_SECONDS=1; a JDK 25 dump takes longer) stops
     * its dump, removes its files, says why, and backs off.
     */
    @Test
    void aMakerOutOfTimeStopsItsDumpAndSaysWhy() throws Exception {
        Path script = write("slow.java", hello("slow", "", "in time"));
        ok(jrun(25, "slow.java").env("JRUN_AOT_MAX_SECONDS", "0.05"));
        Path entry = entry(script);
        awaitNoMaker(entry, 30);
        Path failed = entry.resolve("aot.failed");
        assertTrue(Files.exists(failed), names(entry) + log(entry));
        assertTrue(Files.readString(failed).contains("took more than 0.05 s"), Files.readString(failed));
        assertEquals(List.of(), leftovers(entry));
        assertFalse(Files.exists(entry.resolve("aot.lock")));
        Jrun.Result verbose = jrun(25, "--verbose", "slow.java").run();
        assertTrue(verbose.err().contains("took more than 0.05 s") && verbose.err().contains("tries again later"), verbose.err());
    }

    /** Issue 11 item 10: a maker whose entry is removed while it waits stops, with nothing left running. */
    @Test
    void aMakerStopsWhenItsEntryIsGone() throws Exception {
        Path script = write("bye.java", hello("bye", "", "bye").replace("System.out.println(\"bye\");",
                "System.out.println(\"bye\");\n        Thread.sleep(1500);"));
        Process run = jrun(17, "bye.java").builder().start();
        Path entry = null;
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (entry == null && System.nanoTime() < deadline) {
            try {
                entry = entry(script);
            } catch (IOException | AssertionError e) {
                Thread.sleep(50);
            }
        }
        assertTrue(makerPid(entry, 0) > 0, "a maker started");
        // the script runs (its JVM has its jar open) and the maker waits for it: now the entry goes
        assertEquals("bye", new java.io.BufferedReader(new java.io.InputStreamReader(run.getInputStream())).readLine());
        Tools.sh("rm -rf '" + entry + "'");
        assertEquals(0, run.waitFor(), "the run itself is unharmed");
        awaitNoMaker(entry, 10);
        assertFalse(Files.exists(entry));
    }
}
