package dev.jrun.deps;

import dev.jrun.ExitCode;
import dev.jrun.JrunException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * SCRIPT.lock: what a script's //DEPS and //REPOS were when {@code jrun lock} ran, and every
 * artifact they resolved to, with its exact version and SHA-256, in class path order.
 * <pre>
 *   # comments
 *   dep info.picocli:picocli:4.7.7
 *   repo central https://repo.maven.apache.org/maven2/
 *   artifact info.picocli:picocli:jar:4.7.7 SHA256
 * </pre>
 *
 * @param file      the lock file
 * @param request   its dep and repo lines, to compare with the script's
 * @param artifacts the artifacts, in class path order
 */
record LockFile(Path file, List<String> request, List<Artifact> artifacts) {

    /** One locked artifact: {@code group:artifact:extension[:classifier]:version} and its SHA-256. */
    record Artifact(String coords, String sha256) {
    }

    static LockFile read(Path file) {
        return parse(file, bytes(file));
    }

    /** The lock file's bytes, read once: the builder hashes and parses the same bytes. */
    static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new JrunException(ExitCode.DEPENDENCY, file + ": cannot read the lock file: " + e.getMessage());
        }
    }

    static LockFile parse(Path file, byte[] bytes) {
        List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
        List<String> request = new ArrayList<>();
        List<Artifact> artifacts = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] w = line.split("\\s+");
            if ((w[0].equals("dep") && w.length == 2) || (w[0].equals("repo") && w.length == 3)) {
                request.add(String.join(" ", w));
            } else if (w[0].equals("artifact") && w.length == 3 && w[2].matches("[0-9a-f]{64}")
                    && w[1].split(":").length >= 4) {
                artifacts.add(new Artifact(w[1], w[2]));
            } else {
                throw new JrunException(ExitCode.DEPENDENCY, file + ":" + (i + 1)
                        + ": not a lock file line; do not edit lock files: run jrun lock on the script again");
            }
        }
        return new LockFile(file, request, artifacts);
    }

    void write(String scriptName) throws IOException {
        StringBuilder s = new StringBuilder();
        s.append("# jrun lock file for ").append(scriptName).append(": the exact artifacts its //DEPS resolve to.\n");
        s.append("# Written by 'jrun lock'; keep it beside the script. After changing //DEPS or //REPOS,\n");
        s.append("# run 'jrun lock ").append(scriptName).append("' again.\n");
        request.forEach(r -> s.append(r).append('\n'));
        artifacts.forEach(a -> s.append("artifact ").append(a.coords()).append(' ').append(a.sha256()).append('\n'));
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, s.toString(), StandardCharsets.UTF_8);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
