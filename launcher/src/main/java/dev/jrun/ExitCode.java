package dev.jrun;

/**
 * jrun's own exit statuses, documented in the README. A script that runs exits with its own
 * status, which jrun passes on unchanged.
 */
public final class ExitCode {
    /** A jrun option or command is wrong. */
    public static final int USAGE = 2;
    /**
     * The script is missing, unreadable, a directory, empty, has no main class or a bad directive.
     * Never for a script an editor is saving: a file just emptied by an in-place save is waited
     * for (a second), and a build that fails on a version the editor replaced is made again.
     */
    public static final int SCRIPT = 3;
    /** javac rejected the script or one of its sources (a whole version of each, never one half-saved). */
    public static final int COMPILE = 4;
    /** No installed JDK satisfies //JAVA or --java. */
    public static final int NO_JDK = 5;
    /** A dependency could not be resolved, failed its checksum, or does not match the lock file. */
    public static final int DEPENDENCY = 6;
    /**
     * The cache root or an entry cannot be used: what the user must act on (another user's, writable
     * by others, damaged). Never for a script saved while it was read or built: that run builds and
     * runs a whole version of it.
     */
    public static final int CACHE = 7;
    /** A system operation failed (binfmt_misc, install, packaging). */
    public static final int SYSTEM = 8;
    /** A script's URL (or a catalog's) is not trusted, not allowed, or could not be fetched. */
    public static final int REMOTE = 9;
    /**
     * Never a run's: a compile server's answer that it did not build (its client, the front end,
     * then builds in a JVM of its own).
     */
    public static final int NOT_SERVED = 75;
    /** A bug in jrun: please report it, with the output of --verbose. */
    public static final int INTERNAL = 70;

    private ExitCode() {
    }
}
