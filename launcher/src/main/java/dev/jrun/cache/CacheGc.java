package dev.jrun.cache;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Removes cache entries: those unused for a while, the least recently used ones beyond a size
 * budget, or all of them. Safe while other jrun processes run, in two steps:
 * <ol>
 * <li>An entry is retired: its {@value Entry#CURRENT} file is removed (under the entry's lock,
 *     taken without waiting: an entry being built is skipped), so the next run of its script builds
 *     afresh. A run that has already chosen a build keeps it.
 * <li>A build that is not current is deleted only when it has not been current for {@link #GRACE}
 *     (longer than a front end takes from reading {@value Entry#CURRENT} to its JVM opening the
 *     build's jar) and no process has any of its files open or mapped (see {@link InUse}).
 * </ol>
 * A build that is still in use stays, and goes in a later collection.
 *
 * <p>The builder also starts a collection by itself, in the background, at most once a day
 * ({@link BackgroundGc}), of entries unused for {@link #DEFAULT_AGE}.
 */
public final class CacheGc {
    public static final Duration DEFAULT_AGE = Duration.ofDays(30);
    /** How long a build that stopped being current is kept before it may be deleted. */
    static final Duration GRACE = Duration.ofSeconds(3);
    /** In a retired entry: its time is when it was retired. */
    static final String RETIRED = "retired";
    /** Leftovers of builds in tmp/ older than this are from builds that died. */
    private static final Duration STALE_TMP = Duration.ofHours(1);
    /** A script read from standard input is kept at least this long: its run may be starting. */
    private static final Duration STDIN_MIN_AGE = Duration.ofMinutes(1);

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
     * @param inUse   builds left because a process is using them
     * @param freed   the bytes removed, leftovers included
     */
    public record Result(List<CachedEntry> removed, List<CachedEntry> busy, int inUse, long freed) {
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
        for (CachedEntry e : entries) {
            boolean old = olderThan != null && e.lastUsed().isBefore(now.minus(olderThan));
            boolean over = maxBytes != null && total > maxBytes;
            if (!old && !over) {
                continue;
            }
            if (retire(e)) {
                removed.add(e);
                total -= e.size();
            } else {
                busy.add(e);
            }
        }
        return finish(removed, busy, olderThan);
    }

    /** Removes every entry that is not being built, the scripts read from standard input, and leftovers. */
    public Result clear() throws IOException {
        List<CachedEntry> removed = new ArrayList<>();
        List<CachedEntry> busy = new ArrayList<>();
        for (CachedEntry e : CachedEntry.all(root)) {
            (retire(e) ? removed : busy).add(e);
        }
        return finish(removed, busy, Duration.ZERO);
    }

    private Result finish(List<CachedEntry> removed, List<CachedEntry> busy, Duration olderThan) throws IOException {
        if (!removed.isEmpty()) {
            sleep(GRACE.plusMillis(100)); // the builds just retired may be deleted only after this
        }
        long before = CachedEntry.size(root);
        int[] inUse = {0};
        InUse used = InUse.below(root.toRealPath());
        for (Path entry : children(root.resolve("entries"))) {
            inUse[0] += sweepEntry(entry, used);
        }
        sweep(olderThan);
        return new Result(removed, busy, inUse[0], Math.max(0, before - CachedEntry.size(root)));
    }

    /** Retires an entry: the next run of its script builds afresh. False if it is being built. */
    private boolean retire(CachedEntry e) throws IOException {
        try (Closeable lock = tryLock(e.name())) {
            if (lock == null) {
                return false;
            }
            Files.deleteIfExists(e.dir().resolve(Entry.CURRENT));
            Path marker = e.dir().resolve(RETIRED);
            if (!Files.exists(marker)) {
                Files.createFile(marker);
            }
            Files.setLastModifiedTime(marker, FileTime.from(Instant.now()));
            return true;
        }
    }

    /**
     * Deletes the builds of one entry that stopped being current more than {@link #GRACE} ago and
     * that no process uses, then the entry itself if that left it empty. Skips an entry being
     * built. Returns how many builds were left because they are in use.
     */
    static int sweepEntry(Path entry, InUse used) throws IOException {
        Path root = entry.getParent().getParent();
        try (Closeable lock = new CacheGc(root).tryLock(entry.getFileName().toString())) {
            return lock == null ? 0 : sweepLocked(entry, used);
        }
    }

    /**
     * For the builder, which holds the entry's lock: deletes the entry's builds that stopped being
     * current more than {@link #GRACE} ago and are not in use. Looks at the processes only when
     * there is such a build.
     */
    public static void sweepRetiredBuilds(Path entry) throws IOException {
        Optional<Path> current = new Entry(entry).current();
        boolean any = children(entry).stream().anyMatch(b -> Entry.isBuildName(b.getFileName().toString())
                && !current.map(b::equals).orElse(false));
        if (any && modified(entry.resolve(Entry.CURRENT), Instant.now()).isBefore(Instant.now().minus(GRACE))) {
            sweepLocked(entry, InUse.below(entry.toRealPath()));
        }
    }

    static int sweepLocked(Path entry, InUse used) throws IOException {
        Optional<Path> current = new Entry(entry).current();
        Instant changed = Instant.EPOCH;
        for (String marker : new String[] {Entry.CURRENT, RETIRED}) {
            Instant t = modified(entry.resolve(marker), Instant.EPOCH);
            changed = t.isAfter(changed) ? t : changed;
        }
        if (changed.equals(Instant.EPOCH)) {
            changed = modified(entry, Instant.now()); // neither file: as old as the entry's last change
        }
        boolean graceOver = changed.isBefore(Instant.now().minus(GRACE));
        int kept = 0;
        for (Path build : children(entry)) {
            String name = build.getFileName().toString();
            if (!Entry.isBuildName(name) || current.map(build::equals).orElse(false)) {
                continue;
            }
            if (!graceOver || (used != null && used.isUsed(build.toRealPath()))) {
                kept++;
            } else {
                CacheRoot.deleteTree(build);
            }
        }
        if (current.isEmpty() && kept == 0) {
            for (Path left : children(entry)) {
                if (left.getFileName().toString().startsWith(Entry.CURRENT + ".next-") || left.getFileName().toString().equals(RETIRED)
                        || Entry.isBuildName(left.getFileName().toString())) {
                    CacheRoot.deleteTree(left);
                }
            }
            try {
                Files.deleteIfExists(entry);
            } catch (java.nio.file.DirectoryNotEmptyException e) {
                // something new arrived: keep it
            }
        }
        return kept;
    }

    /** The entry's lock if no one holds it, else null. */
    private Closeable tryLock(String name) throws IOException {
        Path lockFile = root.resolve("locks").resolve(name + ".lock");
        Files.createDirectories(lockFile.getParent());
        FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException | IOException e) {
            lock = null;
        }
        if (lock == null) {
            ch.close();
            return null;
        }
        return ch;
    }

    /**
     * Removes what entries leave behind: tmp/ directories of builds that died, half-made archives
     * ({@code aot-*.tmpPID}) of archive makers that were killed, lock files of entries that no longer exist,
     * links to twin entries that no longer exist, jar copies no build links to, and scripts read from standard
     * input that were not run for {@code olderThan} (they are hashed, so read, on every run).
     */
    private void sweep(Duration olderThan) throws IOException {
        Instant staleTmp = now.minus(STALE_TMP);
        for (Path p : children(root.resolve("tmp"))) {
            if (modified(p, now).isBefore(staleTmp)) {
                CacheRoot.deleteTree(p);
            }
        }
        // half-made archives of archive makers that were killed (a live maker is done within an hour)
        for (Path entry : children(root.resolve("entries"))) {
            for (Path build : children(entry)) {
                for (Path f : children(build)) {
                    if (f.getFileName().toString().matches("aot-.*\\.tmp[0-9]+") && modified(f, now).isBefore(staleTmp)) {
                        Files.deleteIfExists(f);
                    }
                }
            }
        }
        for (Path lock : children(root.resolve("locks"))) {
            String name = lock.getFileName().toString();
            if (name.endsWith(".lock") && !name.equals("gc.lock") && modified(lock, now).isBefore(staleTmp)
                    && !Files.exists(root.resolve("entries").resolve(name.substring(0, name.length() - 5)))) {
                removeUnheldLock(lock);
            }
        }
        for (Path jar : children(root.resolve("jars"))) {
            String name = jar.getFileName().toString();
            if (name.endsWith(".jar") ? links(jar) == 1 : modified(jar, now).isBefore(staleTmp)) {
                Files.deleteIfExists(jar); // no build links to it (or a copy that died half-way)
            }
        }
        for (Path link : children(root.resolve("entries"))) {
            // a link to a twin entry (the same build under another name) whose twin is gone
            if (Files.isSymbolicLink(link) && !Files.exists(link)) {
                Files.deleteIfExists(link);
            }
        }
        if (olderThan != null) {
            Instant cutoff = now.minus(olderThan.compareTo(STDIN_MIN_AGE) < 0 ? STDIN_MIN_AGE : olderThan);
            for (Path dir : children(root.resolve("stdin"))) {
                Path script = dir.resolve("stdin.java");
                // (a directory a run has just made, its script not yet moved in, goes by its own time)
                Instant used = Files.exists(script, LinkOption.NOFOLLOW_LINKS) ? lastRead(script) : modified(dir, now);
                if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) && used.isBefore(cutoff)) {
                    CacheRoot.deleteTree(dir);
                }
            }
        }
    }

    private static int links(Path file) {
        try {
            return ((Number) Files.getAttribute(file, "unix:nlink", LinkOption.NOFOLLOW_LINKS)).intValue();
        } catch (IOException | UnsupportedOperationException e) {
            return 2; // cannot tell: keep it
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
        if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
                s.forEach(found::add);
            } catch (java.nio.file.NoSuchFileException | java.nio.file.NotDirectoryException gone) {
                // removed meanwhile (by another collection)
            }
        }
        return found;
    }

    private static Instant modified(Path p, Instant otherwise) {
        try {
            return Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toInstant();
        } catch (IOException e) {
            return otherwise;
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
}
