package dev.jrun.entry;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * A cache entry: one directory, built whole in the cache's tmp/ and renamed into place.
 * <pre>
 *   app.jar          the compiled script, its sources and resources
 *   java.args        the JVM options and class path (a java @argfile)
 *   run.env          what the front end sources: java, main class, jrun_valid
 *   inputs.sha256    the //SOURCES and //FILES files and their hashes (sha256sum -c format)
 *   entry.properties the key and what the entry was built from, for jrun's own commands
 * </pre>
 */
public final class Entry {
    public static final String JAR = "app.jar";
    public static final String INPUTS = "inputs.sha256";
    public static final String META = "entry.properties";
    /** See {@link dev.jrun.plan.Check.DirsUnchanged}: its time is when the watched directories were listed. */
    public static final String DIRS_STAMP = "dirs.stamp";

    private Entry() {
    }

    /** The entry's recorded metadata, or empty properties if it has none. */
    public static Properties meta(Path entry) {
        Properties p = new Properties();
        Path file = entry.resolve(META);
        if (Files.isRegularFile(file)) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException e) {
                // an unreadable entry is simply not current
            }
        }
        return p;
    }

    /** Is there a complete entry at {@code entry} built from inputs with this key? */
    public static boolean isCurrent(Path entry, String key) {
        return key.equals(meta(entry).getProperty("key")) && Files.isRegularFile(entry.resolve("run.env"))
                && Files.isRegularFile(entry.resolve(JAR));
    }

    public static void writeMeta(Path dir, Properties p) throws IOException {
        try (Writer w = Files.newBufferedWriter(dir.resolve(META), StandardCharsets.UTF_8)) {
            p.store(w, "jrun cache entry");
        }
    }
}
