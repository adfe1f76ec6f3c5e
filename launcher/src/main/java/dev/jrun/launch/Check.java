package dev.jrun.launch;

import java.nio.file.Path;
import java.util.List;

/**
 * One condition a cache entry holds only while it stays true, tested by the sh front end on every
 * cached run before it execs the recorded java command line. Each renders as one sh test that
 * forks nothing, but for {@link Unchanged}, which runs one {@code sha256sum -c}.
 */
public sealed interface Check {

    /** The sh test, to be joined with {@code &&}. */
    String sh();

    /** The file still exists (a dependency jar in the local repository). */
    record FileExists(Path file) implements Check {
        public String sh() {
            return "[ -f " + Sh.quote(file.toString()) + " ]";
        }
    }

    /**
     * The file still exists and was not written to since the entry was built (its jar is newer): a
     * locked dependency changed in place sends the run back to the builder, which checks its hash.
     */
    record FileUnmodified(Path file) implements Check {
        public String sh() {
            String q = Sh.quote(file.toString());
            return "[ -f " + q + " ] && ! [ " + q + " -nt \"$entry/app.jar\" ]";
        }
    }

    /** The program still exists and can be run (the JDK's java). */
    record Executable(Path file) implements Check {
        public String sh() {
            return "[ -x " + Sh.quote(file.toString()) + " ]";
        }
    }

    /**
     * The script being run is this file. Entries are named by content, so two copies of one script
     * share an entry; when the entry also depends on files beside the script, it belongs to one copy.
     */
    record ScriptIs(Path realPath) implements Check {
        public String sh() {
            return "[ \"$script\" -ef " + Sh.quote(realPath.toString()) + " ]";
        }
    }

    /** The files listed, with their SHA-256, in {@code sumsFile} (sha256sum's format) are unchanged. */
    record Unchanged(Path sumsFile) implements Check {
        public String sh() {
            return "LC_ALL=C sha256sum --quiet --status -c -- " + Sh.quote(sumsFile.toString()) + " 2>/dev/null";
        }
    }

    /** {@code dir/pattern} (an sh glob) still names exactly these files. */
    record GlobIs(Path dir, String pattern, List<Path> files) implements Check {
        public String sh() {
            StringBuilder list = new StringBuilder("\n");
            files.forEach(f -> list.append(f).append('\n'));
            return "jrun_glob_is " + Sh.quote(dir.toString()) + " " + Sh.quote(pattern) + " " + files.size()
                    + " " + Sh.quote(list.toString());
        }
    }

    /** An environment variable still has the value the build used (unset is not the same as empty). */
    record EnvIs(String name, String value) implements Check {
        public String sh() {
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                return "false";
            }
            return value == null
                    ? "[ -z \"${" + name + "+set}\" ]"
                    : "[ \"${" + name + "+set}\" = set ] && [ \"$" + name + "\" = " + Sh.quote(value) + " ]";
        }
    }

    /**
     * No file was added to, removed from or renamed in these directories since the entry's
     * {@code dirs.stamp} (whose time the builder sets to before it listed them): what a glob sh cannot
     * expand ({@code **}, {@code {a,b}}) matches the same files. Builtins only.
     */
    record DirsUnchanged(List<Path> dirs) implements Check {
        public static final String STAMP = "dirs.stamp";

        public String sh() {
            StringBuilder out = new StringBuilder("[ -f \"$entry/" + STAMP + "\" ]");
            for (Path dir : dirs) {
                out.append(" && ! [ ").append(Sh.quote(dir.toString())).append(" -nt \"$entry/" + STAMP + "\" ]");
            }
            return out.toString();
        }
    }

    /**
     * The dependency policy file has not changed since the entry's {@code policy.stamp}, which the
     * builder dates to before it read the policy (a policy change rebuilds, and so re-checks, the entry).
     * One builtin test; none at all when no policy file exists.
     */
    record PolicyUnchanged(Path policy) implements Check {
        public static final String STAMP = "policy.stamp";

        public String sh() {
            return "! [ " + Sh.quote(policy.toString()) + " -nt \"$entry/" + STAMP + "\" ]";
        }
    }

    /**
     * The first java on PATH is still this file (null: there is none). Without JAVA_HOME the default
     * JDK is PATH's, so a different java there (PATH changed, update-alternatives) may choose another JDK.
     */
    record PathJavaIs(Path realJava) implements Check {
        public String sh() {
            return "jrun_path_java_is " + Sh.quote(realJava == null ? "" : realJava.toString());
        }
    }

    /** The entry can only be checked by the builder (a glob sh cannot expand): go through it each run. */
    record Never(String why) implements Check {
        public String sh() {
            return "false";
        }
    }
}
