package dev.jrun.cli;

import dev.jrun.plan.BuildOptions;
import dev.jrun.secure.Updater;
import dev.jrun.secure.Upgrades;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jrun update SCRIPT}: rewrites its //DEPS to newer versions, if it still compiles with them. */
@Command(name = "update", mixinStandardHelpOptions = true,
        header = "Moves a script's //DEPS to newer versions, if the script still compiles with them.",
        description = {"Rewrites the versions on SCRIPT's //DEPS lines in place (nothing else in the file",
            "changes), resolves them under the dependency policy, refreshes SCRIPT.lock if there is one,",
            "compiles, and prints the diff. If that fails, SCRIPT (and its lock) are left as they were.",
            "Default: --minor."},
        footerHeading = "%n",
        footer = {"Exit status: 0 updated (or nothing to update), 2 usage, 3 script unusable,",
            "4 does not compile with the new versions, 6 dependency error."})
public final class UpdateCommand implements Callable<Integer> {

    static final class Level {
        @Option(names = "--patch", description = "Newest version with the same major and minor.")
        boolean patch;

        @Option(names = "--minor", description = "Newest version with the same major.")
        boolean minor;

        @Option(names = "--major", description = "Newest version.")
        boolean major;
    }

    @ArgGroup(exclusive = true)
    Level level;

    @Option(names = "--offline", description = "Use no network: only versions and jars in the local repository.")
    boolean offline;

    @Option(names = "--verbose", description = "Show stack traces with errors.")
    boolean verbose;

    @Parameters(paramLabel = "SCRIPT", description = "The .java file to update.")
    String script;

    @Override
    public Integer call() throws Exception {
        Upgrades.Level l = level == null || level.minor ? Upgrades.Level.MINOR
                : level.patch ? Upgrades.Level.PATCH : Upgrades.Level.MAJOR;
        return new Updater(new BuildOptions(null, false, verbose, offline), System.out).update(script, l);
    }
}
