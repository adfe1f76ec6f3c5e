package dev.jrun.it.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jrun.it.Jrun;
import dev.jrun.it.Tools;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** jrun init: each template writes a script that runs at once; its errors. */
class InitIT {
    @TempDir
    Path dir;

    Jrun jrun(String... args) {
        return Jrun.cmd(args).dir(dir).cache(dir.resolve("cache"));
    }

    static void ok(Jrun.Result r) {
        assertEquals(0, r.status(), r.toString());
    }

    /** One line on stderr, jrun's form, and the status. */
    static void fails(Jrun.Result r, int status, String needle) {
        assertEquals(status, r.status(), r.toString());
        assertTrue(r.err().startsWith("jrun: error: ") && r.err().strip().lines().count() == 1, r.toString());
        assertTrue(r.err().contains(needle), r.toString());
    }

    @Test
    void listsTheTemplates() {
        Jrun.Result r = jrun("init", "--list").run();
        ok(r);
        for (String t : new String[] {"hello", "cli", "server", "test"}) {
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith(t + " ")), r.out());
        }
    }

    @Test
    void helloIsTheDefaultAndRunsAsAProgramEvenWithoutBinfmt() throws Exception {
        ok(jrun("init", "greeter.java").run());
        Path file = dir.resolve("greeter.java");
        assertTrue(Files.isExecutable(file));
        String text = Files.readString(file);
        assertTrue(text.startsWith("#!/usr/bin/env jrun\n"), text);
        assertTrue(text.contains("public class greeter"), text);
        Jrun.Result r = jrun("greeter.java", "you", "and me").run();
        ok(r);
        assertEquals("Hello, you and me!\n", r.out());
        // as a program: through binfmt_misc if registered, else the kernel reads the #! line
        ProcessBuilder run = new ProcessBuilder("sh", "-c", "cd \"$1\" && ./greeter.java there", "sh", dir.toString())
                .redirectErrorStream(true);
        run.environment().put("PATH", Jrun.cmd().builder().environment().get("PATH"));
        run.environment().put("JRUN_CACHE_DIR", dir.resolve("cache").toString());
        Process proc = run.start();
        proc.getOutputStream().close();
        String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(proc.waitFor(60, TimeUnit.SECONDS));
        assertEquals("Hello, there!\n", out);
    }

    @Test
    void cliTemplateHasOptionsAndHelp() {
        ok(jrun("init", "-t", "cli", "tool.java").run());
        Jrun.Result help = jrun("tool.java", "--help").run();
        ok(help);
        assertTrue(help.out().startsWith("Usage: tool"), help.out());
        assertTrue(help.out().contains("--times"), help.out());
        Jrun.Result r = jrun("tool.java", "-n", "2", "Ada").run();
        ok(r);
        assertEquals("Hello, Ada!\nHello, Ada!\n", r.out());
        assertEquals(2, jrun("tool.java", "--no-such-option").run().status());
    }

    @Test
    void serverTemplateListensAndAnswers() throws Exception {
        ok(jrun("init", "--template", "server", "echo.java").run());
        Process p = jrun("echo.java", "--port", "0").start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String first = out.readLine();
            Matcher m = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)").matcher(String.valueOf(first));
            assertTrue(m.matches(), "first line: " + first);
            try (Socket s = new Socket("127.0.0.1", Integer.parseInt(m.group(1)));
                 PrintWriter w = new PrintWriter(s.getOutputStream(), true, StandardCharsets.UTF_8);
                 BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))) {
                w.println("héllo there");
                assertEquals("HÉLLO THERE", in.readLine());
            }
        } finally {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void testTemplateRunsItsOwnTests() {
        ok(jrun("init", "-t", "test", "checks.java").run());
        Jrun.Result r = jrun("checks.java").timeout(java.time.Duration.ofMinutes(4)).run();
        ok(r);
        assertTrue(r.out().contains("4 tests successful"), r.out());
        assertTrue(r.out().contains("0 tests failed"), r.out());
        assertFalse(r.out().contains("\u001b["), "no colour codes into a pipe: " + r.out());

        // on a terminal (script(1) gives it one): colours, unless NO_COLOR is set
        assumeTrue(Tools.onPath("script"), "script(1) is not installed");
        String command = "'" + Jrun.bin() + "' checks.java";
        ProcessBuilder tty = Jrun.cmd().dir(dir).cache(dir.resolve("cache")).builder().command("script", "-qec", command, "/dev/null");
        String coloured = output(tty);
        assertTrue(coloured.contains("\u001b["), "colours on a terminal: " + coloured);
        tty.environment().put("NO_COLOR", "1");
        String plain = output(tty);
        assertTrue(plain.contains("4 tests successful") && !plain.contains("\u001b["), "NO_COLOR: " + plain);
    }

    private static String output(ProcessBuilder pb) {
        try {
            Process p = pb.redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(p.waitFor(2, TimeUnit.MINUTES));
            return out;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void errors() throws IOException {
        fails(jrun("init", "-t", "nope", "x.java").run(), 2, "no such template");
        assertFalse(Files.exists(dir.resolve("x.java")));

        Files.writeString(dir.resolve("mine.java"), "// my work\n");
        fails(jrun("init", "mine.java").run(), 2, "already exists");
        assertEquals("// my work\n", Files.readString(dir.resolve("mine.java")));
        ok(jrun("init", "--force", "mine.java").run());
        assertTrue(Files.readString(dir.resolve("mine.java")).contains("class mine"));

        fails(jrun("init", "my-tool.java").run(), 2, "not a Java class name");
        fails(jrun("init", "class.java").run(), 2, "not a Java class name");
        fails(jrun("init", "tool.txt").run(), 2, "ends in .java");
        fails(jrun("init").run(), 2, "name the script");
    }
}
