package dev.jrun.it.commands;

import static dev.jrun.it.commands.InitIT.fails;
import static dev.jrun.it.commands.InitIT.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrun.it.Jrun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** jrun app install|list|uninstall: scripts as commands. */
class AppIT {
    @TempDir
    Path dir;

    Jrun jrun(String... args) {
        return Jrun.cmd(args).dir(dir).cache(dir.resolve("cache"));
    }

    Path bin() {
        return dir.resolve("bin");
    }

    /** Runs an installed command as a user would, from another directory. */
    Jrun.Result command(String name, String... args) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(bin().resolve(name).toString());
        for (String a : args) {
            pb.command().add(a);
        }
        pb.directory(Files.createDirectories(dir.resolve("elsewhere")).toFile());
        pb.environment().put("JRUN_CACHE_DIR", dir.resolve("cache").toString());
        Process p = pb.start();
        p.getOutputStream().close();
        var err = new java.util.concurrent.CompletableFuture<String>();
        Thread t = new Thread(() -> {
            try {
                err.complete(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                err.complete("");
            }
        });
        t.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(2, TimeUnit.MINUTES));
        return new Jrun.Result(p.exitValue(), out, err.get(1, TimeUnit.MINUTES));
    }

    @Test
    void installRunListUninstall() throws Exception {
        Files.writeString(dir.resolve("say.java"), "public class say { public static void main(String[] a) {"
                + " System.out.println(\"said \" + String.join(\",\", a)); } }\n");
        Jrun.Result r = jrun("app", "install", "say.java", "--dir", bin().toString()).run();
        ok(r);
        assertTrue(r.out().contains("installed " + bin().resolve("say")), r.out());
        assertTrue(Files.isExecutable(bin().resolve("say")));
        // a sh file that execs the installed jrun on the script: no JVM of its own
        String wrapper = Files.readString(bin().resolve("say"));
        assertTrue(wrapper.startsWith("#!/bin/sh\n"), wrapper);
        assertTrue(wrapper.contains("exec '" + Jrun.bin() + "' \"$script\" \"$@\""), wrapper);

        Jrun.Result run = command("say", "a b", "c");
        assertEquals(0, run.status(), run.toString());
        assertEquals("said a b,c\n", run.out());

        // keeps working once the cache is cleared: it rebuilds
        ok(jrun("cache", "clear").run());
        assertEquals("said x\n", command("say", "x").out());

        ok(jrun("app", "install", "say.java", "--name", "speak", "--dir", bin().toString()).run());
        Jrun.Result list = jrun("app", "list", "--dir", bin().toString()).run();
        ok(list);
        assertEquals("say -> " + dir.resolve("say.java") + "\nspeak -> " + dir.resolve("say.java") + "\n", list.out());

        ok(jrun("app", "uninstall", "speak", "--dir", bin().toString()).run());
        assertFalse(Files.exists(bin().resolve("speak")));
        assertTrue(Files.exists(bin().resolve("say")));
        fails(jrun("app", "uninstall", "speak", "--dir", bin().toString()).run(), 2, "no command speak");
    }

    @Test
    void aMovedScriptIsReportedClearly() throws Exception {
        Files.writeString(dir.resolve("tool.java"), "public class tool { public static void main(String[] a) {} }\n");
        ok(jrun("app", "install", "tool.java", "--dir", bin().toString()).run());
        Files.move(dir.resolve("tool.java"), dir.resolve("moved.java"));
        Jrun.Result r = command("tool");
        assertEquals(3, r.status(), r.toString());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("jrun: error: tool: its script " + dir.resolve("tool.java") + " is gone"), r.err());
        assertTrue(jrun("app", "list", "--dir", bin().toString()).run().out().contains("(script gone)"));
    }

    @Test
    void neverReplacesACommandJrunDidNotInstall() throws Exception {
        Files.writeString(dir.resolve("ls.java"), "public class ls { public static void main(String[] a) {"
                + " System.out.println(\"mine\"); } }\n");
        Files.createDirectories(bin());
        Files.writeString(bin().resolve("ls"), "#!/bin/sh\necho theirs\n");
        fails(jrun("app", "install", "ls.java", "--dir", bin().toString()).run(), 2, "jrun did not install it");
        assertEquals("#!/bin/sh\necho theirs\n", Files.readString(bin().resolve("ls")));
        fails(jrun("app", "uninstall", "ls", "--dir", bin().toString()).run(), 2, "was not installed by jrun");
        assertTrue(Files.exists(bin().resolve("ls")));

        ok(jrun("app", "install", "ls.java", "--dir", bin().toString(), "--force").run());
        assertEquals("mine\n", command("ls").out());

        fails(jrun("app", "install", "missing.java", "--dir", bin().toString()).run(), 3, "no such file");
    }
}
