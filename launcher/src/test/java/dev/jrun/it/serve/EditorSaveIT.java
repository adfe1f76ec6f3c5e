package dev.jrun.it.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrun.it.Jrun;
import dev.jrun.it.ScriptDir;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Fault injection (issue 27, item 2): an editor saves the script, atomically or in place, every
 * 0.2 to 0.5 s while runs follow each other (one after another, then three at once, through the
 * builder JVM and the compile server) for a bounded time. Every run must end with status 0,
 * print a version that was on disk while it ran, whole (the script's first half compiles by itself
 * and says so: a run of a half-written save is caught), and print nothing on stderr but jrun's own
 * lines.
 */
class EditorSaveIT extends ScriptDir {
    static final Pattern WHOLE = Pattern.compile("v([0-9]+) whole\n");
    /** How long each phase runs saves and runs. */
    static final Duration PHASE = Duration.ofSeconds(9);

    /** The first half of version n: a program by itself, which prints PARTIAL without the second. */
    static String firstHalf(int n) {
        return "public class ed { public static void main(String[] a) { String w;"
                + " try { Class.forName(\"edtail\"); w = \"whole\"; } catch (ClassNotFoundException e) { w = \"PARTIAL\"; }"
                + " System.out.println(\"v" + n + " \" + w); } }\n";
    }

    static final String SECOND_HALF = "class edtail { }\n";

    interface Save {
        void save(Path file, int version) throws IOException, InterruptedException;
    }

    /** As vim's default and most IDEs do: a temp file renamed over the script. */
    static void atomically(Path file, int version) throws IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".swp");
        Files.writeString(tmp, firstHalf(version) + SECOND_HALF, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** As nano or vim with backupcopy=yes do, slowly: truncated, then written in two writes, with pauses. */
    static void inPlace(Path file, int version) throws IOException, InterruptedException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            Thread.sleep(10);
            ch.write(ByteBuffer.wrap(firstHalf(version).getBytes(StandardCharsets.UTF_8)));
            Thread.sleep(40);
            ch.write(ByteBuffer.wrap(SECOND_HALF.getBytes(StandardCharsets.UTF_8)));
        }
    }

    @AfterEach
    void stopServers() throws Exception {
        if (Files.isDirectory(cache().resolve("server"))) {
            Jrun.cmd("server", "stop").dir(dir).cache(cache()).run();
        }
    }

    @Test
    void anEditorSavingAtomicallyDuringRunsFailsNoneAndRunsNoWrongVersion() throws Exception {
        savesDuringRuns(EditorSaveIT::atomically);
    }

    @Test
    void anEditorSavingInPlaceDuringRunsFailsNoneAndRunsNoHalfWrittenVersion() throws Exception {
        savesDuringRuns(EditorSaveIT::inPlace);
    }

    void savesDuringRuns(Save save) throws Exception {
        Path script = dir.resolve("ed.java");
        Files.writeString(script, firstHalf(0) + SECOND_HALF, StandardCharsets.UTF_8);
        AtomicInteger saved = new AtomicInteger(0); // the last version wholly on disk
        AtomicInteger writing = new AtomicInteger(0); // the version being written (>= saved)
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> editorFailed = new AtomicReference<>();
        Thread editor = new Thread(() -> {
            try {
                while (!stop.get()) {
                    Thread.sleep(ThreadLocalRandom.current().nextLong(200, 500));
                    int next = writing.incrementAndGet();
                    save.save(script, next);
                    saved.set(next);
                }
            } catch (Throwable e) {
                editorFailed.set(e);
            }
        }, "editor");
        FaultIT.Tally tally = new FaultIT.Tally();
        editor.start();
        try {
            // one run after another (the compile server, once the first build started it) ...
            runFor(tally, saved, writing, true);
            // ... then three at once: one building in the builder JVM, two through the server
            List<Thread> runners = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                boolean served = i > 0;
                Thread t = new Thread(() -> runFor(tally, saved, writing, served), "runner-" + i);
                t.start();
                runners.add(t);
            }
            for (Thread t : runners) {
                t.join(Duration.ofMinutes(3).toMillis());
            }
        } finally {
            stop.set(true);
            editor.join(10_000);
        }
        assertEquals(null, editorFailed.get(), "the editor failed");
        System.out.println("EditorSaveIT: " + writing.get() + " saves, " + tally.runs + " runs: " + tally.wrong + " wrong, "
                + tally.failed + " failed, " + tally.raw + " raw error lines");
        assertTrue(writing.get() >= 20, "the editor saved only " + writing.get() + " times");
        assertTrue(tally.runs.get() >= 12, "only " + tally.runs + " runs");
        tally.assertClean();
        Path sd = ServerIT.serverDir(cache());
        assertTrue(ServerIT.log(sd).contains(" built ed.java for process "), "no build by the compile server; its log:\n"
                + ServerIT.log(sd));
    }

    /** Runs the script for {@link #PHASE}, one run after another, counting each. */
    void runFor(FaultIT.Tally tally, AtomicInteger saved, AtomicInteger writing, boolean served) {
        long end = System.nanoTime() + PHASE.toNanos();
        while (System.nanoTime() < end) {
            int from = saved.get();
            Jrun j = jrun("ed.java").timeout(Duration.ofMinutes(2));
            Jrun.Result r = (served ? j.env("JRUN_COMPILE_SERVER", null) : j).run();
            int to = writing.get();
            Matcher m = WHOLE.matcher(FaultIT.scriptOut(r));
            boolean right = m.matches() && Integer.parseInt(m.group(1)) >= from && Integer.parseInt(m.group(1)) <= to;
            tally.count(r, right);
        }
    }
}
