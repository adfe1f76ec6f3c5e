package dev.jrun.cli;

import dev.jrun.plan.InputFiles;
import dev.jrun.plan.Planner;
import dev.jrun.script.Directive;
import dev.jrun.script.Script;
import dev.jrun.watch.Watcher;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code jrun --watch [OPTIONS] SCRIPT [ARGS...]}: runs {@code jrun [OPTIONS] SCRIPT [ARGS...]} (the
 * front end, which builds when the script changed) again each time the script or one of its
 * //SOURCES or //FILES is saved.
 */
final class WatchCommand {
    /** How long a run has to end after SIGTERM before it is killed. */
    static final Duration GRACE = Duration.ofSeconds(2);

    private WatchCommand() {
    }

    /**
     * @param runArgs the arguments of one run: jrun's options, SCRIPT and its arguments
     * @param script  the script
     * @param given   the directives of the command line's -s and --files, which name files to watch too
     */
    static int run(List<String> runArgs, Path script, List<Directive> given) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(FrontEnd.path().toString());
        command.addAll(runArgs);
        Supplier<InputFiles> inputs = () -> Planner.inputFiles(Script.read(script, script.toString()), given);
        new Watcher(command, script, inputs, GRACE, System.err).run();
        return 130; // (only when a signal ends the JVM, which sets the status itself)
    }
}
