package dev.jrun.plan;

import java.nio.file.Path;
import java.util.List;

/**
 * One condition a cache entry holds only while it stays true, decided when the build is planned and
 * tested by the sh front end on every cached run (see {@code dev.jrun.cache.ShellTest}, which
 * renders each as one sh test).
 */
public sealed interface Check {

    /** The file still exists (a dependency jar in the local repository). */
    record FileExists(Path file) implements Check {
    }

    /**
     * The file still exists and was not written to since the entry was built (its jar is newer): a
     * locked dependency changed in place sends the run back to the builder, which checks its hash.
     */
    record FileUnmodified(Path file) implements Check {
    }

    /**
     * None of these files exists: source files that would have been compiled into a several-file
     * program had they been there (a class it names, in a package directory javac looked into).
     */
    record FilesAbsent(List<Path> files) implements Check {
    }

    /** The program still exists and can be run (the JDK's java). */
    record Executable(Path file) implements Check {
    }

    /**
     * The script being run is this file. Entries are named by content, so two copies of one script
     * share an entry; when the entry also depends on files beside the script, it belongs to one copy.
     */
    record ScriptIs(Path realPath) implements Check {
    }

    /** The files listed, with their SHA-256, in {@code sumsFile} (sha256sum's format) are unchanged. */
    record Unchanged(Path sumsFile) implements Check {
    }

    /** {@code dir/pattern} (an sh glob) still names exactly these files. */
    record GlobIs(Path dir, String pattern, List<Path> files) implements Check {
    }

    /** An environment variable still has the value the build used (unset is not the same as empty). */
    record EnvIs(String name, String value) implements Check {
    }

    /**
     * A {@code -D name=value} of jrun's command line that a directive's ${name} read still has this
     * value (null: not given), so that another value rebuilds the entry and others do not.
     */
    record DefineIs(String name, String value) implements Check {
    }

    /**
     * No file was added to, removed from or renamed in these directories since the entry's
     * stamp (whose time the builder sets to before it listed them): what a glob sh cannot
     * expand ({@code **}, {@code {a,b}}) matches the same files. Builtins only.
     */
    record DirsUnchanged(List<Path> dirs) implements Check {
    }

    /**
     * The dependency policy file has not changed since the build's policy stamp, which the builder
     * dates to before it read the policy (a policy change rebuilds, and so re-checks, the entry).
     * One builtin test; none at all when no policy file exists.
     */
    record PolicyUnchanged(Path policy) implements Check {
    }

    /** No dependency policy file has been created here since the build (which found none). */
    record PolicyAbsent(Path policy) implements Check {
    }

    /**
     * The first java on PATH is still this file (null: there is none). Without JAVA_HOME the default
     * JDK is PATH's, so a different java there (PATH changed, update-alternatives) may choose another JDK.
     */
    record PathJavaIs(Path realJava) implements Check {
    }

    /** The entry can only be checked by the builder (a glob sh cannot expand): go through it each run. */
    record Never(String why) implements Check {
    }
}
