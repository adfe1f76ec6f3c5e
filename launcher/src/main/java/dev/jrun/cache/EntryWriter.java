package dev.jrun.cache;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Writes one build of an entry: everything goes into a private directory under {@code ROOT/tmp},
 * which {@link #publish} forces to disk, renames into the entry as {@code b-ID}, and then names in
 * the entry's {@value Entry#CURRENT} file (written aside, forced and renamed over the old one). A
 * build killed at any point leaves either the old build current or the new one, whole.
 *
 * <p>Paths inside the build are given as they will be after publishing ({@link #finalPath}), since
 * the front end and the JVM use them there.
 */
public final class EntryWriter implements AutoCloseable {
    private final CacheRoot cache;
    private final Entry entry;
    private final Path tmp;
    private final Path build;

    public EntryWriter(CacheRoot cache, Path entryDir) throws IOException {
        this.cache = cache;
        this.entry = new Entry(entryDir);
        this.tmp = cache.newTempDir();
        String id = tmp.getFileName().toString().replaceAll("[^0-9A-Za-z]", "").toLowerCase(java.util.Locale.ROOT);
        this.build = entryDir.resolve("b-" + Long.toString(System.currentTimeMillis(), 36) + id);
    }

    /** Where the build is being written. */
    public Path tmp() {
        return tmp;
    }

    /** Where {@code name} in the build will be once it is published. */
    public Path finalPath(String name) {
        return build.resolve(name);
    }

    /** The build's directory once published. */
    public Path finalDir() {
        return build;
    }

    /** Links verified copies of the jars into lib/ (see {@link JarStore}); returns their final paths, in order. */
    public List<Path> linkJars(List<Path> jars, List<String> expectedSha256, List<String> names) throws IOException {
        Path lib = Files.createDirectories(tmp.resolve(Entry.LIB));
        JarStore store = new JarStore(cache.path());
        List<Path> out = new ArrayList<>();
        List<String> used = new ArrayList<>();
        for (int i = 0; i < jars.size(); i++) {
            String name = jars.get(i).getFileName().toString();
            if (used.contains(name)) {
                name = i + "-" + name; // two artifacts with one file name (other groups)
            }
            used.add(name);
            store.link(jars.get(i), lib.resolve(name), expectedSha256.get(i), names.get(i));
            out.add(finalPath(Entry.LIB).resolve(name));
        }
        return out;
    }

    /** Links a verified copy of one jar at {@code name} in the build; returns its final path. */
    public Path linkJar(Path jar, String name) throws IOException {
        Path at = tmp.resolve(name);
        Files.createDirectories(at.getParent());
        new JarStore(cache.path()).link(jar, at, null, jar.toString());
        return finalPath(name);
    }

    /** Writes java.args and run.env. */
    public void writeLaunch(List<String> javaArgs, RunEnv env) throws IOException {
        Files.writeString(tmp.resolve(Entry.ARGS), ArgFile.format(javaArgs), StandardCharsets.UTF_8);
        Files.writeString(tmp.resolve(Entry.ENV), env.render(), StandardCharsets.UTF_8);
    }

    /** The //SOURCES and //FILES files and the hashes of the bytes that were compiled or packed. */
    public void writeInputs(List<Path> files, List<String> sha256) throws IOException {
        Files.writeString(tmp.resolve(Entry.INPUTS), Sums.format(files, sha256), StandardCharsets.UTF_8);
    }

    public void writeMeta(Properties meta) throws IOException {
        try (Writer w = Files.newBufferedWriter(tmp.resolve(Entry.META), StandardCharsets.UTF_8)) {
            meta.store(w, "jrun cache entry");
        }
    }

    /** Puts the build in place and makes it current; the build it replaces is left for the collection. */
    public void publish() throws IOException {
        Durable.syncTree(tmp);
        try {
            Files.createDirectory(entry.dir(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (FileAlreadyExistsException built) {
            // an earlier build's entry
        }
        Files.move(tmp, build, StandardCopyOption.ATOMIC_MOVE);
        Path next = entry.dir().resolve(Entry.CURRENT + ".next-" + build.getFileName());
        Files.writeString(next, build.getFileName() + "\n", StandardCharsets.UTF_8);
        Durable.sync(next);
        Files.move(next, entry.dir().resolve(Entry.CURRENT), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        Durable.sync(entry.dir());
    }

    /** Removes what is left of an unpublished build. */
    @Override
    public void close() {
        CacheRoot.deleteTree(tmp);
    }
}
