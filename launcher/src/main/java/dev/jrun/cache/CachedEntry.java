package dev.jrun.cache;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A finished entry as the cache commands see it.
 *
 * <p>When was it last used? The front end writes nothing on a cached run (that would cost a run
 * time), but the java launcher reads the current build's {@code java.args} on every run, which moves its
 * access time; with Linux's default {@code relatime} mount option at least once a day, which is
 * all an age measured in days needs. Last use is the later of that file's access and modification
 * (build) times, so on a {@code noatime} file system an entry counts as used when it was built.
 *
 * @param name     the directory's name, which is also its lock's name
 * @param script   the script it was built from, as recorded, or "?"
 * @param size     bytes on disk
 * @param lastUsed see above
 */
public record CachedEntry(Path dir, String name, String script, long size, Instant lastUsed) {

    /** The entries under {@code root}, least recently used first; none if there is no cache. */
    public static List<CachedEntry> all(Path root) throws IOException {
        Path entries = root.resolve("entries");
        List<CachedEntry> found = new ArrayList<>();
        if (!Files.isDirectory(entries)) {
            return found;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(entries)) {
            for (Path dir : dirs) {
                // (an entry without a current build is retired: only its builds still in use are left)
                if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) && new Entry(dir).current().isPresent()) {
                    found.add(read(dir));
                }
            }
        }
        found.sort(Comparator.comparing((CachedEntry e) -> e.lastUsed()).thenComparing(e -> e.name()));
        return found;
    }

    static CachedEntry read(Path dir) {
        Path build = new Entry(dir).current().orElse(dir);
        String script = Entry.meta(build).getProperty("script", "?");
        return new CachedEntry(dir, dir.getFileName().toString(), script, size(dir), lastUsed(build));
    }

    /** What its current build records (see {@link Entry#meta}). */
    public java.util.Properties meta() {
        return Entry.meta(new Entry(dir).current().orElse(dir));
    }

    public boolean scriptExists() {
        return !script.equals("?") && Files.isRegularFile(Path.of(script));
    }

    static Instant lastUsed(Path dir) {
        try {
            BasicFileAttributes a = Files.readAttributes(dir.resolve(Entry.ARGS), BasicFileAttributes.class);
            Instant access = a.lastAccessTime().toInstant();
            Instant modified = a.lastModifiedTime().toInstant();
            return access.isAfter(modified) ? access : modified;
        } catch (IOException e) {
            try {
                // no java.args: a broken entry, as old as its directory
                return Files.getLastModifiedTime(dir, LinkOption.NOFOLLOW_LINKS).toInstant();
            } catch (IOException gone) {
                return Instant.EPOCH;
            }
        }
    }

    /**
     * The bytes a directory tree takes, as du counts them: each file once, however many hard links
     * to it the tree holds (a build's lib/ jars are links into the cache's jar store).
     */
    public static long size(Path dir) {
        java.util.Set<Object> seen = new java.util.HashSet<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.mapToLong(p -> {
                try {
                    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    if (!a.isRegularFile()) {
                        return 0;
                    }
                    Object key = a.fileKey();
                    return key == null || seen.add(key) ? a.size() : 0;
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException | java.io.UncheckedIOException e) {
            return 0;
        }
    }
}
