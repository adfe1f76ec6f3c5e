package dev.jrun.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jrun jdks}: the JDKs jrun can run scripts on, as {@code jrun jdk list} shows them. */
@Command(name = "jdks", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        header = "Lists the JDKs jrun found; * marks the default.",
        description = {"Lists the JDKs jrun found, their versions and homes; * marks the default, which runs "
                + "scripts that ask for no version (//JAVA, --java). The same as jrun jdk list; jrun jdk also "
                + "installs JDKs and sets the default."})
public final class JdksCommand implements Callable<Integer> {

    @Option(names = "--json", description = "Print JSON: a list of {version, major, home, default, usable, jrun}.")
    boolean json;

    @Override
    public Integer call() {
        return JdkCommand.print(json);
    }
}
