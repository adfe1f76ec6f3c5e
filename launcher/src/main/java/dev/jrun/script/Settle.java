package dev.jrun.script;

import dev.jrun.ExitCode;
import dev.jrun.Hashing;
import dev.jrun.JrunException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;

/**
 * How a file that an editor may be saving is read (one rule, one place): the bytes of a version
 * that is whole, not of one caught halfway through an in-place save (truncated, then written, maybe
 * in several writes).
 *
 * <p>A read counts when the file did not change while it was read (inode, size, modification and
 * change times) and has been quiet since: last modified at least {@link #QUIET_MILLIS} ago (an
 * empty file, which an in-place save leaves for a moment, {@link #EMPTY_QUIET_MILLIS}), or seen
 * unchanged, bytes and all, by two reads that long apart (a modification time in the future, from
 * another machine's clock, is not waited for longer than that). A file being written is read again
 * until then, at most {@link #MAX_WAIT_MILLIS} in all: then what was read last counts. A file last
 * written a moment ago, the rare case, costs a pause; any other read costs one read and two stats,
 * as before. A copy jrun itself wrote whole and named by its content (a script from standard input)
 * is never waited for.
 */
public final class Settle {
    /** A file last modified this long ago is not being written by a save. */
    static final long QUIET_MILLIS = 50;
    /** An empty file is most likely an in-place save between its truncation and its first write. */
    static final long EMPTY_QUIET_MILLIS = 1000;
    /** The pause after a read during which the file changed. */
    static final long POLL_MILLIS = 25;
    /** The longest a read waits for the file to settle; then the version read last counts. */
    static final long MAX_WAIT_MILLIS = 2000;

    /** What tells one version of a file from the next without reading it. */
    record Stamp(Object key, long size, long modifiedMillis, FileTime modified, Object changed) {
    }

    /** The file system as a read sees it (replaced in tests). */
    interface Disk {
        /** The file's stamp, or null when it cannot be seen (gone). */
        Stamp stamp(Path file);

        byte[] read(Path file, String name, long max) throws IOException;
    }

    /** Time as a read sees it (replaced in tests). */
    interface Clock {
        long millis();

        void sleep(long millis) throws InterruptedException;
    }

    static final Disk DISK = new Disk() {
        @Override
        public Stamp stamp(Path file) {
            try {
                BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
                Object changed;
                try {
                    changed = Files.getAttribute(file, "unix:ctime");
                } catch (UnsupportedOperationException | IllegalArgumentException | IOException e) {
                    changed = null;
                }
                return new Stamp(String.valueOf(a.fileKey()), a.size(), a.lastModifiedTime().toMillis(),
                        a.lastModifiedTime(), changed);
            } catch (IOException e) {
                return null;
            }
        }

        @Override
        public byte[] read(Path file, String name, long max) throws IOException {
            return Script.readRegularFile(file, name, max);
        }
    };

    static final Clock CLOCK = new Clock() {
        @Override
        public long millis() {
            return System.currentTimeMillis();
        }

        @Override
        public void sleep(long millis) throws InterruptedException {
            Thread.sleep(millis);
        }
    };

    private final Disk disk;
    private final Clock clock;

    Settle(Disk disk, Clock clock) {
        this.disk = disk;
        this.clock = clock;
    }

    /**
     * The bytes of {@code real} once it is settled (see the class comment), refused as
     * {@link Script#readRegularFile} refuses a file that is not a regular one or is larger than {@code max}.
     */
    public static byte[] read(Path real, String name, long max) throws IOException {
        return new Settle(DISK, CLOCK).bytes(real, name, max);
    }

    byte[] bytes(Path file, String name, long max) throws IOException {
        long deadline = clock.millis() + MAX_WAIT_MILLIS;
        Stamp seen = null;
        byte[] seenBytes = null;
        long seenAt = 0;
        while (true) {
            Stamp before = disk.stamp(file);
            byte[] bytes = disk.read(file, name, max);
            Stamp after = disk.stamp(file);
            long now = clock.millis();
            if (now >= deadline) {
                return bytes; // saved over and over: the version read last counts
            }
            if (before == null || !before.equals(after)) {
                pause(Math.min(POLL_MILLIS, deadline - now)); // changed while it was read: half of each version
                continue;
            }
            if (!after.equals(seen) || !Arrays.equals(bytes, seenBytes)) {
                seen = after;
                seenBytes = bytes;
                seenAt = now;
            }
            if (isContentAddressed(file, bytes)) {
                return bytes; // a copy jrun made whole and renamed in (standard input): no editor's
            }
            long quiet = bytes.length == 0 ? EMPTY_QUIET_MILLIS : QUIET_MILLIS;
            long age = now - after.modifiedMillis();
            long unchanged = now - seenAt;
            if (age >= quiet || unchanged >= quiet) {
                return bytes;
            }
            // until it is quiet by its modification time, or (a time in the future) by ours
            long wait = age >= 0 ? quiet - age : quiet - unchanged;
            pause(Math.max(1, Math.min(wait, deadline - now)));
        }
    }

    /** A copy named by its content: its directory's name is the SHA-256 of its bytes (ROOT/stdin/SHA/stdin.java). */
    static boolean isContentAddressed(Path file, byte[] bytes) {
        Path dir = file.getParent();
        return dir != null && dir.getFileName() != null && dir.getFileName().toString().length() == 64
                && dir.getFileName().toString().equals(Hashing.of(bytes));
    }

    private void pause(long millis) {
        try {
            clock.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JrunException(ExitCode.SCRIPT, "interrupted while waiting for a file being saved");
        }
    }
}
