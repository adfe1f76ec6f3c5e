package dev.jrun.launch;

import dev.jrun.Environment;
import dev.jrun.ExitCode;
import dev.jrun.JrunException;
import dev.jrun.Report;
import dev.jrun.entry.CacheGc;
import dev.jrun.entry.CacheRoot;
import dev.jrun.plan.BuildOptions;
import dev.jrun.plan.DependencyResolver;
import dev.jrun.plan.JdkFinder;
import dev.jrun.plan.Planner;
import java.nio.file.Path;

/**
 * The builder's entry point, started by the front end on a cache miss. Arguments, all present,
 * empty when unset: ENTRY SCRIPT NAME JAVA fresh verbose offline. On success the entry is current
 * and the front end execs it; on failure one {@code jrun: error:} line is printed and the status
 * is one of {@link ExitCode}.
 */
public final class BuildMain {
    private BuildMain() {
    }

    public static void main(String[] args) {
        boolean verbose = args.length > 5 && args[5].equals("verbose");
        try {
            if (args.length < 7) {
                throw new JrunException(ExitCode.USAGE, "the builder is started by the jrun command, not by hand");
            }
            BuildOptions options = new BuildOptions(args[3].isEmpty() ? null : args[3], args[4].equals("fresh"),
                    verbose, args[6].equals("offline"));
            Environment env = Environment.current();
            Planner planner = new Planner(new JdkFinder(env.vars()),
                    () -> new dev.jrun.deps.MavenResolver(env.vars(), System.err));
            new Builder(planner, options, System.err).build(Path.of(args[0]), Path.of(args[1]), args[2]);
            CacheGc.startInBackground(Path.of(args[0]).getParent().getParent());
        } catch (Throwable e) {
            System.exit(Report.failure(e, verbose));
        }
        System.exit(0);
    }

    /** The resolver for //DEPS; made only for scripts that have them, so others load none of its classes. */
    public static DependencyResolver resolver() {
        return new dev.jrun.deps.MavenResolver();
    }
}
