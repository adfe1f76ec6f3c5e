package dev.jrun.cache;

import dev.jrun.Hashing;
import dev.jrun.Version;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The cache entry the sh front end uses for a script, computed the same way: the SHA-256 of the
 * script's bytes, then the first 16 hex digits of the SHA-256 of the variant text (jrun's version,
 * --java, JAVA_HOME, JRUN_REPO, the script's path as given made absolute, one a line, then the
 * options that change the build, one a line, and an empty line), then those of SCRIPT.lock's if it exists:
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
        return of(root, script, java, "", env);
    }

    /**
     * @param given the options that change the build, as the front end lists them ("DIRECTIVE OPTION VALUE\n" each)
     */
    public static Path of(Path root, Path script, String java, String given, Map<String, String> env)
            throws IOException {
        return of(root, script, java, given, env, Path.of(System.getProperty("user.dir")));
    }

    /** @param dir the working directory of the run (the physical one, as the JVM's user.dir) */
    public static Path of(Path root, Path script, String java, String given, Map<String, String> env, Path dir)
            throws IOException {
        String s = script.toString();
        // the front end's $PWD is the logical directory; the JVM's user.dir the physical one
        String pwd = env.getOrDefault("PWD", "");
        try {
            if (pwd.isEmpty() || !Files.isSameFile(Path.of(pwd), dir)) {
                pwd = dir.toString();
            }
        } catch (IOException e) {
            pwd = dir.toString();
        }
        String abs = s.startsWith("/") ? s : pwd + "/" + (s.startsWith("./") ? s.substring(2) : s);
        String variant = Version.get() + "\n"
                + "java=" + (java == null ? "" : java) + "\n"
                + "home=" + env.getOrDefault("JAVA_HOME", "") + "\n"
                + "repo=" + env.getOrDefault("JRUN_REPO", "") + "\n"
                + "path=" + abs + "\n"
                + given + "\n";
        String name = Hashing.of(script) + "-" + Hashing.of(variant).substring(0, 16);
        Path lock = Path.of(script + ".lock");
        if (Files.isRegularFile(lock)) {
            name += "-" + Hashing.of(lock).substring(0, 16);
        }
        return root.resolve("entries").resolve(name);
    }
}
