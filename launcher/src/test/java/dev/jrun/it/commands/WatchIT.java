package dev.jrun.it.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrun.it.Jrun;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** jrun --watch: runs the script again on each save, and leaves nothing behind when stopped. */
class WatchIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private Watch watch;

    @AfterEach
    void stopWatching() throws Exception {
        if (watch != null) {
            watch.kill();
        }
    }

    /** A script that says VERSION and its pid, is stopped by SIGTERM (its shutdown hook says so), and echoes its input. */
    private static String script(String version) {
        return "public class app { public static void main(String[] a) throws Exception {\n"
                + "  long pid = ProcessHandle.current().pid();\n"
                + "  Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println(\"stopped " + version
                + " \" + pid)));\n"
                + "  System.out.println(\"" + version + " \" + pid + \" \" + String.join(\",\", a));\n"
                + "  var in = new java.io.BufferedReader(new java.io.InputStreamReader(System.in));\n"
                + "  for (String line; (line = in.readLine()) != null; ) System.out.println(\"" + version
                + " got \" + line);\n"
                + "  Thread.sleep(Long.MAX_VALUE);\n"
                + "} }\n";
    }

    @Test
    void aSaveStopsTheRunAndRunsTheNewVersion() throws Exception {
        Path app = dir.resolve("app.java");
        Files.writeString(app, script("one"));
        watch = new Watch("--watch", "--java", "17", "app.java", "x", "y");
        long first = watch.pidOf(watch.out("one "));

        save(app, script("two"));
        assertEquals("stopped one " + first, watch.out("stopped one"), "SIGTERM, so its shutdown hook ran");
        String two = watch.out("two ");
        assertTrue(two.endsWith(" x,y"), "the options and arguments reach each run: " + two);
        assertTrue(watch.err("jrun: app.java changed").contains("running it again"));
        assertFalse(ProcessHandle.of(first).map(ProcessHandle::isAlive).orElse(false), "the first run is gone");
    }

    @Test
    void aCompileErrorIsShownAndTheNextSaveRunsTheFix() throws Exception {
        Path app = dir.resolve("app.java");
        Files.writeString(app, "public class app {\n  int x = ;\n}\n");
        watch = new Watch("--watch", "app.java");
        assertTrue(watch.err("app.java:2").contains("error"));
        assertTrue(watch.err("jrun: error:").contains("app.java"));
        assertEquals("jrun: watching 1 file; save one to run again, Ctrl-C to stop", watch.err("jrun: watching"));

        save(app, script("fixed"));
        watch.out("fixed ");
    }

    @Test
    void ctrlCEndsTheWatchAndItsRunWithNothingLeftBehind() throws Exception {
        Path app = dir.resolve("app.java");
        Files.writeString(app, "public class app { public static void main(String[] a) throws Exception {\n"
                + "  Process child = new ProcessBuilder(\"sleep\", \"600\").start();\n"
                + "  System.out.println(\"pids \" + ProcessHandle.current().pid() + \" \" + child.pid());\n"
                + "  Thread.sleep(Long.MAX_VALUE);\n"
                + "} }\n");
        watch = new Watch("--watch", "app.java");
        String[] pids = watch.out("pids ").split(" ");
        List<ProcessHandle> tree = new ArrayList<>(watch.process.descendants().toList());
        for (int i = 1; i < pids.length; i++) {
            tree.add(ProcessHandle.of(Long.parseLong(pids[i])).orElseThrow());
        }

        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(watch.process.pid())).inheritIO().start();
        assertEquals(0, kill.waitFor());
        assertTrue(watch.process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS), "the watch ends on SIGINT");
        assertEquals(130, watch.process.exitValue());
        for (ProcessHandle p : tree) {
            assertFalse(p.isAlive(), "left behind: " + p.pid() + " " + p.info().commandLine().orElse(""));
        }
    }

    @Test
    void aSaveOfASourcesFileOrANewFileOfItsGlobRunsItAgain() throws Exception {
        Files.createDirectories(dir.resolve("lib"));
        Files.writeString(dir.resolve("lib/Lib.java"), "class Lib { static String s() { return \"lib one\"; } }\n");
        Files.writeString(dir.resolve("app.java"), "//SOURCES lib/*.java\n"
                + "public class app { public static void main(String[] a) throws Exception {\n"
                + "  System.out.println(Lib.s() + \" \" + ProcessHandle.current().pid());\n"
                + "} }\n");
        watch = new Watch("--watch", "app.java");
        watch.out("lib one");
        watch.err("jrun: watching 2 files");

        save(dir.resolve("lib/Lib.java"), "class Lib { static String s() { return \"lib two\"; } }\n");
        watch.out("lib two");
        watch.err("jrun: watching 2 files");

        Files.writeString(dir.resolve("lib/Extra.java"), "class Extra { }\n");
        watch.err("jrun: lib/*.java changed");
        watch.out("lib two");
        watch.err("jrun: watching 3 files");
    }

    @Test
    void standardInputReachesTheCurrentRun() throws Exception {
        Path app = dir.resolve("app.java");
        Files.writeString(app, script("one"));
        watch = new Watch("--watch", "app.java");
        watch.out("one ");
        watch.type("hello");
        assertEquals("one got hello", watch.out("one got"));

        save(app, script("two"));
        watch.out("two ");
        watch.type("again");
        assertEquals("two got again", watch.out("two got"));
    }

    @Test
    void withoutAScriptItIsAUsageError() {
        Jrun.Result r = Jrun.cmd("--watch").dir(dir).cache(dir.resolve("cache")).run();
        assertEquals(2, r.status(), r.toString());
        assertTrue(r.err().startsWith("jrun: error: ") && r.err().strip().lines().count() == 1, r.toString());
    }

    /** Saves as editors do: a new file renamed over the old one. */
    private void save(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".swp");
        Files.writeString(tmp, text);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** A running jrun --watch, its output read line by line. */
    private final class Watch {
        final Process process;
        private final BlockingQueue<String> out = new LinkedBlockingQueue<>();
        private final BlockingQueue<String> err = new LinkedBlockingQueue<>();
        private final StringBuffer all = new StringBuffer();
        private final OutputStream in;

        Watch(String... args) throws IOException {
            process = Jrun.cmd(args).dir(dir).cache(dir.resolve("cache")).builder().start();
            in = process.getOutputStream();
            read(process.getInputStream(), out, "out");
            read(process.getErrorStream(), err, "err");
        }

        private void read(InputStream stream, BlockingQueue<String> lines, String name) {
            Thread t = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        all.append(name).append(": ").append(line).append('\n');
                        lines.add(line);
                    }
                } catch (IOException e) {
                    // the process is gone
                }
            }, "watch-" + name);
            t.setDaemon(true);
            t.start();
        }

        /** The next line of standard output that starts with {@code prefix} (earlier ones are skipped). */
        String out(String prefix) throws InterruptedException {
            return next(out, prefix);
        }

        String err(String prefix) throws InterruptedException {
            return next(err, prefix);
        }

        private String next(BlockingQueue<String> lines, String prefix) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (true) {
                String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (line == null) {
                    throw new AssertionError("no line starting with '" + prefix + "' in " + WAIT + "; output:\n" + all);
                }
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
        }

        long pidOf(String line) {
            return Long.parseLong(line.split(" ")[1]);
        }

        void type(String line) throws IOException {
            in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
        }

        /** Kills what is left of it: the test's clean-up, whatever happened. */
        void kill() throws InterruptedException {
            List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
            process.destroyForcibly();
            tree.forEach(ProcessHandle::destroyForcibly);
            process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS);
            for (ProcessHandle p : tree) {
                p.onExit().completeOnTimeout(p, WAIT.toSeconds(), TimeUnit.SECONDS).join();
            }
        }
    }
}
