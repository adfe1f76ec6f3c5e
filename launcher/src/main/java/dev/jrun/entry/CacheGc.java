package dev.jrun.entry;

import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Removes cache entries: those unused for a while, the least recently used ones beyond a size
 * budget, or all of them. Safe while other jrun processes run: an entry is removed only while this
 * process holds its lock (taken without waiting: an entry being built is skipped), and it is first
 * renamed out of {@code entries/} in one step, so a front end sees either all of it or none.
 *
 * <p>The builder also starts a collection by itself, in the background, at most once a day
 * ({@link #startInBackground}), of entries unused for {@link #DEFAULT_AGE}.
 */
public final class CacheGc {
    public static final Duration DEFAULT_AGE = Duration.ofDays(30);
    /** Its modification time is when the last automatic collection started. */
    static final String STAMP = "gc.stamp";
    private static final Duration AUTO_EVERY = Duration.ofDays(1);
    /** Leftovers of builds in tmp/ older than this are from builds that died. */
    private static final Duration STALE_TMP = Duration.ofHours(1);

    private final Path root;
    private final Instant now = Instant.now();

    public CacheGc(Path root) {
        this.root = root;
    }

    /**
     * What a collection did.
     *
     * @param removed the entries removed
     * @param busy    those that should have gone but were locked by a running build
     * @param freed   the bytes removed, leftovers included
     */
    public record Result(List<CachedEntry> removed, List<CachedEntry> busy, long freed) {
    }

    /**
     * Removes the entries unused for longer than {@code olderThan}, then, if the rest take more
     * than {@code maxBytes}, the least recently used ones until they do not. Either may be null.
     */
    public Result collect(Duration olderThan, Long maxBytes) throws IOException {
        List<CachedEntry> entries = CachedEntry.all(root);
        long total = entries.stream().mapToLong(CachedEntry::size).sum();
        List<CachedEntry> removed = new ArrayList<>();
        List<CachedEntry> busy = new ArrayList<>();
        long freed = 0;
        for (CachedEntry e : entries) {
            boolean old = olderThan != null && e.lastUsed().isBefore(now.minus(olderThan));
            boolean over = maxBytes != null && total > maxBytes;
            if (!old && !over) {
                continue;
            }
            if (remove(e.dir(), e.name())) {
                removed.add(e);
                total -= e.size();
                freed += e.size();
            } else {
                busy.add(e);
            }
        }
        freed += sweep(olderThan);
        return new Result(removed, busy, freed);
    }

    /** Removes every entry that is not being built, the scripts read from standard input, and leftovers. */
    public Result clear() throws IOException {
        List<CachedEntry> removed = new ArrayList<>();
        List<CachedEntry> busy = new ArrayList<>();
        long freed = 0;
        for (CachedEntry e : CachedEntry.all(root)) {
            if (remove(e.dir(), e.name())) {
                removed.add(e);
                freed += e.size();
            } else {
                busy.add(e);
            }
        }
        freed += sweep(Duration.ZERO);
        return new Result(removed, busy, freed);
    }

    /** Removes one entry if no one holds its lock; false if someone does. */
    private boolean remove(Path dir, String name) throws IOException {
        Path lockFile = root.resolve("locks").resolve(name + ".lock");
        Files.createDirectories(lockFile.getParent());
        try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                return false;
            }
            Path trash = Files.createTempDirectory(root.resolve("tmp"), "gc-");
            try {
                Files.move(dir, trash.resolve("entry"), StandardCopyOption.ATOMIC_MOVE);
            } catch (NoSuchFileException gone) {
                // removed by someone else meanwhile
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot move " + dir + " out of the cache: " + e.getMessage(), e);
            } finally {
                CacheRoot.deleteTree(trash);
            }
            // the entry is gone; its lock file goes too, while still held
            Files.deleteIfExists(lockFile);
            return true;
        }
    }

    /**
     * Removes what entries leave behind: tmp/ directories of builds that died, lock files of
     * entries that no longer exist, links to entries that no longer exist, and scripts read from standard input that were not run for
     * {@code olderThan} (they are hashed, so read, on every run). Returns the bytes freed.
     */
    private long sweep(Duration olderThan) throws IOException {
        long freed = 0;
        Instant staleTmp = now.minus(STALE_TMP);
        for (Path p : children(root.resolve("tmp"))) {
            if (modified(p).isBefore(staleTmp)) {
                freed += CachedEntry.size(p);
                CacheRoot.deleteTree(p);
            }
        }
        for (Path lock : children(root.resolve("locks"))) {
            String name = lock.getFileName().toString();
            if (name.endsWith(".lock") && !name.equals("gc.lock") && modified(lock).isBefore(staleTmp)
                    && !Files.exists(root.resolve("entries").resolve(name.substring(0, name.length() - 5)))) {
                removeUnheldLock(lock);
            }
        }
        for (Path link : children(root.resolve("entries"))) {
            // a link to a twin entry (the same build under another name) whose twin is gone
            if (Files.isSymbolicLink(link) && !Files.exists(link)) {
                Files.deleteIfExists(link);
            }
        }
        if (olderThan != null) {
            Instant cutoff = now.minus(olderThan);
            for (Path dir : children(root.resolve("stdin"))) {
                Path script = dir.resolve("stdin.java");
                if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) && lastRead(script).isBefore(cutoff)) {
                    freed += CachedEntry.size(dir);
                    CacheRoot.deleteTree(dir);
                }
            }
        }
        return freed;
    }

    private static void removeUnheldLock(Path lock) {
        try (FileChannel ch = FileChannel.open(lock, StandardOpenOption.WRITE)) {
            if (ch.tryLock() != null) {
                Files.deleteIfExists(lock);
            }
        } catch (IOException | OverlappingFileLockException e) {
            // in use or gone: leave it
        }
    }

    private static List<Path> children(Path dir) throws IOException {
        List<Path> found = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
                s.forEach(found::add);
            }
        }
        return found;
    }

    private static Instant modified(Path p) {
        try {
            return Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toInstant();
        } catch (IOException e) {
            return Instant.now();
        }
    }

    private static Instant lastRead(Path file) {
        try {
            var a = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class);
            Instant access = a.lastAccessTime().toInstant();
            return access.isAfter(a.lastModifiedTime().toInstant()) ? access : a.lastModifiedTime().toInstant();
        } catch (IOException e) {
            return Instant.EPOCH;
        }
    }

    /**
     * Called by the builder after a build (never on a cached run): once a day, starts a collection
     * of entries unused for {@link #DEFAULT_AGE} in a detached process, and returns at once. A new
     * cache gets its first collection a day after it was made. Never fails.
     */
    public static void startInBackground(Path root) {
        try {
            Path stamp = root.resolve(STAMP);
            if (!Files.exists(stamp)) {
                Files.createFile(stamp);
                return;
            }
            Instant now = Instant.now();
            if (Files.getLastModifiedTime(stamp).toInstant().isAfter(now.minus(AUTO_EVERY))) {
                return;
            }
            Files.setLastModifiedTime(stamp, FileTime.from(now));
            List<String> cmd = new ArrayList<>();
            if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
                cmd.add("/usr/bin/setsid"); // out of the script's process group: its ^C is not ours
            }
            cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-XX:-UsePerfData",
                    "-cp", System.getProperty("java.class.path"), CacheGc.class.getName(), root.toString()));
            File log = root.resolve("gc.log").toFile();
            new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(log).redirectErrorStream(true).start();
        } catch (IOException | RuntimeException e) {
            // collecting is a courtesy: the build it follows has succeeded
        }
    }

    /** The background collection: {@code CacheGc ROOT}. One at a time; prints what it did. */
    public static void main(String[] args) throws IOException {
        Path root = Path.of(args[0]);
        CacheRoot.check(root);
        try (FileChannel ch = FileChannel.open(root.resolve("locks").resolve("gc.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            if (ch.tryLock() == null) {
                System.out.println("jrun: another collection is running");
                return;
            }
            Result r = new CacheGc(root).collect(DEFAULT_AGE, null);
            System.out.println("jrun: " + Instant.now() + ": removed " + r.removed().size() + " entries unused for "
                    + DEFAULT_AGE.toDays() + " days, freed " + r.freed() + " bytes; " + r.busy().size() + " in use");
        }
    }
}
