package dev.jrun;

import java.io.IOException;
import java.io.UncheckedIOException;

/** How every jrun program (the CLI, the builder, the compiler JVM) ends on a failure. */
public final class Report {
    private Report() {
    }

    /** Prints {@code e} as one {@code jrun: error:} line (with its stack trace under --verbose); returns the status. */
    public static int failure(Throwable e, boolean verbose) {
        return failure(e, verbose, System.err);
    }

    /** The same, printed to {@code err} (a compile server's client's). */
    public static int failure(Throwable e, boolean verbose, java.io.PrintStream err) {
        int status;
        String message;
        if (e instanceof JrunException j) {
            status = j.status();
            message = j.getMessage();
        } else if (e instanceof IOException || e instanceof UncheckedIOException) {
            status = ExitCode.CACHE;
            message = "I/O error: " + e.getMessage() + "; check the cache root and the script's files (--verbose tells more)";
        } else if (e instanceof OutOfMemoryError) {
            status = ExitCode.INTERNAL;
            message = "out of memory while building; set JRUN_BUILDER_OPTS=-Xmx1g or more";
        } else {
            status = ExitCode.INTERNAL;
            message = "internal error: " + e + "; run with --verbose for details and report it";
        }
        if (message != null) {
            err.println("jrun: error: " + message);
        }
        if (verbose && message != null) {
            e.printStackTrace(err);
        }
        return status;
    }
}
