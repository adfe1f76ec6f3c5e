package dev.jrun.plan;

import java.nio.file.Path;

/**
 * An installed JDK.
 *
 * @param home    its home directory, real path
 * @param major   its feature release, 17
 * @param version its full version, 17.0.15
 * @param release the text of its {@code release} file, which names its build: part of every cache key
 */
public record Jdk(Path home, int major, String version, String release) {

    public Path java() {
        return home.resolve("bin/java");
    }

    /** Is this the JDK the current JVM runs on? Then it can compile in-process. */
    public boolean isCurrent() {
        try {
            return home.equals(Path.of(System.getProperty("java.home")).toRealPath());
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return version + " (" + home + ")";
    }
}
