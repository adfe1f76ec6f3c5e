package dev.jrun.it.binfmt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The machine's one binfmt_misc table, read and cleaned up directly through /proc (not through
 * jrun, which is what the tests check). Tests register names of their own ({@link #testName()});
 * those that must touch the shared name {@code jrun} or dpkg hold {@link #lock()}.
 */
final class Kernel {
    static final Path DIR = Path.of("/proc/sys/fs/binfmt_misc");

    private Kernel() {
    }

    /** A name no other test run uses. */
    static String testName() {
        return "jrun-test-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    }

    /** The entry's file as the kernel shows it, if it exists. */
    static Optional<String> entry(String name) {
        try {
            return Optional.of(Files.readString(DIR.resolve(name)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes the entry if it exists (cleanup). */
    static void remove(String name) {
        try (FileChannel ch = FileChannel.open(DIR.resolve(name), StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap("-1".getBytes()));
        } catch (NoSuchFileException e) {
            // gone already
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Registers a raw line (a test's foreign entry, or restoring what was there). */
    static void register(String line) {
        try (FileChannel ch = FileChannel.open(DIR.resolve("register"), StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(line.getBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The register line that recreates an extension entry from what the kernel shows of it. */
    static String lineOf(String name, String shown) {
        String interp = "";
        String flags = "";
        String ext = "";
        for (String l : shown.split("\n")) {
            if (l.startsWith("interpreter ")) {
                interp = l.substring(12);
            } else if (l.startsWith("flags: ")) {
                flags = l.substring(7);
            } else if (l.startsWith("extension .")) {
                ext = l.substring(11);
            }
        }
        return ":" + name + ":E::" + ext + "::" + interp + ":" + flags;
    }

    /**
     * A lock for tests that touch the shared entry name {@code jrun}, /etc/binfmt.d/jrun.conf or dpkg,
     * held on the test JVM's own install directory (the test suite's, so it leaves no file behind).
     */
    static FileLock lock() {
        try {
            Path file = Path.of(System.getProperty("jrun.it.dir", "target/it")).resolve("binfmt-it.lock");
            Files.createDirectories(file.getParent());
            FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            return ch.lock();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
