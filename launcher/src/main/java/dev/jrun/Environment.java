package dev.jrun;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * What jrun takes from the process it runs in, decided once and the same way as the sh front end
 * decides it: the user's home, the cache root, PATH. The CLI and the builder both use it, so
 * {@code jrun cache list} and {@code jrun info} look where runs put things.
 *
 * @param vars the environment, with HOME replaced by {@link #home()} (so everything that reads
 *             HOME from it, the JDK finder and Maven's settings, agrees)
 * @param home the user's home: HOME if it is a directory of the user's own, else (no HOME, as
 *             under {@code env -i}; someone else's, as under sudo) the passwd entry's, Java's user.home
 * @param dir  the working directory, against which relative paths in the environment count
 */
public record Environment(Map<String, String> vars, Path home, Path dir) {

    public Environment {
        vars = Collections.unmodifiableMap(new HashMap<>(vars));
    }

    /**
     * This JVM's system properties as a script's ${name} sees them in this environment: user.dir is
     * its directory (a compile server builds for many directories, and runs in /).
     */
    public Properties systemProperties() {
        Properties p = new Properties();
        p.putAll(System.getProperties());
        p.setProperty("user.dir", dir.toString());
        return p;
    }

    /** This process's. */
    public static Environment current() {
        return of(System.getenv(), Path.of(System.getProperty("user.home")), System.getProperty("user.name"),
                Path.of("").toAbsolutePath());
    }

    /**
     * @param passwdHome the passwd entry's home (Java's user.home)
     * @param user       the user's name, to tell whether HOME is theirs
     */
    public static Environment of(Map<String, String> env, Path passwdHome, String user, Path dir) {
        String given = env.get("HOME");
        Path home = passwdHome;
        if (given != null && !given.isEmpty() && ownedBy(dir.resolve(given), user)) {
            home = dir.resolve(given);
        }
        Map<String, String> vars = new HashMap<>(env);
        vars.put("HOME", home.toString());
        return new Environment(vars, home, dir);
    }

    private static boolean ownedBy(Path p, String user) {
        try {
            return Files.getOwner(p).getName().equals(user);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** A variable, or null when unset or empty. */
    public String get(String name) {
        String v = vars.get(name);
        return v == null || v.isEmpty() ? null : v;
    }

    /** JRUN_CACHE_DIR, else $XDG_CACHE_HOME/jrun, else HOME/.cache/jrun; absolute. */
    public Path cacheRoot() {
        String dirVar = get("JRUN_CACHE_DIR");
        if (dirVar != null) {
            return dir.resolve(dirVar).normalize();
        }
        String xdg = get("XDG_CACHE_HOME");
        return (xdg != null ? dir.resolve(xdg) : home.resolve(".cache")).resolve("jrun").normalize();
    }

    /** PATH's directories, in order (empty entries left out). */
    public List<Path> path() {
        List<Path> out = new ArrayList<>();
        String path = get("PATH");
        if (path != null) {
            for (String d : path.split(File.pathSeparator)) {
                if (!d.isEmpty()) {
                    out.add(dir.resolve(d));
                }
            }
        }
        return out;
    }

    /**
     * Whether the locale names no character set (C, POSIX, or none), in which the front end gives
     * every JVM C.UTF-8, or where it cannot, UTF-8 encodings on the command line.
     */
    public boolean cLocale() {
        String lc = get("LC_ALL");
        if (lc == null) {
            lc = get("LC_CTYPE");
        }
        if (lc == null) {
            lc = get("LANG");
        }
        return lc == null || lc.equals("C") || lc.equals("POSIX");
    }
}
