package dev.jrun.cli;

import dev.jrun.ExitCode;
import dev.jrun.JrunException;
import dev.jrun.Report;
import java.io.PrintWriter;
import picocli.CommandLine;

/** The Java side of the {@code jrun} command: help, version, subcommands, and errors about scripts. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        CommandLine cl = commandLine();
        boolean verbose = java.util.Arrays.asList(args).contains("--verbose");
        cl.setExecutionExceptionHandler((e, line, parsed) -> Report.failure(e, verbose));
        return cl.execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new JrunCommand());
        // only jrun's own options stop at SCRIPT; subcommands (added after) take options anywhere
        cl.setStopAtPositional(true);
        Subcommands.addTo(cl);
        cl.setParameterExceptionHandler((e, params) -> {
            PrintWriter err = e.getCommandLine().getErr();
            String msg = e.getMessage();
            String cmd = e.getCommandLine().getCommandSpec().qualifiedName();
            err.println("jrun: error: " + Character.toLowerCase(msg.charAt(0)) + msg.substring(1)
                    + "; see " + cmd + " --help");
            err.flush();
            return ExitCode.USAGE;
        });
        return cl;
    }

    /** For subcommands: fail with one line and a status. */
    public static JrunException usage(String message) {
        return new JrunException(ExitCode.USAGE, message);
    }
}
