package dev.jrun.it.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrun.it.Jrun;
import dev.jrun.it.ScriptDir;
import dev.jrun.it.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Fault injection (issue 27): 200 concurrent clients of a compile server whose reply pool is
 * taken, and the server killed (-9) while it answers (a saving editor during runs: {@link EditorSaveIT}).
 * Each counts wrong outputs, failed runs and raw (non-{@code jrun:}) error lines, all of which must be 0. Bounded in runs and time; every server is stopped after.
 */
class FaultIT extends ScriptDir {
    /**
     * A run's standard output without the one line the JDK itself may print there when JVMs start by
     * the hundred and process ids come round again: a starting JVM's sweep of stale hsperfdata files
     * flocks each one it looks at, and the new JVM whose pid names the file being looked at warns
     * "[perf,memops] Cannot use file ... because it is locked by another process" (JDK 17.0.5+,
     * JDK-8286030) and runs on. {@code java -cp} does the same; jrun's own output is all the rest.
     */
    static String scriptOut(Jrun.Result r) {
        return r.out().replaceAll("(?m)^\\[[0-9.]+s\\]\\[warning\\]\\[perf,memops\\] Cannot use file /tmp/hsperfdata_[^ ]+"
                + " because it is locked by another process \\(errno = 11\\)\n", "");
    }

    /** What went wrong over many runs: wrong outputs, failed runs, raw (non-jrun) stderr lines. */
    static final class Tally {
        final AtomicInteger runs = new AtomicInteger();
        final AtomicInteger wrong = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final AtomicInteger raw = new AtomicInteger();
        final List<String> examples = java.util.Collections.synchronizedList(new ArrayList<>());

        void count(Jrun.Result r, boolean right) {
            runs.incrementAndGet();
            boolean bad = false;
            if (r.status() != 0) {
                failed.incrementAndGet();
                bad = true;
            } else if (!right) {
                wrong.incrementAndGet();
                bad = true;
            }
            for (String line : r.err().lines().toList()) {
                if (!line.startsWith("jrun: ")) {
                    raw.incrementAndGet();
                    bad = true;
                }
            }
            if (bad && examples.size() < 5) {
                examples.add(r.toString());
            }
        }

        void assertClean() {
            String what = runs + " runs: " + wrong + " wrong, " + failed + " failed, " + raw + " raw error lines\n"
                    + String.join("\n---\n", examples);
            assertEquals(0, wrong.get() + failed.get() + raw.get(), what);
        }
    }

    /** jrun with the compile server on. */
    Jrun served(String... args) {
        return jrun(args).env("JRUN_COMPILE_SERVER", null).timeout(Duration.ofMinutes(2));
    }

    @AfterEach
    void stopServers() throws Exception {
        if (Files.isDirectory(cache().resolve("server"))) {
            Jrun.cmd("server", "stop").dir(dir).cache(cache()).run();
        }
    }

    /** Starts the server (a miss builds in the builder JVM and starts it) and waits until it is warm. */
    Path startServer() throws IOException {
        write("start.java", ServerIT.says("start", "started"));
        Jrun.Result r = served("start.java").run();
        assertEquals(0, r.status(), r.toString());
        return ServerIT.awaitWarm(cache());
    }

    /** Claims every pooled reply FIFO for this (live) test JVM, so that every client makes its own. */
    static void takeThePool(Path sd) throws IOException {
        for (int i = 0; i < 16; i++) {
            Files.writeString(sd.resolve("c." + i), ProcessHandle.current().pid() + "\n");
        }
    }

    /** {@code clients} runs at once over {@code scripts} new scripts, each printing its own word. */
    Tally concurrentRuns(int clients, int scripts, Runnable whileRunning) throws Exception {
        for (int s = 0; s < scripts; s++) {
            write("c" + s + ".java", ServerIT.says("c" + s, "word" + s));
        }
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        Tally tally = new Tally();
        try {
            List<Future<Jrun.Result>> runs = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                runs.add(pool.submit(served("c" + i % scripts + ".java").timeout(Duration.ofMinutes(3))::run));
            }
            whileRunning.run();
            for (int i = 0; i < clients; i++) {
                Jrun.Result r = runs.get(i).get(4, TimeUnit.MINUTES);
                tally.count(r, scriptOut(r).equals("word" + i % scripts + "\n"));
            }
        } finally {
            pool.shutdownNow();
        }
        return tally;
    }

    @Test
    void twoHundredClientsWithThePoolTakenAllGetTheirAnswers() throws Exception {
        Path sd = startServer();
        long pid = ServerIT.serverPid(sd);
        takeThePool(sd);
        Tally tally = concurrentRuns(200, 10, () -> { });
        tally.assertClean();
        assertTrue(ServerIT.alive(pid), "the server that answered was killed; its log:\n" + ServerIT.log(sd));
        assertTrue(!Files.exists(sd.resolve("stuck")), "a client marked the answering server stuck");
        assertTrue(ServerIT.log(sd).contains(" built c1.java for process "), ServerIT.log(sd));
        try (var s = Files.list(sd)) {
            assertEquals(List.of(), s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("r.") || n.startsWith("q."))
                    .toList(), "requests and reply FIFOs left");
        }
    }

    @Test
    void theServerKilledMidReplyFailsNoRun() throws Exception {
        Path sd = startServer();
        long pid = ServerIT.serverPid(sd);
        takeThePool(sd);
        Tally tally = concurrentRuns(24, 12, () -> {
            // killed once it has taken a build, with others under way or queued
            ServerIT.await(() -> ServerIT.log(sd).contains(" built c"), Duration.ofSeconds(90), () -> "a served build");
            assertEquals(0, Tools.sh("kill -9 " + pid));
        });
        tally.assertClean();
    }
}
