package dev.jrun;

import java.nio.file.Path;
import java.util.Map;

/**
 * The user's directories jrun keeps its settings and data in, by the XDG base directory rules (a
 * relative path in an XDG variable is ignored), and JBang's directory, which jrun reads only.
 */
public final class UserDirs {
    private UserDirs() {
    }

    /** {@code $XDG_CONFIG_HOME/jrun}, else {@code HOME/.config/jrun}: the trust list, catalogs, the default JDK, the policy. */
    public static Path config(Map<String, String> env, Path home) {
        return xdg(env.get("XDG_CONFIG_HOME"), home.resolve(".config")).resolve("jrun");
    }

    /** {@code $XDG_DATA_HOME/jrun}, else {@code HOME/.local/share/jrun}: jrun's own JDKs. */
    public static Path data(Map<String, String> env, Path home) {
        return xdg(env.get("XDG_DATA_HOME"), home.resolve(".local/share")).resolve("jrun");
    }

    /** {@code $JBANG_DIR}, else {@code HOME/.jbang}: JBang's trust list and catalog, read only. */
    public static Path jbang(Map<String, String> env, Path home) {
        return xdg(env.get("JBANG_DIR"), home.resolve(".jbang"));
    }

    /** The home {@code env} names (HOME), else this JVM's user.home. */
    public static Path home(Map<String, String> env) {
        return Path.of(env.getOrDefault("HOME", System.getProperty("user.home")));
    }

    private static Path xdg(String value, Path otherwise) {
        return value != null && value.startsWith("/") ? Path.of(value) : otherwise;
    }
}
