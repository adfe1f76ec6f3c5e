package dev.jrun.it.binfmt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrun.it.Jrun;
import dev.jrun.it.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code jrun binfmt}: registers a test-only entry (jrun-test-XXXXXXXX, so parallel runs and a
 * machine's real {@code jrun} entry are left alone), runs .java files directly through the kernel,
 * and removes every entry it made, even when a test fails.
 */
class BinfmtIT {
    static final String SCRIPT = """
            import java.nio.file.*;

            public class show {
                public static void main(String[] a) throws Exception {
                    System.out.println("args=" + String.join("|", a));
                    String what = a.length > 0 ? a[0] : "";
                    if (what.equals("stdin")) {
                        System.out.println("stdin=" + new String(System.in.readAllBytes()).strip());
                    } else if (what.equals("uid")) {
                        for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
                            if (l.startsWith("Uid:")) {
                                System.out.println(l.replaceAll("\\\\s+", " "));
                            }
                        }
                    } else if (what.equals("exit")) {
                        System.exit(Integer.parseInt(a[1]));
                    }
                }
            }
            """;

    static String name;
    static Path dir;
    static Path cache;
    static Path script;

    @BeforeAll
    static void register() throws IOException {
        Tools.needBinfmt();
        Tools.needNoRealJavaEntry();
        hadNobodysPerfData = Files.exists(NOBODYS_PERF_DATA);
        name = Kernel.testName();
        // Readable by nobody (the setuid test), unlike a @TempDir.
        dir = Files.createTempDirectory("jrun-binfmt-it");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        cache = dir.resolve("cache");
        script = dir.resolve("show.java");
        Files.writeString(script, SCRIPT);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Jrun.Result r = Jrun.cmd("binfmt", "register", "--name", name, "--no-persist").run();
        assertEquals(0, r.status(), r.toString());
    }

    /** What a JVM run as nobody makes; removed after the tests if they made it. */
    static final Path NOBODYS_PERF_DATA = Path.of(System.getProperty("java.io.tmpdir"), "hsperfdata_nobody");
    static boolean hadNobodysPerfData;

    @AfterAll
    static void cleanUp() throws IOException {
        if (name != null) {
            Kernel.remove(name);
        }
        if (!hadNobodysPerfData) {
            Tools.sh("rm -rf '" + NOBODYS_PERF_DATA + "'");
        }
        if (dir != null) {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                    Files.delete(p);
                }
            }
        }
    }

    @Test
    void theEntryMatchesJavaWithFlagFAndTheInstalledJrun() {
        String shown = Kernel.entry(name).orElseThrow();
        assertEquals("enabled\ninterpreter " + Jrun.bin() + "\nflags: F\nextension .java\n", shown);
        Jrun.Result st = Jrun.cmd("binfmt", "status", "--name", name).run();
        assertEquals(0, st.status(), st.toString());
        assertTrue(st.out().contains("interpreter:  " + Jrun.bin() + " (exists)"), st.toString());
        assertTrue(st.out().contains("flags:        F"), st.toString());
    }

    @Test
    void runsFromAShellWithArgumentsStdinAndExitStatus() {
        Run r = run(List.of("sh", "-c", "./show.java stdin 'a b' '' c"), dir, Map.of(), "hello there\n");
        assertEquals(0, r.status, r.toString());
        assertEquals("args=stdin|a b||c\nstdin=hello there\n", r.out, r.toString());

        Run failing = run(List.of("sh", "-c", "./show.java exit 42"), dir, Map.of(), "");
        assertEquals(42, failing.status, failing.toString());
        assertEquals("args=exit|42\n", failing.out, failing.toString());
    }

    @Test
    void runsFromABareExecveWithNoShell() throws IOException {
        // Java's ProcessBuilder: execve of the absolute path.
        Run java = run(List.of(script.toString(), "from java", "*"), dir, Map.of(), "");
        assertEquals(0, java.status, java.toString());
        assertEquals("args=from java|*\n", java.out, java.toString());

        // Python's os.execv with a relative name that starts with '-': jrun gets "-odd.java" first.
        Tools.need("python3", "python3");
        Path odd = dir.resolve("-odd.java");
        Files.copy(script, odd);
        Files.setPosixFilePermissions(odd, PosixFilePermissions.fromString("rwxr-xr-x"));
        Run py = run(List.of("python3", "-c", "import os; os.execv('-odd.java', ['-odd.java', '--fresh', 'x'])"), dir,
                Map.of(), "");
        assertEquals(0, py.status, py.toString());
        assertEquals("args=--fresh|x\n", py.out, py.toString());
    }

    @Test
    void runsFromPathThroughASymlink() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.createSymbolicLink(bin.resolve("tool.java"), script);
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        String path = bin + ":" + System.getenv("PATH");
        Run r = run(List.of("sh", "-c", "tool.java on path"), elsewhere, Map.of("PATH", path), "");
        assertEquals(0, r.status, r.toString());
        assertEquals("args=on|path\n", r.out, r.toString());

        // A relative directory on PATH: the kernel passes "bin/tool.java", relative to the working directory.
        Run rel = run(List.of("sh", "-c", "tool.java relative"), dir, Map.of("PATH", "bin:" + System.getenv("PATH")), "");
        assertEquals(0, rel.status, rel.toString());
        assertEquals("args=relative\n", rel.out, rel.toString());
    }

    @Test
    void aSetuidRootScriptRunsAsTheUserWhoRunsIt() throws IOException {
        Tools.need("setpriv", "util-linux");
        Path suid = dir.resolve("suid.java");
        Files.writeString(suid, SCRIPT.replace("class show", "class suid"));
        assertEquals(0, Tools.sh("chown root:root '" + suid + "' && chmod 4755 '" + suid + "'"));
        assertTrue(run(List.of("stat", "-c", "%A", suid.toString()), dir, Map.of(), "").out.startsWith("-rwsr-xr-x"));
        // nobody's own cache, and a HOME it may use
        Path nobodyDir = dir.resolve("nobody");
        Files.createDirectories(nobodyDir);
        assertEquals(0, Tools.sh("chown nobody '" + nobodyDir + "'"));
        Run r = run(List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", suid.toString(), "uid"), dir,
                Map.of("JRUN_CACHE_DIR", nobodyDir.resolve("cache").toString(), "HOME", nobodyDir.toString()), "");
        assertEquals(0, r.status, r.toString());
        String uid = run(List.of("id", "-u", "nobody"), dir, Map.of(), "").out.strip();
        assertEquals("args=uid\nUid: " + uid + " " + uid + " " + uid + " " + uid + "\n", r.out, r.toString());
    }

    @Test
    void anotherToolsEntryIsReplacedOnlyWithForce() throws IOException {
        // The "other tool" forwards to jrun, so that .java files keep working on this shared machine meanwhile.
        Path tool = dir.resolve("other-tool");
        Files.writeString(tool, "#!/bin/sh\nexec " + Jrun.bin() + " \"$@\"\n");
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
        String other = Kernel.testName();
        String mine = Kernel.testName();
        try {
            Kernel.register(":" + other + ":E::java::" + tool + ":F");
            Jrun.Result refused = Jrun.cmd("binfmt", "register", "--name", mine, "--no-persist").run();
            assertEquals(8, refused.status(), refused.toString());
            assertTrue(refused.err().startsWith("jrun: error: ") && refused.err().strip().lines().count() == 1, refused.toString());
            assertTrue(refused.err().contains("'" + other + "'") && refused.err().contains(tool.toString())
                    && refused.err().contains("--force"), refused.toString());
            assertTrue(Kernel.entry(other).isPresent());
            assertFalse(Kernel.entry(mine).isPresent());

            Jrun.Result forced = Jrun.cmd("binfmt", "register", "--name", mine, "--no-persist", "--force").run();
            assertEquals(0, forced.status(), forced.toString());
            assertFalse(Kernel.entry(other).isPresent(), forced.toString());
            assertTrue(Kernel.entry(mine).isPresent(), forced.toString());
        } finally {
            Kernel.remove(other);
            Kernel.remove(mine);
        }
    }

    @Test
    void registerIsIdempotentAndUnregisterLeavesNothing() throws IOException {
        String n = Kernel.testName();
        Path conf = Path.of("/etc/binfmt.d", n + ".conf");
        try {
            for (int i = 0; i < 2; i++) {
                Jrun.Result r = Jrun.cmd("binfmt", "register", "--name", n).run();
                assertEquals(0, r.status(), r.toString());
            }
            assertTrue(Kernel.entry(n).isPresent());
            String line = ":" + n + ":E::java::" + Jrun.bin() + ":F";
            assertTrue(Files.readAllLines(conf).contains(line), Files.readString(conf));

            // The file is what systemd-binfmt loads at boot: remove the entry, let systemd-binfmt restore it.
            Path systemdBinfmt = Stream.of("/usr/lib/systemd/systemd-binfmt", "/lib/systemd/systemd-binfmt").map(Path::of)
                    .filter(Files::isExecutable).findFirst().orElse(null);
            if (systemdBinfmt != null) {
                Kernel.remove(n);
                // With a file argument it only adds that file's entries (without one it would remove all first).
                Run sd = run(List.of(systemdBinfmt.toString(), conf.toString()), dir, Map.of(), "");
                assertEquals(0, sd.status, sd.toString());
                assertTrue(Kernel.entry(n).orElse("").contains("interpreter " + Jrun.bin()), sd.toString());
            }

            Jrun.Result un = Jrun.cmd("binfmt", "unregister", "--name", n).run();
            assertEquals(0, un.status(), un.toString());
            assertFalse(Kernel.entry(n).isPresent(), un.toString());
            assertFalse(Files.exists(conf), un.toString());
            Jrun.Result again = Jrun.cmd("binfmt", "unregister", "--name", n).run();
            assertEquals(0, again.status(), again.toString());
            assertTrue(again.out().contains("nothing to remove"), again.toString());
            Jrun.Result st = Jrun.cmd("binfmt", "status", "--name", n).run();
            assertEquals(1, st.status(), st.toString());
        } finally {
            Kernel.remove(n);
            Files.deleteIfExists(conf);
        }
    }

    @Test
    void withoutRootItSaysWhatToRunAndTheFallbacks() {
        Tools.need("setpriv", "util-linux");
        String n = Kernel.testName();
        try {
            Run r = run(List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", Jrun.bin().toString(),
                    "binfmt", "register", "--name", n), dir, Map.of(), "");
            assertEquals(8, r.status, r.toString());
            assertTrue(r.err.startsWith("jrun: error: ") && r.err.strip().lines().count() == 1, r.toString());
            assertTrue(r.err.contains("sudo " + Jrun.bin() + " binfmt register"), r.toString());
            assertTrue(r.err.contains("#!/usr/bin/env jrun") && r.err.contains("///usr/bin/env jrun \"$0\" \"$@\" ; exit $?"),
                    r.toString());
            assertFalse(Kernel.entry(n).isPresent());
        } finally {
            Kernel.remove(n);
        }
    }

    record Run(int status, String out, String err) {
        @Override
        public String toString() {
            return "status " + status + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /** Runs a command (no shell unless it is one) with JRUN_CACHE_DIR set, and waits for it. */
    static Run run(List<String> cmd, Path cwd, Map<String, String> env, String stdin) {
        try {
            Path out = Files.createTempFile("jrun-binfmt-out", ".txt");
            Path err = Files.createTempFile("jrun-binfmt-err", ".txt");
            Path in = Files.createTempFile("jrun-binfmt-in", ".txt");
            try {
                Files.writeString(in, stdin);
                ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(cmd)).directory(cwd.toFile())
                        .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(in.toFile());
                if (cache != null) {
                    pb.environment().put("JRUN_CACHE_DIR", cache.toString());
                }
                pb.environment().putAll(env);
                Process p = pb.start();
                if (!p.waitFor(2, TimeUnit.MINUTES)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                    throw new AssertionError(cmd + " did not finish in 2 minutes");
                }
                return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
            } finally {
                Files.delete(out);
                Files.delete(err);
                Files.delete(in);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
