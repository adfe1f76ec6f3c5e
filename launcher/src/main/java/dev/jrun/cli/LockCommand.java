package dev.jrun.cli;

import dev.jrun.deps.MavenResolver;
import dev.jrun.plan.Planner;
import dev.jrun.script.Script;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jrun lock SCRIPT}: writes SCRIPT.lock, which pins the exact artifacts of the script's //DEPS. */
@Command(name = "lock", mixinStandardHelpOptions = true,
        header = "Writes SCRIPT.lock: the exact artifacts its //DEPS resolve to.",
        description = {"Resolves SCRIPT's //DEPS and writes SCRIPT.lock beside it: every artifact, its exact "
                + "version and SHA-256. While the lock file exists, runs use exactly those artifacts and "
                + "check their hashes; after changing //DEPS or //REPOS, run jrun lock again."})
public final class LockCommand implements Callable<Integer> {

    @Option(names = "--offline", description = "Use no network: dependencies must be in the local repository.")
    boolean offline;

    @Option(names = "--verbose", description = "Show stack traces with errors.")
    boolean verbose;

    @Parameters(paramLabel = "SCRIPT", description = "The .java file whose dependencies to lock.")
    String script;

    @Override
    public Integer call() throws Exception {
        Script s = Script.read(Path.of(script), script);
        int n = MavenResolver.lock(Planner.inputs(s), offline, System.err);
        System.out.println("wrote " + script + ".lock: " + n + (n == 1 ? " artifact" : " artifacts"));
        return 0;
    }
}
