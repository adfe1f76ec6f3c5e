package dev.jrun.cache;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * The files under a directory that running processes have open or mapped, read from /proc: a
 * JVM keeps its class path jars open and its archive mapped, so a build whose files appear here is
 * being run. Processes of other users are not readable and need not be: they cannot use our cache.
 */
final class InUse {
    private final Set<String> paths = new HashSet<>();

    private InUse() {
    }

    /** A snapshot of the open and mapped files below {@code top}. */
    static InUse below(Path top) {
        InUse used = new InUse();
        String prefix = top.toAbsolutePath().normalize() + "/";
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path proc : procs) {
                used.addFds(proc.resolve("fd"), prefix);
                used.addMaps(proc.resolve("maps"), prefix);
            }
        } catch (IOException e) {
            // no /proc: nothing can be told, so nothing counts as unused below (see isUsed)
            used.paths.add(prefix);
        }
        return used;
    }

    private void addFds(Path fds, String prefix) {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(fds)) {
            for (Path fd : s) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith(prefix)) {
                        paths.add(target);
                    }
                } catch (IOException | UnsupportedOperationException gone) {
                    // closed meanwhile
                }
            }
        } catch (IOException notOurs) {
            // another user's process, or one that ended
        }
    }

    private void addMaps(Path maps, String prefix) {
        try {
            for (String line : Files.readAllLines(maps, StandardCharsets.ISO_8859_1)) {
                int at = line.indexOf(prefix);
                if (at > 0) {
                    paths.add(line.substring(at).replace(" (deleted)", ""));
                }
            }
        } catch (IOException notOurs) {
            // another user's process, or one that ended
        }
    }

    /** Does anything below {@code dir} appear in the snapshot? */
    boolean isUsed(Path dir) {
        String d = dir.toAbsolutePath().normalize() + "/";
        return paths.stream().anyMatch(p -> p.startsWith(d) || d.startsWith(p));
    }
}
