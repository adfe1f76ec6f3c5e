package dev.jrun.launch;

import dev.jrun.Environment;
import dev.jrun.ExitCode;
import dev.jrun.JrunException;
import dev.jrun.Report;
import dev.jrun.compile.CompileWorkers;
import dev.jrun.deps.MavenResolver;
import dev.jrun.entry.BackgroundGc;
import dev.jrun.plan.BuildOptions;
import dev.jrun.plan.DependencyResolver;
import dev.jrun.plan.JdkFinder;
import dev.jrun.plan.MissingJdk;
import dev.jrun.plan.Planner;
import dev.jrun.script.Directive;
import dev.jrun.script.Script;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The builder's entry point, started by the front end on a cache miss (or handed to a compile
 * server, which calls {@link #build}). Arguments, all present, empty when unset: ENTRY SCRIPT NAME
 * JAVA fresh verbose offline GIVEN DEFINES, GIVEN being the options that stand for directives
 * ("DIRECTIVE OPTION VALUE" lines) and DEFINES the -D options ("NAME=VALUE" lines). On success the
 * entry is current and the front end execs it; on failure one {@code jrun: error:} line is printed
 * and the status is one of {@link ExitCode}.
 *
 * <p>The front end's contract when the script was saved between its hash and the builder's read:
 * status 0 then means that the entry of the version the builder read is current, named as the
 * front end names entries but with that version's SHA-256 (and its lock file's) in place of the
 * ones in ENTRY; ENTRY itself may have no current build. The front end, finding none, hashes the
 * script again and looks that entry up, building again (a bounded number of times) if the script
 * changed once more. An entry never holds a build of other bytes than its name says.
 */
public final class BuildMain {
    /** How many arguments the front end passes. */
    public static final int ARGS = 9;

    private BuildMain() {
    }

    public static void main(String[] args) {
        int status = build(args, Environment.current(), System.err);
        if (status == 0 && args.length == ARGS) {
            BackgroundGc.startInBackground(Path.of(args[0]).getParent().getParent());
        }
        System.exit(status);
    }

    /**
     * Builds as the front end asked, for a run in {@code env} (its variables and working directory),
     * printing to {@code err}; returns the exit status. Never throws.
     */
    public static int build(String[] args, Environment env, PrintStream err) {
        return build(args, env, err, null);
    }

    /** The same, with a compile server's compilers for other JDKs. */
    public static int build(String[] args, Environment env, PrintStream err, CompileWorkers workers) {
        boolean verbose = args.length > 5 && args[5].equals("verbose");
        try {
            if (args.length != ARGS) {
                throw new JrunException(ExitCode.USAGE, "the builder is started by the jrun command, not by hand");
            }
            List<Directive> given = given(args[7]);
            if (Script.looksLikeCoordinates(args[1])) {
                // jrun group:artifact:version: the artifact and its dependencies are the class path
                given.add(0, Directive.ofOption("DEPS", args[1], args[1]));
            }
            BuildOptions options = new BuildOptions(args[3].isEmpty() ? null : args[3], args[4].equals("fresh"),
                    verbose, args[6].equals("offline"), defines(args[8]), given, env);
            Path script = Script.looksLikeCoordinates(args[1]) ? Path.of(args[1]) : env.dir().resolve(args[1]);
            for (int attempt = 0; ; attempt++) {
                Planner planner = new Planner(new JdkFinder(env.vars()), () -> new MavenResolver(env.vars(), err));
                try {
                    Path built = new Builder(planner, options, err, workers).build(env.dir().resolve(args[0]), script,
                            args[2]).entry();
                    tellBuilt(env, built);
                    return 0;
                } catch (MissingJdk e) {
                    // on a terminal, offer to install it: the builder JVM asks (a compile server has no
                    // terminal, so it leaves the build to the client's builder JVM)
                    if (attempt > 0 || !JdkOffer.onTerminal(env)) {
                        throw e;
                    }
                    if (workers != null) {
                        return ExitCode.NOT_SERVED;
                    }
                    if (!JdkOffer.ask(e, env, err)) {
                        throw e;
                    }
                }
            }
        } catch (Throwable e) {
            return Report.failure(e, verbose, err);
        }
    }

    /**
     * Writes the name of the entry made current into the file JRUN_BUILT names, when the front end
     * set it: after a save between its hash and the builder's read, that is not the entry it named,
     * and the front end runs the version that was read (as java and JBang do) instead of guessing.
     */
    static void tellBuilt(Environment env, Path built) throws java.io.IOException {
        String to = env.get("JRUN_BUILT");
        if (to != null && !to.isEmpty()) {
            java.nio.file.Files.writeString(env.dir().resolve(to), built.getFileName() + "\n");
        }
    }

    /** "DIRECTIVE OPTION VALUE" lines, as the front end writes them, as directives. */
    static List<Directive> given(String text) {
        List<Directive> given = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] p = line.split(" ", 3);
            if (p.length == 3) {
                given.add(Directive.ofOption(p[0], p[2], p[1]));
            }
        }
        return given;
    }

    /** "NAME=VALUE" lines; a later one wins, as with java's -D. */
    static Map<String, String> defines(String text) {
        Map<String, String> defines = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                defines.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return defines;
    }

    /** The resolver for //DEPS; made only for scripts that have them, so others load none of its classes. */
    public static DependencyResolver resolver() {
        return new MavenResolver();
    }
}
