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

    /**
     * An entry damaged by hand between runs (a file of its build, its {@code current} pointer or the
     * whole build removed): the next run sees it and builds again, with no raw JVM error
     * ("Could not find or load main class") and the right output.
     */
    @Test
    void anEntryDamagedByHandIsBuiltAgain() throws Exception {
        write("dm.java", "public class dm { public static void main(String[] a) { System.out.println(\"dm ok\"); } }\n");
        Tally tally = new Tally();
        Jrun.Result first = jrun("dm.java").run();
        tally.count(first, first.out().equals("dm ok\n"));
        for (String part : List.of("app.jar", "java.args", "run.env", "", "../current", "..")) {
            Path build;
            try (var entries = Files.list(cache().resolve("entries"))) {
                Path entry = entries.filter(Files::isDirectory).findFirst().orElseThrow();
                build = entry.resolve(Files.readString(entry.resolve("current")).strip());
            }
            Path gone = part.isEmpty() ? build : build.resolve(part).normalize();
            assertEquals(0, Tools.sh("rm -rf '" + gone + "'"), "rm " + gone);
            Jrun.Result r = jrun("dm.java").run();
            tally.count(r, r.out().equals("dm ok\n"));
            Jrun.Result again = jrun("dm.java").run();
            tally.count(again, again.out().equals("dm ok\n"));
        }
        tally.assertClean();
    }

    /**
     * A reply line that reaches the client in two parts, the second after its read timed out (a
     * server or client held up mid-line on a loaded machine): the line reaches the user whole.
     * The server here is a stand-in (python3, named as the server in the pid file) that answers one
     * client: "A", then an "E" line written in two parts 0.8 s apart, then status 4.
     */
    @Test
    void aReplyLineArrivingInTwoPartsReachesTheUserWhole() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Tools.onPath("python3"), "needs python3 for the stand-in");
        Path sd = startServer();
        long old = ServerIT.serverPid(sd);
        assertEquals(0, Tools.sh("kill -9 " + old));
        ServerIT.await(() -> ProcessHandle.of(old).isEmpty(), Duration.ofSeconds(30), () -> "the server to die");
        Process slow = new ProcessBuilder("python3", "-c", String.join("\n",
                "import os, sys, time",
                "d = sys.argv[2]",
                "fd = os.open(d + '/in', os.O_RDWR)",
                "print('ready', flush=True)",
                "req = b''",
                "while not req.endswith(b'\\n'): req += os.read(fd, 1)",
                "words = req.decode().split()",
                "reply = d + ('/p.' + words[1] if len(words) > 1 else '/r.' + words[0])",
                "w = os.open(reply, os.O_WRONLY)",
                "os.write(w, b'A\\n')",
                "time.sleep(0.1)",
                "os.write(w, b'E jrun: error: slow.java:1: one half')",
                "time.sleep(0.8)",
                "os.write(w, b' and the other half\\n')",
                "os.write(w, b'X 4\\n')",
                "time.sleep(30)"), "dev.jrun.serve.ServerMain", sd.toString()).redirectErrorStream(true).start();
        try {
            assertEquals("ready", new java.io.BufferedReader(new java.io.InputStreamReader(slow.getInputStream())).readLine());
            Files.writeString(sd.resolve("pid"), slow.pid() + "\n");
            write("slow.java", ServerIT.says("slow", "never"));
            Jrun.Result r = served("slow.java").run();
            assertEquals(4, r.status(), r.toString());
            assertEquals("jrun: error: slow.java:1: one half and the other half\n", r.err(), r.toString());
        } finally {
            slow.destroyForcibly();
        }
    }
}
