package dev.jrun.it.commands;

import static dev.jrun.it.commands.InitIT.fails;
import static dev.jrun.it.commands.InitIT.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrun.it.Jrun;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** jrun cache list|clear|gc, and the automatic collection. */
class CacheIT {
    @TempDir
    Path dir;

    Path cache() {
        return dir.resolve("cache");
    }

    Jrun jrun(String... args) {
        return Jrun.cmd(args).dir(dir).cache(cache());
    }

    /** Writes and runs a script, which makes its entry; returns the entry. */
    Path script(String name) throws IOException {
        Files.writeString(dir.resolve(name + ".java"), "public class " + name + " { public static void main(String[] a) {"
                + " System.out.println(\"" + name + "\"); } }\n");
        Jrun.Result r = jrun(name + ".java").run();
        assertEquals(name + "\n", r.out(), r.toString());
        return entryOf(name);
    }

    Path entryOf(String name) throws IOException {
        Path script = dir.resolve(name + ".java").toRealPath();
        for (Path e : entries()) {
            try {
                if (Files.readString(build(e).resolve("entry.properties")).contains(script.toString().replace(":", "\\:"))) {
                    return e;
                }
            } catch (java.nio.file.NoSuchFileException retired) {
                // an entry a collection is removing
            }
        }
        throw new AssertionError("no entry for " + name + " among " + entries());
    }

    /** The entry's current build: where its files are. */
    static Path build(Path entry) throws IOException {
        return entry.resolve(Files.readString(entry.resolve("current")).strip());
    }

    List<Path> entries() throws IOException {
        try (Stream<Path> s = Files.list(cache().resolve("entries"))) {
            return s.toList();
        }
    }

    /** Makes the entry look unused (and built) that long ago. */
    static void age(Path entry, Duration ago) throws IOException {
        FileTime then = FileTime.from(Instant.now().minus(ago));
        Files.getFileAttributeView(build(entry).resolve("java.args"), BasicFileAttributeView.class).setTimes(then, then, null);
    }

    @Test
    void listShowsScriptsAndClearEmptiesIt() throws IOException {
        script("alpha");
        script("beta");
        Jrun.Result list = jrun("cache", "list").run();
        ok(list);
        assertTrue(list.out().contains(dir.resolve("alpha.java").toRealPath().toString()), list.out());
        assertTrue(list.out().contains(dir.resolve("beta.java").toRealPath().toString()), list.out());
        assertTrue(list.out().contains("2 entries"), list.out());
        assertTrue(list.out().lines().anyMatch(l -> l.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d +[0-9.]+[KMG]? .*alpha\\.java")),
                list.out());

        Jrun.Result clear = jrun("cache", "clear").run();
        ok(clear);
        assertTrue(clear.out().startsWith("removed 2 entries"), clear.out());
        assertEquals(List.of(), entries());
        assertTrue(jrun("cache", "list").run().out().contains("0 entries"));
        assertEquals("alpha\n", jrun("alpha.java").run().out()); // rebuilt
    }

    @Test
    void gcRemovesWhatWasNotUsedForAWhile() throws IOException {
        Path old = script("old");
        Path used = script("used");
        Path fresh = script("fresh");
        age(old, Duration.ofDays(40));
        age(used, Duration.ofDays(40));
        // a cached run reads java.args, which is what counts as use (relatime updates an old access time)
        Jrun.Result run = jrun("--verbose", "used.java").run();
        assertTrue(run.err().contains("cached"), run.toString());

        Jrun.Result gc = jrun("cache", "gc").run();
        ok(gc);
        assertTrue(gc.out().startsWith("removed 1 entry"), gc.out());
        assertFalse(Files.exists(old));
        assertTrue(Files.exists(used));
        assertTrue(Files.exists(fresh));

        ok(jrun("cache", "gc", "--older-than", "10d").run());
        assertEquals(2, entries().size());
        // a size budget: the least recently used go first
        age(used, Duration.ofDays(2));
        ok(jrun("cache", "gc", "--max-size", "1k").run());
        assertEquals(List.of(), entries(), "each entry is larger than 1k");

        fails(jrun("cache", "gc", "--older-than", "soon").run(), 2, "not a duration");
        fails(jrun("cache", "gc", "--max-size", "big").run(), 2, "not a size");
    }

    @Test
    void gcNeverRemovesAnEntryWhoseLockIsHeld() throws IOException {
        Path busy = script("busy");
        Path idle = script("idle");
        Path lockFile = cache().resolve("locks").resolve(busy.getFileName() + ".lock");
        // this test's JVM is the other process: it holds the lock as a running build would
        try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = ch.lock()) {
            Jrun.Result gc = jrun("cache", "gc", "--older-than", "0").run();
            ok(gc);
            assertTrue(gc.out().contains("kept " + busy.getFileName()), gc.out());
            assertTrue(Files.exists(build(busy).resolve("app.jar")));
            assertFalse(Files.exists(idle));
            Jrun.Result clear = jrun("cache", "clear").run();
            ok(clear);
            assertTrue(Files.exists(build(busy).resolve("app.jar")));
        }
        ok(jrun("cache", "gc", "--older-than", "0").run());
        assertFalse(Files.exists(busy));
    }

    @Test
    void theBuilderCollectsInTheBackgroundOnceADay() throws Exception {
        Path old = script("stale");
        Path stamp = cache().resolve("gc.stamp");
        assertTrue(Files.exists(stamp), "the first build starts the daily clock");
        age(old, Duration.ofDays(31));
        // not yet a day since the last collection: a build collects nothing
        script("second");
        assertFalse(Files.exists(cache().resolve("gc.log")), "no collection started");
        assertTrue(Files.exists(old));
        // a day later, the next build (a cache miss) starts a collection and goes on
        Files.setLastModifiedTime(stamp, FileTime.from(Instant.now().minus(Duration.ofHours(25))));
        script("third");
        Path log = cache().resolve("gc.log");
        for (int i = 0; i < 600 && !(Files.exists(log) && Files.readString(log).contains("removed")); i++) {
            Thread.sleep(100); // the collection runs on its own; wait for its last line
        }
        assertTrue(Files.readString(log).contains("removed 1 entries"), Files.readString(log));
        assertFalse(Files.exists(old), "the background collection removed the entry unused for 31 days");
        assertTrue(Files.getLastModifiedTime(stamp).toInstant().isAfter(Instant.now().minus(Duration.ofHours(1))));
        assertEquals(2, entries().size());
        // a cached run never collects: the stamp stays as it is
        Files.setLastModifiedTime(stamp, FileTime.from(Instant.now().minus(Duration.ofHours(25))));
        assertEquals("third\n", jrun("third.java").run().out());
        assertTrue(Files.getLastModifiedTime(stamp).toInstant().isBefore(Instant.now().minus(Duration.ofHours(24))));
    }
}
