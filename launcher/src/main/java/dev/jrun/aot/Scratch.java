package dev.jrun.aot;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A maker's half-made files, in its entry, each named {@code NAME.tmpPID}: removed when the maker
 * ends however it ends, but for kill -9, after which the next maker removes them (only makers write
 * {@code aot-*.tmp*}, and only the one that holds {@value AotMain#BUSY}'s lock removes them).
 */
final class Scratch {
    private final Path entry;
    private final long pid;
    private final List<Path> files = new ArrayList<>();

    Scratch(Path entry, long pid) {
        this.entry = entry;
        this.pid = pid;
    }

    synchronized Path file(String name) {
        Path p = entry.resolve(name + ".tmp" + pid);
        files.add(p);
        return p;
    }

    synchronized void removeAll() {
        for (Path f : files) {
            try {
                Files.deleteIfExists(f);
            } catch (IOException e) {
                // left for the next maker
            }
        }
    }

    /** What makers killed before this one left. */
    static void removeLeftovers(Path entry) throws IOException {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(entry, "aot-*.tmp*")) {
            for (Path f : s) {
                Files.deleteIfExists(f);
            }
        }
    }
}
