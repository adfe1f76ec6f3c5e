package dev.jrun.plan;

import java.nio.file.Path;
import java.util.List;

/**
 * What resolving a script's dependencies gave.
 *
 * @param jars       the jars, in class path order
 * @param checks     what must stay true for the cache entry to stay valid (the environment variables
 *                   used in //DEPS keep their values)
 * @param key        text that identifies the resolution, for the cache key
 * @param lockSha256 the SHA-256 of the lock file the resolution followed, as it was read, or "" without one
 */
public record Resolution(List<Jar> jars, List<Check> checks, String key, String lockSha256) {
    public static final Resolution NONE = new Resolution(List.of(), List.of(), "", "");

    /**
     * One jar of the class path.
     *
     * @param file       where it is in the local repository (or, given with --cp, where the user keeps it)
     * @param coords     its coordinates, or null for a --cp entry, which a build uses where it is
     *                   (a directory perhaps) instead of copying it
     * @param lockSha256 the lock file's hash for it, or null when the script has no lock file
     */
    public record Jar(Path file, String coords, String lockSha256) {
    }

    /** The jars' files, in class path order. */
    public List<Path> classpath() {
        return jars.stream().map(Jar::file).toList();
    }
}
