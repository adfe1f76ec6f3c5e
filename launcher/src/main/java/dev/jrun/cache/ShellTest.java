package dev.jrun.cache;

import dev.jrun.plan.Check;
import java.nio.file.Path;

/**
 * A {@link Check} as the sh test that run.env's {@code jrun_valid} joins with {@code &&}. Each forks
 * nothing, but for {@link Check.Unchanged}, which runs one {@code sha256sum -c}.
 */
public final class ShellTest {
    private ShellTest() {
    }

    public static String of(Check check) {
        if (check instanceof Check.FileExists c) {
            return "[ -f " + Sh.quote(c.file().toString()) + " ]";
        }
        if (check instanceof Check.FileUnmodified c) {
            String q = Sh.quote(c.file().toString());
            return "[ -f " + q + " ] && ! [ " + q + " -nt \"$entry/app.jar\" ]";
        }
        if (check instanceof Check.FilesAbsent c) {
            StringBuilder out = new StringBuilder();
            for (Path f : c.files()) {
                out.append(out.length() == 0 ? "" : " && ").append("! [ -e ").append(Sh.quote(f.toString())).append(" ]");
            }
            return out.length() == 0 ? ":" : out.toString();
        }
        if (check instanceof Check.Executable c) {
            return "[ -x " + Sh.quote(c.file().toString()) + " ]";
        }
        if (check instanceof Check.ScriptIs c) {
            return "[ \"$script\" -ef " + Sh.quote(c.realPath().toString()) + " ]";
        }
        if (check instanceof Check.Unchanged c) {
            return "LC_ALL=C sha256sum --quiet --status -c -- " + Sh.quote(c.sumsFile().toString()) + " 2>/dev/null";
        }
        if (check instanceof Check.GlobIs c) {
            StringBuilder list = new StringBuilder("\n");
            c.files().forEach(f -> list.append(f).append('\n'));
            return "jrun_glob_is " + Sh.quote(c.dir().toString()) + " " + Sh.quote(c.pattern()) + " " + c.files().size()
                + " " + Sh.quote(list.toString());
        }
        if (check instanceof Check.EnvIs c) {
            if (!c.name().matches("[A-Za-z_][A-Za-z0-9_]*")) {
                return "false";
            }
            return c.value() == null
                ? "[ -z \"${" + c.name() + "+set}\" ]"
                : "[ \"${" + c.name() + "+set}\" = set ] && [ \"$" + c.name() + "\" = " + Sh.quote(c.value()) + " ]";
        }
        if (check instanceof Check.DefineIs c) {
            // the front end's jrun_defines holds the run's -D options, "\nname=value" each
            return "jrun_define_is " + Sh.quote(c.name()) + (c.value() == null ? "" : " " + Sh.quote(c.value()));
        }
        if (check instanceof Check.DirsUnchanged c) {
            StringBuilder out = new StringBuilder("[ -f \"$entry/" + Entry.DIRS_STAMP + "\" ]");
            for (Path dir : c.dirs()) {
                out.append(" && ! [ ").append(Sh.quote(dir.toString())).append(" -nt \"$entry/" + Entry.DIRS_STAMP + "\" ]");
            }
            return out.toString();
        }
        if (check instanceof Check.PathJavaIs c) {
            return "jrun_path_java_is " + Sh.quote(c.realJava() == null ? "" : c.realJava().toString());
        }
        if (check instanceof Check.PolicyUnchanged c) {
            return "! [ " + Sh.quote(c.policy().toString()) + " -nt \"$entry/" + Entry.POLICY_STAMP + "\" ]";
        }
        if (check instanceof Check.PolicyAbsent c) {
            return "! [ -e " + Sh.quote(c.policy().toString()) + " ]";
        }
        if (check instanceof Check.Never) {
            return "false";
        }
        throw new IllegalArgumentException("no sh test for " + check);
    }

    /**
     * {@link #of} that, when it fails, says why in {@code jrun_why} (what {@code --verbose} prints
     * for the rebuild): at no cost to a run whose check passes.
     */
    public static String explained(Check check) {
        return "{ " + of(check) + " || { jrun_why=" + Sh.quote(why(check)) + "; false; }; }";
    }

    /** Why an entry whose {@code check} fails is built again, as {@code --verbose} says it. */
    public static String why(Check check) {
        if (check instanceof Check.FileExists c) {
            return c.file() + " is gone";
        }
        if (check instanceof Check.FileUnmodified c) {
            return c.file() + " changed or is gone";
        }
        if (check instanceof Check.FilesAbsent c) {
            return "a file appeared that the build found absent (one of "
                    + String.join(", ", c.files().stream().limit(3).map(Path::toString).toList())
                    + (c.files().size() > 3 ? ", ..." : "") + ")";
        }
        if (check instanceof Check.Executable c) {
            return "the JDK it was built for is gone (" + c.file() + ")";
        }
        if (check instanceof Check.ScriptIs c) {
            return "the script's path names another file than " + c.realPath();
        }
        if (check instanceof Check.Unchanged) {
            return "a //SOURCES or //FILES file changed";
        }
        if (check instanceof Check.GlobIs c) {
            return "the files matching " + c.pattern() + " in " + c.dir() + " changed";
        }
        if (check instanceof Check.EnvIs c) {
            return "the environment variable " + c.name() + " changed";
        }
        if (check instanceof Check.DefineIs c) {
            return "-D" + c.name() + " has another value than at the build";
        }
        if (check instanceof Check.DirsUnchanged) {
            return "a directory a //SOURCES or //FILES pattern spans changed";
        }
        if (check instanceof Check.PathJavaIs) {
            return "the java on PATH changed (it chooses the JDK)";
        }
        if (check instanceof Check.PolicyUnchanged c) {
            return "the dependency policy " + c.policy() + " changed";
        }
        if (check instanceof Check.PolicyAbsent c) {
            return "a dependency policy appeared: " + c.policy();
        }
        if (check instanceof Check.Never c) {
            return c.why();
        }
        throw new IllegalArgumentException("no reason for " + check);
    }
}
