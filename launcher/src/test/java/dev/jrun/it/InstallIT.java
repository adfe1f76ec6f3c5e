package dev.jrun.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ./install into a prefix whose name holds characters that sh, sed and quoting care about, then a
 * script run through the installed front end, cached and not, and the uninstall.
 */
class InstallIT {
    @TempDir
    Path tmp;

    record Ran(int status, String out, String err) {
        @Override
        public String toString() {
            return "status " + status + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private static Ran run(Map<String, String> env, Path dir, String... cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().putAll(env);
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = pb.start();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        });
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError(List.of(cmd) + " did not finish in 5 minutes");
        }
        return new Ran(p.exitValue(), out, err.join());
    }

    private Ran install(Path prefix, String... more) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Jrun.repoRoot().resolve("install").toString(), "--prefix", prefix.toString()));
        cmd.addAll(List.of(more));
        return run(Map.of(), tmp, cmd.toArray(String[]::new));
    }

    @Test
    void aPrefixWithQuotesPipesAndAmpersandsInstallsRunsAndUninstalls() throws Exception {
        // (no white space: the front end splits JRUN_BUILDER_OPTS and its builder.jsa option into words)
        Path prefix = tmp.resolve("it's|a&b\\c$x\"d");
        Ran installed = install(prefix, "--no-binfmt", "--no-build");
        assertEquals(0, installed.status(), installed.toString());
        assertFalse(installed.out().contains("warning"), installed.toString());
        // the builder's class-data-sharing archive was made by a run through the installed front end, and is used
        assertTrue(Files.isRegularFile(prefix.resolve("lib/jrun/builder.jsa")), installed.toString());
        Path bin = prefix.resolve("bin/jrun");
        assertTrue(Files.isExecutable(bin));
        String frontEnd = Files.readString(bin);
        assertTrue(frontEnd.contains("\nJRUN_HOME='" + (prefix + "/lib/jrun").replace("'", "'\\''") + "'\n"), frontEnd);

        // the zsh completion sources the bash one by its path, in the same quotes
        Path zsh = prefix.resolve("share/zsh/site-functions/_jrun");
        if (Files.exists(zsh)) {
            String source = Files.readAllLines(zsh).stream().filter(l -> l.startsWith("source ")).findFirst().orElseThrow();
            Ran path = run(Map.of(), tmp, "dash", "-c", "printf '%s' " + source.substring("source ".length()));
            assertEquals(prefix.resolve("share/bash-completion/completions/jrun").toString(), path.out(), source);
        }

        Path script = Files.writeString(tmp.resolve("hello.java"), """
                public class hello {
                    public static void main(String[] args) {
                        System.out.println("hello " + String.join(",", args));
                    }
                }
                """);
        Map<String, String> env = Map.of("JRUN_CACHE_DIR", tmp.resolve("cache").toString(), "JRUN_NO_AOT", "1");
        Ran first = run(env, tmp, bin.toString(), "--verbose", script.toString(), "a b", "it's");
        assertEquals(0, first.status(), first.toString());
        assertEquals("hello a b,it's\n", first.out(), first.toString());
        assertTrue(first.err().contains("building"), first.toString());
        Ran cached = run(env, tmp, bin.toString(), "--verbose", script.toString(), "again");
        assertEquals(0, cached.status(), cached.toString());
        assertEquals("hello again\n", cached.out(), cached.toString());
        assertTrue(cached.err().contains("jrun: cached: "), cached.toString());

        Ran version = run(env, tmp, bin.toString(), "--version");
        assertEquals(0, version.status(), version.toString());
        assertTrue(version.out().startsWith("jrun "), version.toString());

        Ran removed = install(prefix, "--uninstall");
        assertEquals(0, removed.status(), removed.toString());
        assertFalse(Files.exists(bin));
        assertFalse(Files.exists(prefix.resolve("lib/jrun")));
    }

    /** As a user whose ~/.local/bin is not on PATH (yet): install says the one line that makes "jrun" found. */
    @Test
    void aPrefixOffPathEndsWithTheLineThatPutsItOn() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("home"));
        Path prefix = home.resolve(".local");
        String path = "/usr/local/bin:/usr/bin:/bin";
        Map<String, String> env = Map.of("HOME", home.toString(), "PATH", path);
        Ran installed = run(env, tmp, Jrun.repoRoot().resolve("install").toString(), "--prefix", prefix.toString(),
                "--no-binfmt", "--no-build");
        assertEquals(0, installed.status(), installed.toString());
        List<String> lines = installed.out().lines().toList();
        assertTrue(lines.get(lines.size() - 2).contains(prefix + "/bin is not on your PATH"), installed.toString());
        String line = lines.get(lines.size() - 1).strip();
        assertEquals("export PATH=\"$HOME/.local/bin:$PATH\"", line);
        Files.writeString(tmp.resolve("hi.java"), "class hi { public static void main(String[] a) { System.out.println(\"hi\"); } }\n");
        Map<String, String> run = Map.of("HOME", home.toString(), "PATH", path, "JRUN_CACHE_DIR", tmp.resolve("cache").toString(),
                "JRUN_NO_AOT", "1", "JRUN_COMPILE_SERVER", "off");
        if (!Files.exists(Path.of("/usr/local/bin/jrun")) && !Files.exists(Path.of("/usr/bin/jrun"))) {
            Ran notFound = run(run, tmp, "sh", "-c", "jrun hi.java");
            assertEquals(127, notFound.status(), notFound.toString());
        }
        Ran found = run(run, tmp, "sh", "-c", line + " && jrun hi.java");
        assertEquals(0, found.status(), found.toString());
        assertEquals("hi\n", found.out());
        // and on PATH: no such note
        Ran again = run(Map.of("HOME", home.toString(), "PATH", prefix.resolve("bin") + ":" + path), tmp,
                Jrun.repoRoot().resolve("install").toString(), "--prefix", prefix.toString(), "--no-binfmt", "--no-build");
        assertEquals(0, again.status(), again.toString());
        assertFalse(again.out().contains("not on your PATH"), again.toString());
        assertEquals(0, install(prefix, "--uninstall").status());
    }
    /**
     * The build's progress: on a terminal (util-linux script(1) gives install one) a line redrawn in
     * place while Maven works, off one nothing; a failed build shows Maven's errors. Maven here is a
     * stand-in on PATH that prints what a first build prints (the jars it installs are the ones built).
     */
    @Test
    void theBuildShowsProgressOnATerminalOnly() throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path mvn = bin.resolve("mvn");
        Files.writeString(mvn, "#!/bin/sh\necho \"$*\" >>\"$MVN_ARGS\"\n"
                + "echo '[INFO] --- maven-compiler-plugin:3.14.0:compile (default-compile) @ jrun ---'\n"
                + "echo 'Downloaded from central: https://repo.example/a/a-1.0.pom (2 kB at 9 kB/s)'\n"
                + "echo 'Downloaded from central: https://repo.example/b/b-1.0.jar (20 kB at 90 kB/s)'\n"
                + "[ -z \"$MVN_FAIL\" ] || { echo '[ERROR] COMPILATION ERROR: x.java:[1,1] bad'; exit 1; }\n");
        Files.setPosixFilePermissions(mvn, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        Path args = tmp.resolve("mvn.args");
        String path = bin + ":" + System.getenv("PATH");
        Path prefix = tmp.resolve("p");
        String install = Jrun.repoRoot().resolve("install") + " --prefix " + prefix + " --no-binfmt";
        Path typescript = tmp.resolve("typescript");
        Ran tty = run(Map.of("PATH", path, "MVN_ARGS", args.toString()), tmp, "script", "-qec", install, typescript.toString());
        assertEquals(0, tty.status(), tty.toString());
        String screen = Files.readString(typescript, StandardCharsets.UTF_8);
        assertTrue(screen.contains("\r\033[Kinstall: building with Maven: 2 files fetched; fetched b-1.0.jar"),
                screen);
        assertTrue(screen.contains("install: done: "), screen);
        Ran off = run(Map.of("PATH", path, "MVN_ARGS", args.toString()), tmp, "sh", "-c", install);
        assertEquals(0, off.status(), off.toString());
        assertFalse(off.out().contains("files fetched") || off.err().contains("files fetched"), off.toString());
        List<String> calls = Files.readAllLines(args);
        assertFalse(calls.get(0).contains("-q"), calls.toString());
        assertTrue(calls.get(1).contains("-q"), calls.toString());
        Ran failed = run(Map.of("PATH", path, "MVN_ARGS", args.toString(), "MVN_FAIL", "1"), tmp, "script", "-qec", install,
                typescript.toString());
        assertEquals(8, failed.status(), failed.toString());
        String shown = Files.readString(typescript, StandardCharsets.UTF_8);
        assertTrue(shown.contains("[ERROR] COMPILATION ERROR: x.java:[1,1] bad"), shown);
        assertTrue(shown.contains("install: error: the Maven build failed"), shown);
        assertEquals(0, install(prefix, "--uninstall").status());
    }
}
