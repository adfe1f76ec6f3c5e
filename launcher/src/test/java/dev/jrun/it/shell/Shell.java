package dev.jrun.it.shell;

import dev.jrun.it.Jrun;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command line in a real shell (dash or bash) under {@code env -i}, as cron and systemd
 * start programs: the environment holds PATH=/usr/bin:/bin, {@code JRUN} (the installed jrun, for
 * the command line to use as "$JRUN"), JRUN_NO_AOT=1 (no background archive makers, as in every
 * test) and what the test names; nothing else, no HOME, no locale.
 */
final class Shell {
    static final String CRON_PATH = "/usr/bin:/bin";

    private static final ExecutorService DRAINS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "shell-output");
        t.setDaemon(true);
        return t;
    });

    private final String shell;
    private final Path dir;
    private final Map<String, String> env = new LinkedHashMap<>();
    private final long timeoutSeconds = 60;
    private String user;
    private String group;

    private Shell(String shell, Path dir) {
        this.shell = shell;
        this.dir = dir;
        env.put("PATH", CRON_PATH);
        env.put("JRUN", Jrun.bin().toString());
        env.put("JRUN_NO_AOT", "1");
        env.put("JRUN_COMPILE_SERVER", "off");
    }

    /** {@code shell} is dash or bash. */
    static Shell of(String shell, Path dir) {
        return new Shell(shell, dir);
    }

    /** Adds a variable; null removes one of the defaults. */
    Shell env(String name, String value) {
        if (value == null) {
            env.remove(name);
        } else {
            env.put(name, value);
        }
        return this;
    }

    /** Adds NAME=VALUE words, such as a locale setting; "" adds nothing. */
    Shell assignments(String words) {
        for (String w : words.split(" ")) {
            if (!w.isEmpty()) {
                env(w.substring(0, w.indexOf('=')), w.substring(w.indexOf('=') + 1));
            }
        }
        return this;
    }

    /** Runs the command as another user (setpriv), e.g. nobody. */
    Shell as(String user, String group) {
        this.user = user;
        this.group = group;
        return this;
    }

    record Result(int status, String out, String err) {
        @Override
        public String toString() {
            return "status " + status + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /** Runs {@code script} with {@code shell -c}; fails the test if it has not ended within a minute. */
    Result run(String script) {
        List<String> cmd = new ArrayList<>();
        if (user != null) {
            cmd.addAll(List.of("setpriv", "--reuid=" + user, "--regid=" + group, "--clear-groups"));
        }
        cmd.addAll(List.of("/usr/bin/env", "-i"));
        env.forEach((k, v) -> cmd.add(k + "=" + v));
        cmd.addAll(List.of(shell, "-c", script));
        try {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectInput(ProcessBuilder.Redirect.from(
                    Path.of("/dev/null").toFile())).start();
            CompletableFuture<String> out = drain(p.getInputStream());
            CompletableFuture<String> err = drain(p.getErrorStream());
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new AssertionError(shell + " -c '" + script + "' did not end in " + timeoutSeconds + " s");
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
}
