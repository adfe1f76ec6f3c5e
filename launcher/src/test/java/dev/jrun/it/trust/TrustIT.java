package dev.jrun.it.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrun.it.Jrun;
import dev.jrun.it.ScriptDir;
import dev.jrun.it.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Fault injection for the promise that a cached run runs exactly what the script says, or refuses:
 * edits during a build, another user's writes, clean-up during runs, damaged entries, bad input.
 * The races are repeated (the counts are in each test) with random timing, and every run's output
 * is checked.
 */
class TrustIT extends ScriptDir {

    /** A fixed seed per run of the suite would hide nothing: the timings are what vary. */
    final Random random = new Random();

    static String says(String cls, String word) {
        return "public class " + cls + " { public static void main(String[] a) { System.out.println(\"" + word
                + "\"); } }\n";
    }

    /** Saves {@code text} over {@code file} the way editors do: a new file renamed over the old one. */
    static void saveByRename(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".swp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Issue 11, case 1: the script is saved with new text while its first build runs. Whatever the
     * timing, the run prints one of the two words, and later runs of the old text print the old word and of the new text the new word.
     * 12 trials, the edit 0 to 600 ms into the build.
     */
    @Test
    void anEditDuringTheBuildNeverPoisonsTheEntry() throws Exception {
        for (int trial = 0; trial < 12; trial++) {
            String a = says("k", "A" + trial);
            String b = says("k", "B" + trial);
            Path k = write("k.java", a);
            Process first = jrun("k.java").builder().redirectErrorStream(true).start();
            Thread.sleep(random.nextInt(600));
            saveByRename(k, b);
            assertTrue(first.waitFor(2, TimeUnit.MINUTES));
            String out = new String(first.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            // (issue 27: never "changed while jrun was reading it": the version read runs)
            assertTrue(out.equals("A" + trial + "\n") || out.equals("B" + trial + "\n"), "trial " + trial + ": " + out);
            saveByRename(k, a);
            Jrun.Result ra = jrun("k.java").run();
            assertEquals("A" + trial + "\n", ra.out(), "trial " + trial + ": " + ra);
            saveByRename(k, b);
            Jrun.Result rb = jrun("k.java").run();
            assertEquals("B" + trial + "\n", rb.out(), "trial " + trial + ": " + rb);
        }
    }

    /**
     * A cached run that skips the script's hash (the path index records the file's identity) still
     * never runs a stale entry: an edit that keeps the size and sets the old mtime back (touch -r),
     * an editor's rename of a same-sized file with the old mtime, edits in quick succession, and a
     * copy of the cache's index file for another script. Each run prints what the script says.
     */
    @Test
    void theIdentityShortcutNeverRunsAnEditedScript() throws Exception {
        Path s = write("same.java", says("same", "AA"));
        Path stamp = write("stamp", "");
        Files.setLastModifiedTime(stamp, Files.getLastModifiedTime(s));
        for (int i = 0; i < 3; i++) {
            assertEquals("AA\n", jrun("same.java").run().out()); // built, then index recorded, then by identity
        }
        assertTrue(jrun("--verbose", "same.java").run().err().contains("unchanged since its last run"));
        // the same size, the old mtime: only the ctime (and for a rename the inode) tells
        Files.writeString(s, says("same", "BB"), StandardCharsets.UTF_8);
        Files.setLastModifiedTime(s, Files.getLastModifiedTime(stamp));
        assertEquals("BB\n", jrun("same.java").run().out());
        assertEquals("BB\n", jrun("same.java").run().out());
        saveByRename(s, says("same", "CC"));
        Files.setLastModifiedTime(s, Files.getLastModifiedTime(stamp));
        assertEquals("CC\n", jrun("same.java").run().out());
        assertEquals("CC\n", jrun("same.java").run().out());
        for (int i = 0; i < 12; i++) {
            String w = "W" + (char) ('a' + i);
            Files.writeString(s, says("same", w), StandardCharsets.UTF_8);
            assertEquals(w + "\n", jrun("same.java").run().out(), "edit " + i);
        }
        // another script's index file copied over this one's names the other entry: never run it
        write("other.java", says("other", "OTHER"));
        assertEquals("OTHER\n", jrun("other.java").run().out());
        assertEquals("OTHER\n", jrun("other.java").run().out());
        Path byPath = cache().resolve("by-path" + dir.toAbsolutePath());
        Files.copy(byPath.resolve("other.java.ix"), byPath.resolve("same.java.ix"), StandardCopyOption.REPLACE_EXISTING);
        Jrun.Result r = jrun("same.java").run();
        assertEquals("Wl\n", r.out(), r.toString());
    }

    /** The same for a //SOURCES file edited during the build: 10 trials. */
    @Test
    void anEditOfASourceDuringTheBuildNeverPoisonsTheEntry() throws Exception {
        write("main.java", "//SOURCES helper.java\npublic class main { public static void main(String[] a) {"
                + " System.out.println(helper.word()); } }\n");
        for (int trial = 0; trial < 10; trial++) {
            String a = "class helper { static String word() { return \"A" + trial + "\"; } }\n";
            String b = "class helper { static String word() { return \"B" + trial + "\"; } }\n";
            Path h = write("helper.java", a);
            Process first = jrun("main.java").builder().redirectErrorStream(true).start();
            Thread.sleep(random.nextInt(600));
            saveByRename(h, b);
            assertTrue(first.waitFor(2, TimeUnit.MINUTES));
            for (int again = 0; again < 2; again++) {
                Jrun.Result rb = jrun("--verbose", "main.java").run();
                assertEquals("B" + trial + "\n", rb.out(), "trial " + trial + ": " + rb);
                if (again == 1) {
                    assertTrue(rb.err().contains("jrun: cached:"), "a second run is cached: " + rb.err());
                }
            }
            saveByRename(h, a);
            assertEquals("A" + trial + "\n", jrun("main.java").run().out());
        }
    }

    /**
     * Issue 11, case 2: with the cache root, or (in directories others can enter) entries/, an entry
     * or a file in it writable by others, or a directory above the root writable by others, a cached run
     * refuses with one line saying how to fix it, and runs nothing.
     */
    @Test
    void aCacheOthersCanWriteIsRefused() throws Exception {
        write("hello.java", says("hello", "hi"));
        assertEquals("hi\n", jrun("hello.java").run().out());
        Path entry;
        try (Stream<Path> s = Files.list(cache().resolve("entries"))) {
            entry = s.findFirst().orElseThrow();
        }
        String build = Files.readString(entry.resolve("current")).strip();
        List<Path> targets = List.of(cache(), cache().resolve("entries"), entry, entry.resolve("current"),
                entry.resolve(build), entry.resolve(build).resolve("run.env"), entry.resolve(build).resolve("java.args"),
                entry.resolve(build).resolve("app.jar"));
        // (the root jrun makes is 0700: nothing below it is within others' reach, whatever its mode;
        // a root others can enter, as one made by hand may be, has each step checked)
        for (Path d : List.of(cache(), cache().resolve("entries"), entry, entry.resolve(build), entry.resolve(build).resolve("lib"))) {
            Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwx--x--x"));
        }
        for (Path p : targets) {
            String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxrwxrwx" : "rw-rw-rw-"));
            Jrun.Result r = jrun("hello.java").run();
            assertEquals(7, r.status(), p + ": " + r);
            assertEquals("", r.out(), p + ": " + r);
            assertTrue(r.err().startsWith("jrun: error: " + p + " can be written by others"), r.err());
            assertTrue(r.err().contains("chmod -R go-w " + cache()), r.err());
            assertEquals(1, r.err().lines().count(), r.err());
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode));
            assertEquals("hi\n", jrun("hello.java").run().out(), "fixed: " + p);
        }
        // a directory above the root that others can write to (without the sticky bit /tmp has)
        Path shared = Files.createDirectories(dir.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        Jrun.Result built = Jrun.cmd("hello.java").dir(dir).cache(shared.resolve("cache")).run();
        Jrun.Result r = Jrun.cmd("hello.java").dir(dir).cache(shared.resolve("cache")).run();
        assertEquals(7, r.status(), built + "\n" + r);
        assertTrue(r.err().startsWith("jrun: error: " + shared + " (above the cache root) can be written by others"), r.err());
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /**
     * Issue 11, case 2 as it was reproduced: the cache made 0777 (a chmod -R), and another user
     * (nobody) appends a command to run.env and swaps java.args. The owner's next run refuses and
     * nothing of theirs runs. 3 kinds of tampering.
     */
    @Test
    void anotherUsersWritesNeverRunAsYou() throws Exception {
        Assumptions.assumeTrue(Tools.isRoot() && Tools.onPath("setpriv"), "needs root and setpriv");
        write("hello.java", says("hello", "hi"));
        assertEquals("hi\n", jrun("hello.java").run().out());
        Tools.sh("chmod -R a+rwX '" + cache() + "' && chmod a+rx '" + dir + "'");
        Path entry;
        try (Stream<Path> s = Files.list(cache().resolve("entries"))) {
            entry = s.findFirst().orElseThrow();
        }
        Path build = entry.resolve(Files.readString(entry.resolve("current")).strip());
        Path evil = dir.resolve("evil");
        String[] attacks = {
            "echo 'touch " + evil + "' >> '" + build.resolve("run.env") + "'",
            "printf '%s\\n' '\"-cp\"' '\"/nonexistent\"' '\"-Devil=1\"' > '" + build.resolve("java.args") + "'",
            "mv '" + cache().resolve("entries") + "' '" + cache().resolve("gone") + "' && mkdir '" + cache().resolve("entries") + "'",
        };
        for (String attack : attacks) {
            Tools.asOtherUser("nobody", () -> assertEquals(0, Tools.sh("setpriv --reuid=nobody --regid=nogroup --clear-groups sh -c \""
                    + attack.replace("\"", "\\\"") + "\"")));
            Jrun.Result r = jrun("hello.java").run();
            assertEquals(7, r.status(), attack + ": " + r);
            assertFalse(Files.exists(evil), attack);
            // (the front end refuses the cache, or, with entries/ swapped, the builder refuses the root)
            assertTrue(r.err().contains("can be written by others") || r.err().contains("others can write to it"), r.err());
        }
    }

    /**
     * Issue 11, case 3: {@code jrun cache clear} and {@code cache gc} in a loop while the script
     * runs: every run prints its output (it keeps the build it chose, or rebuilds). 24 runs of a
     * file and 12 of a script on standard input against a clearing loop.
     */
    @Test
    void cleanUpNeverBreaksARunInProgress() throws Exception {
        write("hello.java", says("hello", "hi"));
        assertEquals("hi\n", jrun("hello.java").run().out());
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> cleaner = pool.submit(() -> {
                int n = 0;
                while (!stop.get()) {
                    Jrun.Result c = (n % 2 == 0 ? jrun("cache", "clear") : jrun("cache", "gc", "--older-than", "0")).run();
                    assertEquals(0, c.status(), c.toString());
                    n++;
                }
                return n;
            });
            for (int i = 0; i < 24; i++) {
                Jrun.Result r = jrun("hello.java").run();
                assertEquals("hi\n", r.out(), "run " + i + ": " + r);
                assertEquals(0, r.status(), r.toString());
            }
            for (int i = 0; i < 12; i++) {
                Jrun.Result r = jrun("-").stdin(says("stdin", "from stdin " + i)).run();
                assertEquals("from stdin " + i + "\n", r.out(), "stdin run " + i + ": " + r);
            }
            stop.set(true);
            assertTrue(cleaner.get(2, TimeUnit.MINUTES) > 0);
        } finally {
            stop.set(true);
            pool.shutdownNow();
        }
    }

    /** Issue 11, case 5: a damaged entry is noticed and rebuilt, whatever was damaged. */
    @Test
    void aDamagedEntryIsRebuilt() throws Exception {
        write("hello.java", says("hello", "hi"));
        String[] damage = {"run.env:empty", "run.env:truncated", "app.jar:gone", "java.args:gone", "run.env:gone"};
        for (String d : damage) {
            assertEquals("hi\n", jrun("hello.java").run().out());
            Path entry;
            try (Stream<Path> s = Files.list(cache().resolve("entries"))) {
                entry = s.findFirst().orElseThrow();
            }
            Path build = entry.resolve(Files.readString(entry.resolve("current")).strip());
            Path file = build.resolve(d.substring(0, d.indexOf(':')));
            switch (d.substring(d.indexOf(':') + 1)) {
                case "empty" -> Files.writeString(file, "");
                case "truncated" -> Files.writeString(file, Files.readString(file).substring(0, 60));
                default -> Files.delete(file);
            }
            Jrun.Result r = jrun("hello.java").run();
            assertEquals("hi\n", r.out(), d + ": " + r);
            assertEquals("", r.err(), d + ": " + r);
        }
    }

    /** Issue 11, kills: a first run killed at a random point, 15 times; the next run is right. */
    @Test
    void aKilledBuildLeavesNothingTrusted() throws Exception {
        for (int trial = 0; trial < 15; trial++) {
            write("kill.java", says("kill", "K" + trial));
            Process p = jrun("kill.java").builder().start();
            Thread.sleep(random.nextInt(900));
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(1, TimeUnit.MINUTES);
            Jrun.Result r = jrun("kill.java").run();
            assertEquals("K" + trial + "\n", r.out(), "trial " + trial + ": " + r);
        }
    }

    /** Issue 11, bad input: each a prompt one-line error with its status. */
    @Test
    void badInputIsAOneLineError() throws Exception {
        Tools.sh("mkfifo '" + dir.resolve("fifo.java") + "'");
        check(jrun("fifo.java").timeout(Duration.ofSeconds(30)).run(), 3, "jrun: error: fifo.java: is not a regular file");
        Files.createSymbolicLink(dir.resolve("zero.java"), Path.of("/dev/zero"));
        check(jrun("zero.java").timeout(Duration.ofSeconds(30)).run(), 3, "jrun: error: zero.java: is not a regular file");
        write("bare.java", "//JAVA_OPTIONS -Xmx64m Hello\n" + says("bare", "x"));
        check(jrun("bare.java").run(), 3, "jrun: error: bare.java:1: //JAVA_OPTIONS: 'Hello' is not a JVM option");
        write("all.java", "//SOURCES /**\n" + says("all", "x"));
        check(jrun("all.java").timeout(Duration.ofSeconds(60)).run(), 3,
                "jrun: error: all.java:1: //SOURCES: /**: would search the whole file system");
    }

    /** Issue 15: a file named like a subcommand (cache) does not stand in for it; a script is named with .java. */
    @Test
    void aSubcommandWinsOverAFileOfItsName() throws Exception {
        write("cache", says("cache", "not a script"));
        Jrun.Result r = jrun("cache", "list").run();
        assertEquals(0, r.status(), r.toString());
        assertTrue(r.out().contains("0 entries"), r.out());
    }

    static void check(Jrun.Result r, int status, String start) {
        assertEquals(status, r.status(), r.toString());
        assertTrue(r.err().startsWith(start), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }
}
