package dev.jrun.build;

import dev.jrun.cache.CacheRoot;
import dev.jrun.cache.Entry;
import dev.jrun.plan.Plan;
import dev.jrun.script.Script;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Entries whose names differ but whose builds would be the same (--java 25 and --java 25+ choosing
 * one JDK): the second name becomes a symbolic link to the first entry, so both are cache hits and
 * the build is made once.
 */
final class Twins {
    private Twins() {
    }

    /** Links {@code entryDir} to a twin if there is one and the name is free; true if it did. */
    static boolean share(CacheRoot cache, Path entryDir, String key, Plan plan) throws IOException {
        if (Files.exists(entryDir, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        Path twin = find(entryDir, key, plan);
        if (twin == null) {
            return false;
        }
        Path tmp = cache.newTempDir();
        try {
            Path link = Files.createSymbolicLink(tmp.resolve("link"), twin.getFileName());
            Files.move(link, entryDir, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } finally {
            CacheRoot.deleteTree(tmp);
        }
    }

    /**
     * An entry of the same script built with the same key under another name; for a script with
     * files of its own beside it, only one built from the same file.
     */
    private static Path find(Path entryDir, String key, Plan plan) throws IOException {
        Script script = plan.inputs().script();
        boolean sideFiles = !plan.inputs().sources().isEmpty() || !plan.inputs().resources().isEmpty()
                || !plan.agents().isEmpty();
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(entryDir.getParent(), script.sha256() + "-*")) {
            for (Path p : siblings) {
                Entry other = new Entry(p);
                if (!p.equals(entryDir) && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) && other.isCurrent(key)
                        && (!sideFiles || script.realPath().toString()
                                .equals(Entry.meta(other.current().orElseThrow()).getProperty("script")))
                        && Builder.compiledStillHolds(other.current().orElseThrow(), script)) {
                    return p;
                }
            }
        }
        return null;
    }
}
