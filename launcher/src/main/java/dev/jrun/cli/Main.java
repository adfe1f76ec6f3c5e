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
        // as the front end: an option's value is the next word, whatever it looks like (-R -Dx=1)
        cl.setAllowOptionsAsOptionParameters(true);
        Subcommands.addTo(cl);
        cl.setParameterExceptionHandler((e, params) -> {
            PrintWriter err = e.getCommandLine().getErr();
            String msg = e.getMessage();
            String cmd = e.getCommandLine().getCommandSpec().qualifiedName();
            String unknown = unknownOption(e);
            if (unknown != null) {
                err.println("jrun: error: " + unknown);
                err.flush();
                return ExitCode.USAGE;
            }
            err.println("jrun: error: " + Character.toLowerCase(msg.charAt(0)) + msg.substring(1)
                    + "; see " + cmd + " --help");
            err.flush();
            return ExitCode.USAGE;
        });
        return cl;
    }

    /**
     * JBang's run options that jrun does not have, by their names, and what to do instead (the
     * front end hands every option it does not know to this CLI).
     */
    static final java.util.Map<String, String> JBANG_ONLY = java.util.Map.of(
            "--native", "jrun does not build native images; make a jar with jrun export fatjar SCRIPT and give it to"
                    + " GraalVM's native-image",
            "-n", "(JBang's --native) jrun does not build native images; make a jar with jrun export fatjar SCRIPT and"
                    + " give it to GraalVM's native-image",
            "--interactive", "jrun runs scripts, it opens no JShell session; start jshell with the class path jrun info"
                    + " SCRIPT shows, or use jbang -i",
            "-i", "(JBang's --interactive) jrun runs scripts, it opens no JShell session; start jshell with the class"
                    + " path jrun info SCRIPT shows, or use jbang -i",
            "--jsh", "jrun takes a script for JShell when its name ends in .jsh; name it (or a link to it) NAME.jsh",
            "--code", "jrun runs no code given as an argument; give it on standard input: echo 'CODE' | jrun -",
            "-c", "(JBang's --code) jrun runs no code given as an argument; give it on standard input: echo 'CODE' | jrun -");

    /**
     * An unknown option of a command: JBang's that jrun has not (one line saying what to do
     * instead), or a did-you-mean of the command's own options; null for any other usage error.
     */
    static String unknownOption(picocli.CommandLine.ParameterException e) {
        if (!(e instanceof picocli.CommandLine.UnmatchedArgumentException u) || u.getUnmatched().isEmpty()) {
            return null;
        }
        String arg = u.getUnmatched().get(0);
        if (!arg.startsWith("-") || arg.equals("-") || arg.equals("--")) {
            return null;
        }
        String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
        picocli.CommandLine.Model.CommandSpec spec = e.getCommandLine().getCommandSpec();
        if (spec.userObject() instanceof JrunCommand && JBANG_ONLY.containsKey(name)) {
            return name + ": a JBang option jrun does not support: " + JBANG_ONLY.get(name);
        }
        String cmd = spec.qualifiedName();
        return dev.jrun.Similar.closest(name, spec.optionsMap().keySet())
                .map(o -> "unknown option: '" + name + "'; did you mean " + o + "? (see " + cmd + " --help)")
                .orElse("unknown option: '" + name + "'; see " + cmd + " --help");
    }

    /** For subcommands: fail with one line and a status. */
    public static JrunException usage(String message) {
        return new JrunException(ExitCode.USAGE, message);
    }
}
