package dev.jrun.catalog;

import dev.jrun.ExitCode;
import dev.jrun.JrunException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The catalog files on this machine: the nearest ones (jbang-catalog.json or
 * .jbang/jbang-catalog.json in the working directory and each one above it), the user's own
 * ({@code $XDG_CONFIG_HOME/jrun/jbang-catalog.json}, else {@code ~/.config/jrun/}; private, where
 * {@code jrun catalog add} and {@code jrun alias add} write by default), and JBang's
 * ({@code ~/.jbang/jbang-catalog.json}, read only). Writes are atomic (a temporary file renamed),
 * and a change ({@link #update}) is made to the file as it is under a lock, so that two at once
 * (two {@code jrun alias add}) both land.
 */
public final class CatalogFiles {
    private final Path user;
    private final Path jbang;

    public CatalogFiles(Path user, Path jbang) {
        this.user = user;
        this.jbang = jbang;
    }

    public static CatalogFiles of(Map<String, String> env, Path home) {
        return new CatalogFiles(dev.jrun.UserDirs.config(env, home).resolve(Catalog.FILE_NAME),
                dev.jrun.UserDirs.jbang(env, home).resolve(Catalog.FILE_NAME));
    }

    /** The user's own catalog file (it may not exist yet). */
    public Path user() {
        return user;
    }

    /** JBang's user catalog, which jrun reads and never writes. */
    public Path jbang() {
        return jbang;
    }

    /**
     * The catalog files an unqualified alias is looked up in, nearest first, that exist and that
     * no other user can change ({@link #unsafe}): a catalog another user wrote (in /tmp, say) would
     * choose what jrun NAME runs. Those are left out, and said so in {@code ignored}.
     */
    public List<Path> chain(Path dir, List<String> ignored) {
        List<Path> out = new ArrayList<>();
        for (Path d = dir.toAbsolutePath().normalize(); d != null; d = d.getParent()) {
            for (Path f : List.of(d.resolve(Catalog.FILE_NAME), d.resolve(".jbang").resolve(Catalog.FILE_NAME))) {
                if (Files.isRegularFile(f) && !out.contains(f) && !f.equals(user) && !f.equals(jbang)) {
                    String why = unsafe(f);
                    if (why == null) {
                        out.add(f);
                    } else {
                        ignored.add(f + " (" + why + ")");
                    }
                }
            }
        }
        for (Path f : List.of(user, jbang)) {
            if (Files.isRegularFile(f)) {
                String why = unsafe(f);
                if (why == null) {
                    out.add(f);
                } else {
                    ignored.add(f + " (" + why + ")");
                }
            }
        }
        return out;
    }

    public List<Path> chain(Path dir) {
        return chain(dir, new ArrayList<>());
    }

    /**
     * Why a user other than you (or root) could change the catalog file {@code f}, or null: it is
     * not yours (or root's), anyone may write it, or it sits in a directory anyone may write to
     * that is not yours or root's (a sticky /tmp is root's: others cannot replace your file there).
     */
    static String unsafe(Path f) {
        try {
            String me = System.getProperty("user.name");
            String owner = Files.getOwner(f).getName();
            if (!owner.equals(me) && !owner.equals("root")) {
                return "owned by " + owner;
            }
            if (Files.getPosixFilePermissions(f).contains(PosixFilePermission.OTHERS_WRITE)) {
                return "anyone may write it";
            }
            Path dir = f.getParent();
            String dirOwner = Files.getOwner(dir).getName();
            if (!dirOwner.equals(me) && !dirOwner.equals("root")
                    && Files.getPosixFilePermissions(dir).contains(PosixFilePermission.OTHERS_WRITE)) {
                return "in " + dir + ", which anyone may write to";
            }
            return null;
        } catch (IOException | UnsupportedOperationException e) {
            return "its owner cannot be read";
        }
    }

    /** The nearest catalog file of {@code dir} (not the user's), if there is one. */
    public Path nearest(Path dir) {
        List<Path> c = chain(dir);
        return c.isEmpty() || c.get(0).equals(user) || c.get(0).equals(jbang) ? null : c.get(0);
    }

    /** The catalog in {@code file}; an empty one if the file does not exist. */
    public static Catalog read(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        if (!Files.exists(abs)) {
            return Catalog.empty(abs);
        }
        try {
            return Catalog.parse(Files.readString(abs, StandardCharsets.UTF_8), abs.toString());
        } catch (IOException e) {
            throw new JrunException(ExitCode.USAGE, "catalog " + abs + ": cannot read it: " + e.getMessage()
                    + "; check its permissions");
        }
    }

    /**
     * Changes the catalog in {@code file} (an empty one if there is none yet) and writes it: read and
     * written under an exclusive lock, so that a change made meanwhile by another jrun is not lost.
     * The lock is a file of the user's own ({@code locks/} beside the user's catalog, named by the
     * catalog's path), not one beside a project's catalog, which would show in its repository.
     * {@code change} may throw, to refuse the change as the file is now. Returns what was written.
     */
    public Catalog update(Path file, java.util.function.UnaryOperator<Catalog> change) {
        Path abs = file.toAbsolutePath().normalize();
        Path locks = user.getParent().resolve("locks");
        Path lock = locks.resolve(dev.jrun.Hashing.of(abs.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 32)
                + ".lock");
        synchronized (CatalogFiles.class) { // (a file lock is the process's: threads of one wait here)
            try {
                Files.createDirectories(locks, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(lock,
                        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
                        java.nio.channels.FileLock held = ch.lock()) {
                    Catalog now = read(abs);
                    pauseForTests();
                    Catalog changed = change.apply(now);
                    write(changed);
                    return changed;
                }
            } catch (IOException e) {
                throw new JrunException(ExitCode.USAGE, "catalog " + abs + ": cannot lock it for a change (" + lock + ": "
                        + e.getMessage() + "); check the permissions of " + locks.getParent());
            }
        }
    }

    /** JRUN_TEST_CATALOG_PAUSE=MILLIS: a pause between the read and the write, so that a test's changes overlap. */
    private static void pauseForTests() {
        String ms = System.getenv("JRUN_TEST_CATALOG_PAUSE");
        if (ms != null && ms.matches("[0-9]{1,4}")) {
            try {
                Thread.sleep(Long.parseLong(ms));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Writes {@code catalog} to its file, atomically. The user's own catalog (and its directory)
     * is private to the user; another file keeps its permissions (a new one: 0644, for a project's
     * catalog that is committed).
     */
    public void write(Catalog catalog) {
        Path file = catalog.file();
        boolean own = file.equals(user);
        if (file.equals(jbang)) {
            throw new JrunException(ExitCode.USAGE, "catalog " + file + " is JBang's, which jrun does not change; use jbang"
                    + " to change it, or give jrun's own with -f FILE");
        }
        try {
            Path dir = file.getParent();
            if (!Files.isDirectory(dir)) {
                if (own) {
                    Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } else {
                    Files.createDirectories(dir);
                }
            }
            Set<PosixFilePermission> perms = own ? PosixFilePermissions.fromString("rw-------")
                    : Files.exists(file) ? Files.getPosixFilePermissions(file) : PosixFilePermissions.fromString("rw-r--r--");
            Path tmp = Files.createTempFile(dir, "." + Catalog.FILE_NAME, ".tmp");
            try {
                Files.writeString(tmp, catalog.toJson(), StandardCharsets.UTF_8);
                Files.setPosixFilePermissions(tmp, perms);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new JrunException(ExitCode.USAGE, "catalog " + file + ": cannot write it: " + e.getMessage()
                    + "; check the permissions of " + file.getParent());
        }
    }
}
