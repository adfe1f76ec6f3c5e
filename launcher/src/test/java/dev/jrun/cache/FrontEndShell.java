package dev.jrun.cache;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The sh front end ({@code launcher/src/main/sh/jrun}) as tests use it: its helper functions, read
 * out of the file itself so that a test follows the real front end, and the shells to run them in.
 */
final class FrontEndShell {
    /** The front end's source. */
    static final Path FILE = Path.of(System.getProperty("jrun.repo.root", "..")).toAbsolutePath().normalize()
            .resolve("launcher/src/main/sh/jrun");

    private FrontEndShell() {
    }

    /**
     * The text of the front end's function {@code name}: from its {@code name() {} line to the
     * first line that is a lone {@code }}, or that line alone when it closes the function itself.
     */
    static String function(String name) throws IOException {
        List<String> lines = Files.readAllLines(FILE, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).startsWith(name + "() {")) {
                continue;
            }
            if (lines.get(i).strip().endsWith("}")) {
                return lines.get(i) + "\n";
            }
            StringBuilder text = new StringBuilder();
            for (int j = i; j < lines.size(); j++) {
                text.append(lines.get(j)).append('\n');
                if (lines.get(j).equals("}")) {
                    return text.toString();
                }
            }
            throw new AssertionError(FILE + ": function " + name + " has no closing '}' line");
        }
        throw new AssertionError(FILE + " defines no function " + name + "()");
    }

    /** The POSIX shells on this machine to run the front end's code in: dash and sh at least, bash if present. */
    static List<String> shells() {
        List<String> found = new ArrayList<>();
        for (String sh : List.of("dash", "sh", "bash")) {
            for (String dir : List.of("/usr/bin", "/bin")) {
                if (Files.isExecutable(Path.of(dir, sh))) {
                    found.add(dir + "/" + sh);
                    break;
                }
            }
        }
        if (!found.contains("/usr/bin/dash") && !found.contains("/bin/dash")) {
            throw new AssertionError("dash is not installed: the front end's code cannot be tested in it");
        }
        return found;
    }

    /** A finished shell. */
    record Run(int status, String out, String err) {
        @Override
        public String toString() {
            return "status " + status + ", stdout: " + out + ", stderr: " + err;
        }
    }

    /**
     * Runs {@code script} with {@code shell -c} in {@code dir}, in an environment of PATH=/usr/bin:/bin and
     * {@code env} only (a null value: unset).
     */
    static Run run(String shell, String script, Map<String, String> env, Path dir) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(shell, "-c", script);
        pb.environment().clear();
        pb.environment().put("PATH", "/usr/bin:/bin");
        pb.environment().put("LC_ALL", "C");
        env.forEach((k, v) -> {
            if (v == null) {
                pb.environment().remove(k);
            } else {
                pb.environment().put(k, v);
            }
        });
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = pb.start();
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> {
            try {
                return p.getErrorStream().readAllBytes();
            } catch (IOException e) {
                return new byte[0];
            }
        });
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(shell + " did not finish in 30 s: " + script);
        }
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err.join(), StandardCharsets.UTF_8));
    }
}
