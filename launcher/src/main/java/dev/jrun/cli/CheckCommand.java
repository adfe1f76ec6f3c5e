package dev.jrun.cli;

import dev.jrun.JrunException;
import dev.jrun.Report;
import dev.jrun.deps.Maven;
import dev.jrun.plan.BuildOptions;
import dev.jrun.plan.Check;
import dev.jrun.secure.SecurityCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jrun check SCRIPT...}: lint warnings, security mistakes and dependency policy violations. */
@Command(name = "check", mixinStandardHelpOptions = true,
        header = "Checks scripts for security mistakes, lint warnings and dependency policy violations.",
        description = {"Compiles each SCRIPT (and its //SOURCES) with every javac lint warning, analyses it with",
            "SpotBugs and Find Security Bugs (fetched from Maven Central on first use), and checks its",
            "//DEPS against the dependency policy. Findings print as file:line: rule: message.",
            "A line with a comment 'jrun:nosec [RULE,...] why' (or the line before) is not reported."},
        footerHeading = "%n",
        footer = {"Exit status: 0 nothing found, 1 findings (0 with --warn-only), 2 usage, 3 script",
            "unusable, 4 compile error, 5 no suitable JDK, 6 dependency error."})
public final class CheckCommand implements Callable<Integer> {

    @Option(names = "--warn-only", description = "Report findings, but exit 0 if there are only findings.")
    boolean warnOnly;

    @Option(names = "--offline", description = "Use no network: the analyser and dependencies must be in the local repository.")
    boolean offline;

    @Option(names = "--java", paramLabel = "N[+]", description = "Check on JDK N (or N or newer), overriding //JAVA.")
    String java;

    @Option(names = "--verbose", description = "Say how long each check took; show stack traces with errors.")
    boolean verbose;

    @Parameters(arity = "1..*", paramLabel = "SCRIPT", description = "The .java files to check.")
    List<String> scripts = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        SecurityCheck check = new SecurityCheck(new BuildOptions(java, false, verbose, offline), System.out, System.err);
        int worst = 0;
        for (String script : scripts) {
            int status;
            try {
                status = check.check(script);
            } catch (JrunException e) {
                status = Report.failure(e, verbose);
            }
            if (status == 1 && warnOnly) {
                status = 0;
            }
            // an error outranks findings
            worst = status > 1 || worst == 0 ? Math.max(worst, status) : worst;
        }
        return worst;
    }
}
