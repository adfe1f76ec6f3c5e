package dev.jrun.build;

import dev.jrun.Environment;
import dev.jrun.ExitCode;
import dev.jrun.JrunException;
import dev.jrun.Report;
import dev.jrun.compile.CompileWorkers;
import dev.jrun.deps.MavenResolver;
import dev.jrun.cache.BackgroundGc;
import dev.jrun.plan.BuildOptions;
import dev.jrun.plan.DependencyResolver;
import dev.jrun.plan.JdkFinder;
import dev.jrun.plan.MissingJdk;
import dev.jrun.plan.Planner;
import dev.jrun.script.Directive;
import dev.jrun.script.Script;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * The builder's entry point, started by the front end on a cache miss (or handed to a compile
 * server, which calls {@link #build}). Its arguments are a {@link BuildRequest}. On success the
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
    private BuildMain() {
    }

    public static void main(String[] args) {
        int status = build(args, Environment.current(), System.err);
        if (status == 0 && args.length == BuildRequest.ARGS) {
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
        try {
            return build(BuildRequest.parse(args), env, err, workers);
        } catch (Throwable e) {
            return Report.failure(e, BuildRequest.verbose(args), err);
        }
    }

    /** Builds {@code request}, for a run in {@code env}, printing to {@code err}; returns the exit status. Never throws. */
    public static int build(BuildRequest request, Environment env, PrintStream err, CompileWorkers workers) {
        try {
            List<Directive> given = request.directives();
            boolean coordinates = Script.looksLikeCoordinates(request.script());
            if (coordinates) {
                // jrun group:artifact:version: the artifact and its dependencies are the class path
                given.add(0, Directive.ofOption("DEPS", request.script(), request.script()));
            }
            BuildOptions options = new BuildOptions(request.java().isEmpty() ? null : request.java(), request.fresh(),
                    request.verbose(), request.offline(), request.defineMap(), given, env);
            Path script = coordinates ? Path.of(request.script()) : env.dir().resolve(request.script());
            for (int attempt = 0; ; attempt++) {
                Planner planner = new Planner(new JdkFinder(env.vars()), () -> new MavenResolver(env.vars(), err));
                try {
                    Path built = new Builder(planner, options, err, workers).build(env.dir().resolve(request.entry()),
                            script, request.name()).entry();
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
            return Report.failure(e, request.verbose(), err);
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

    /** The resolver for //DEPS; made only for scripts that have them, so others load none of its classes. */
    public static DependencyResolver resolver() {
        return new MavenResolver();
    }
}
