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
 * change times); an empty file, which an in-place save leaves for a moment, only once it has been
 * empty for {@link #EMPTY_QUIET_MILLIS} (by its modification time, or by two reads that long apart
 * when that time is in the future). A file being written is read again until then, at most
 * {@link #MAX_WAIT_MILLIS} in all: then what was read last counts. Whether a save was still under way
 * when the file was read is told after compiling ({@link #awaitQuiet}, then the builder compares
 * the bytes again), so that the build of a file saved a moment ago waits only for what compiling did
 * not already take. A copy jrun itself wrote whole and named by its content (a script from standard
 * input) is never waited for.
 */
public final class Settle {
    /** A file last modified this long ago is not being written by a save (editors write in one go). */
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
            if (bytes.length > 0 || isContentAddressed(file, bytes)) {
                // whole as read; whether it was still being written is for quiet(), once it is compiled
                return bytes;
            }
            if (!after.equals(seen)) {
                seen = after;
                seenAt = now;
            }
            long age = now - after.modifiedMillis();
            long unchanged = now - seenAt;
            if (age >= EMPTY_QUIET_MILLIS || unchanged >= EMPTY_QUIET_MILLIS) {
                return bytes;
            }
            // empty: most likely an in-place save between its truncation and its first write
            long wait = age >= 0 ? EMPTY_QUIET_MILLIS - age : EMPTY_QUIET_MILLIS - unchanged;
            pause(Math.max(1, Math.min(wait, deadline - now)));
        }
    }

    /**
     * Waits until none of {@code files} was modified in the last {@link #QUIET_MILLIS} (a time in the
     * future, from another machine's clock, is waited for that long at most): called once what was
     * read is compiled, before the bytes are compared with the files' again, so that a save still
     * under way when they were read shows. Usually compiling took longer than that: no pause.
     */
    public static void awaitQuiet(java.util.List<Path> files) {
        new Settle(DISK, CLOCK).quiet(files);
    }

    void quiet(java.util.List<Path> files) {
        long newest = Long.MIN_VALUE;
        for (Path f : files) {
            Stamp st = disk.stamp(f);
            if (st != null) {
                newest = Math.max(newest, st.modifiedMillis());
            }
        }
        if (newest == Long.MIN_VALUE) {
            return;
        }
        long age = clock.millis() - newest;
        if (age < QUIET_MILLIS) {
            pause(age >= 0 ? QUIET_MILLIS - age : QUIET_MILLIS);
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
