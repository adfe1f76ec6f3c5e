package dev.jrun.cache;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * A cache entry, the one owner of its layout on disk. An entry is a directory named by the front
 * end ({@code ROOT/entries/SCRIPTHASH-VARIANT}) that holds builds, each complete and never changed
 * after it is published, and a one-line file {@value #CURRENT} naming the build that runs:
 * <pre>
 *   current            "b-ID": the build the front end runs, replaced in one rename
 *   b-ID/run.env       what the front end sources: java, main class, jrun_valid, ...; ends with jrun_complete=N (COMPLETE)
 *   b-ID/java.args     the JVM options and class path (a java @argfile)
 *   b-ID/app.jar       the compiled script, its sources and resources
 *   b-ID/lib/*.jar     the dependency jars: links to verified copies in ROOT/jars (see {@link JarStore})
 *   b-ID/inputs.sha256 the //SOURCES and //FILES files and the hashes of what was compiled and packed
 *   b-ID/dirs.stamp    its time is when the directories of a ** glob were listed
 *   b-ID/policy.stamp  its time is from before the dependency policy was read
 *   b-ID/entry.properties the key and what the build was made from, for jrun's own commands
 * </pre>
 * A new build is published beside the old one, so a run that has already read {@value #CURRENT}
 * keeps all of the build it chose; clean-up removes a build only once no run can still be using it
 * (see {@link CacheGc}).
 */
public record Entry(Path dir) {
    public static final String CURRENT = "current";
    public static final String JAR = "app.jar";
    public static final String ARGS = "java.args";
    public static final String ENV = "run.env";
    public static final String LIB = "lib";
    public static final String INPUTS = "inputs.sha256";
    public static final String META = "entry.properties";
    public static final String DIRS_STAMP = "dirs.stamp";
    /** See {@link dev.jrun.plan.Check.PolicyUnchanged}: its time is from before the policy was read. */
    public static final String POLICY_STAMP = "policy.stamp";
    /**
     * The last line of a complete run.env: the front end trusts no run.env without it. Its value is
     * the run.env format's version, raised when the front end reads a name an older run.env does not
     * set (2: {@code jrun_aot_map}, {@code jrun_aot_quiet}), so that an older build is rebuilt, not
     * run with a name unset.
     */
    public static final String COMPLETE = "jrun_complete=2";

    /** The build {@value #CURRENT} names, if it names one that exists. */
    public Optional<Path> current() {
        try {
            String name = Files.readString(dir.resolve(CURRENT), StandardCharsets.UTF_8).strip();
            Path build = dir.resolve(name);
            return isBuildName(name) && Files.isDirectory(build, LinkOption.NOFOLLOW_LINKS) ? Optional.of(build)
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** A build's directory name, as the front end also accepts it: b- and lower-case letters and digits. */
    public static boolean isBuildName(String name) {
        return name.matches("b-[0-9a-z]+");
    }

    /** Is the current build complete and built from inputs with this key? */
    public boolean isCurrent(String key) {
        return current().filter(b -> key.equals(meta(b).getProperty("key")) && isComplete(b)).isPresent();
    }

    /** All the files the front end needs are there, and run.env was written to its end. */
    static boolean isComplete(Path build) {
        try {
            return Files.isRegularFile(build.resolve(ARGS)) && Files.isRegularFile(build.resolve(JAR))
                    && Files.readString(build.resolve(ENV), StandardCharsets.UTF_8).endsWith(COMPLETE + "\n");
        } catch (IOException e) {
            return false;
        }
    }

    /** A build's recorded metadata, or empty properties if it has none. */
    public static Properties meta(Path build) {
        Properties p = new Properties();
        Path file = build.resolve(META);
        if (Files.isRegularFile(file)) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException e) {
                // an unreadable build is simply not current
            }
        }
        return p;
    }
}
