package dev.jrun.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Runs the installed jrun as a process, the way a user would. The first use installs jrun from
 * this checkout with {@code ./install --prefix target/it/prefix --no-binfmt --no-build} (the
 * package phase has built it), so every test goes through the real installer and front end.
 *
 * <pre>
 *   Result r = Jrun.cmd("hello.java", "x").dir(tmp).cache(cacheDir).run();
 *   Process server = Jrun.cmd("examples/echo-server.java", "--port", "0").start();
 * </pre>
 */
public final class Jrun {
    private static Path prefix;
    private static final ExecutorService DRAINS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "jrun-output");
        t.setDaemon(true);
        return t;
    });

    private final List<String> args = new ArrayList<>();
    private final Map<String, String> env = new HashMap<>();
    private Path dir;
    private String stdin;
    private Duration timeout = Duration.ofMinutes(2);

    private Jrun(List<String> args) {
        this.args.addAll(args);
        // No background archive makers outliving a test or writing into its deleted directories;
        // the AOT tests turn them back on with env("JRUN_NO_AOT", null). No compile server either
        // (ServerIT's turn it on with env("JRUN_COMPILE_SERVER", null)).
        env.put("JRUN_NO_AOT", "1");
        env.put("JRUN_COMPILE_SERVER", "off");
    }

    /** The checkout's root directory. */
    public static Path repoRoot() {
        return Path.of(System.getProperty("jrun.repo.root", "..")).toAbsolutePath().normalize();
    }

    /** The installed jrun command, installing it on first use. */
    public static synchronized Path bin() {
        if (prefix == null) {
            Path it = Path.of(System.getProperty("jrun.it.dir", "target/it")).toAbsolutePath();
            Path p;
            try {
                // In /tmp, readable by all: some tests run jrun as another user (nobody), and the
                // checkout may sit in a directory only its owner can enter. Removed when the tests end.
                p = Files.createTempDirectory("jrun-it-", PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwxr-xr-x")));
                Path installed = p;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> Tools.sh("rm -rf '" + installed + "'")));
                Files.createDirectories(it);
                Process install = new ProcessBuilder(repoRoot().resolve("install").toString(), "--prefix", p.toString(),
                        "--no-binfmt", "--no-build").redirectErrorStream(true).redirectOutput(it.resolve("install.log").toFile())
                        .start();
                if (!install.waitFor(5, TimeUnit.MINUTES) || install.exitValue() != 0) {
                    throw new IllegalStateException("./install failed: " + Files.readString(it.resolve("install.log")));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            prefix = p;
        }
        return prefix.resolve("bin/jrun");
    }

    /** {@code jrun ARGS...}. */
    public static Jrun cmd(String... args) {
        return new Jrun(List.of(args));
    }

    /** The working directory (default: the test JVM's). */
    public Jrun dir(Path dir) {
        this.dir = dir;
        return this;
    }

    /** Sets JRUN_CACHE_DIR. */
    public Jrun cache(Path cacheDir) {
        return env("JRUN_CACHE_DIR", cacheDir.toString());
    }

    /** Sets an environment variable; a null value removes it. */
    public Jrun env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** Text for standard input (default: none, stdin is closed). */
    public Jrun stdin(String text) {
        this.stdin = text;
        return this;
    }

    public Jrun timeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    /** The process, with PATH's first entry the installed bin directory. */
    public ProcessBuilder builder() {
        List<String> cmd = new ArrayList<>();
        cmd.add(bin().toString());
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        Map<String, String> e = pb.environment();
        e.put("PATH", bin().getParent() + ":" + e.getOrDefault("PATH", "/usr/bin:/bin"));
        env.forEach((k, v) -> {
            if (v == null) {
                e.remove(k);
            } else {
                e.put(k, v);
            }
        });
        return pb;
    }

    /** Starts it (for servers): the caller reads its output and must destroy it. */
    public Process start() throws IOException {
        return builder().start();
    }

    /** Runs it to the end and returns its status and output; fails the test on timeout. */
    public Result run() {
        try {
            Process p = start();
            CompletableFuture<String> out = drain(p.getInputStream());
            CompletableFuture<String> err = drain(p.getErrorStream());
            if (stdin != null) {
                p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            p.getOutputStream().close();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new AssertionError("jrun " + args + " did not finish in " + timeout + "; stderr so far: "
                        + err.getNow(""));
            }
            return new Result(p.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static CompletableFuture<String> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        }, DRAINS);
    }

    /** A finished run. */
    public record Result(int status, String out, String err) {
        @Override
        public String toString() {
            return "status " + status + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }
}
