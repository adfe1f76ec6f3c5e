package dev.jrun.entry;

import dev.jrun.Hashing;
import dev.jrun.Version;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The cache entry the sh front end uses for a script, computed the same way: the SHA-256 of the
 * script's bytes, then the first 16 hex digits of the SHA-256 of the variant text (jrun's version,
 * --java, JAVA_HOME, JRUN_REPO, one a line), then those of SCRIPT.lock's if it exists:
 * {@code ROOT/entries/SCRIPTHASH-VARIANT16[-LOCK16]}. Keep in step with launcher/src/main/sh/jrun.
 */
public final class EntryPath {
    private EntryPath() {
    }

    /**
     * @param java --java as given, or null
     * @param env  the environment the front end would see
     */
    public static Path of(Path root, Path script, String java, Map<String, String> env) throws IOException {
        String variant = Version.get() + "\n"
                + "java=" + (java == null ? "" : java) + "\n"
                + "home=" + env.getOrDefault("JAVA_HOME", "") + "\n"
                + "repo=" + env.getOrDefault("JRUN_REPO", "") + "\n";
        String name = Hashing.of(script) + "-" + Hashing.of(variant).substring(0, 16);
        Path lock = Path.of(script + ".lock");
        if (Files.isRegularFile(lock)) {
            name += "-" + Hashing.of(lock).substring(0, 16);
        }
        return root.resolve("entries").resolve(name);
    }
}
