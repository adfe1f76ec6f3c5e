package dev.jrun.cache;

import dev.jrun.ExitCode;
import dev.jrun.JrunException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * The cache root and its layout:
 * <pre>
 *   ROOT/entries/KEY/   one entry per script and variant: its builds (see {@link Entry})
 *   ROOT/jars/          verified copies of dependency jars, linked into builds (see {@link JarStore})
 *   ROOT/tmp/           builds being written; renamed into their entry when complete
 *   ROOT/locks/KEY.lock one lock file per entry, held while it is built
 *   ROOT/stdin/         scripts read from standard input, by content hash
 * </pre>
 * The root is created 0700; a root that is not the user's, or that others can write to, is refused,
 * because the front end runs what the entries say.
 */
public final class CacheRoot {
    private static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rwx------");

    private final Path root;

    private CacheRoot(Path root) {
        this.root = root;
    }

    /** Opens the root, creating it and its subdirectories if needed, after checking it is safe. */
    public static CacheRoot open(Path root) {
        try {
            if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS) && !Files.exists(root)) {
                Path parent = root.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                try {
                    Files.createDirectory(root, PosixFilePermissions.asFileAttribute(PRIVATE));
                } catch (FileAlreadyExistsException raced) {
                    // another run made it first
                }
            }
            check(root);
            CacheRoot cache = new CacheRoot(root);
            for (String sub : new String[] {"entries", "tmp", "locks", "jars"}) {
                cache.mkdir(root.resolve(sub));
            }
            return cache;
        } catch (IOException e) {
            throw unusable(root, why(e));
        }
    }

    /** What went wrong, in words: file system exceptions' messages are often just the path. */
    private static String why(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied on " + e.getMessage();
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "cannot create " + e.getMessage();
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getFile() + ": " + f.getReason();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /** Refuses a root that is not a directory, not the user's, or writable by others. */
    public static void check(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            throw unusable(root, "not a directory");
        }
        String owner = Files.getOwner(root).getName();
        String me = System.getProperty("user.name");
        if (!owner.equals(me)) {
            throw unusable(root, "owned by " + owner + ", not by you (" + me + ")");
        }
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(root);
        if (perms.contains(PosixFilePermission.GROUP_WRITE) || perms.contains(PosixFilePermission.OTHERS_WRITE)) {
            throw unusable(root, "others can write to it (" + PosixFilePermissions.toString(perms)
                    + "); run chmod 700 on it");
        }
    }

    private static JrunException unusable(Path root, String why) {
        return new JrunException(ExitCode.CACHE, "cache root " + root + " is unusable: " + why
                + ". Fix it, or set JRUN_CACHE_DIR to a directory of your own");
    }

    public Path path() {
        return root;
    }

    public Path entries() {
        return root.resolve("entries");
    }

    /** A new, empty directory to build an entry in. */
    public Path newTempDir() throws IOException {
        return Files.createTempDirectory(root.resolve("tmp"), "build-", PosixFilePermissions.asFileAttribute(PRIVATE));
    }

    /**
     * Holds the entry's lock until closed: one build of an entry at a time, the others wait for it.
     * Builds in other processes wait on the lock file; builds in this one (a compile server's) on
     * a lock of the JVM's first, as a JVM holds a file's lock once.
     */
    public Closeable lock(String entryName) throws IOException {
        Path file = root.resolve("locks").resolve(entryName + ".lock");
        ReentrantLock here = HELD.computeIfAbsent(file, f -> new ReentrantLock());
        here.lock();
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            channel.lock();
            FileChannel held = channel;
            return () -> {
                try {
                    held.close();
                } finally {
                    here.unlock();
                }
            };
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            here.unlock();
            throw e;
        }
    }

    private static final Map<Path, ReentrantLock> HELD = new ConcurrentHashMap<>();

    private void mkdir(Path dir) throws IOException {
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PRIVATE));
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir)) {
                throw unusable(root, dir + " is not a directory");
            }
        }
    }

    /** Deletes a directory tree, quietly: what cannot be deleted is left for the cache's collection. */
    public static void deleteTree(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // left behind; collected later
                }
            });
        } catch (IOException e) {
            // left behind; collected later
        }
    }
}
