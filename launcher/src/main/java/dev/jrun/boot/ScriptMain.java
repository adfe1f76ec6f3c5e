package dev.jrun.boot;

import java.io.File;
import java.io.IOException;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The main class of every cache entry: makes System.out and System.err end the process the way a
 * Unix tool ends when its reader has gone ({@link BrokenPipe}), tells the script where it lives,
 * then runs the script's own main as the java launcher would. The front end passes the script's
 * main class and the script's path (empty for a script read from standard input) as the first two
 * arguments, which this class takes off: as arguments, not JVM options, so that nothing of jrun's
 * is among the input arguments a script's child JVMs copy (a JMH fork, say).
 */
public final class ScriptMain {
    /** The script's real path. */
    public static final String SCRIPT = "jrun.script";
    /** The directory of {@link #SCRIPT}. */
    public static final String SCRIPT_DIR = "jrun.script.dir";
    /** The name JBang scripts read for their own path. */
    public static final String JBANG_SOURCE = "jbang.source";

    private ScriptMain() {
    }

    /** jrun's status for a script it cannot run (ExitCode.SCRIPT; this package may use none of jrun's). */
    private static final int NOT_RUNNABLE = 3;

    public static void main(String[] args) throws Throwable {
        BrokenPipe.install();
        if (args.length < 2) {
            System.err.println("jrun: error: dev.jrun.boot.ScriptMain is started by the jrun command, not by hand");
            System.exit(NOT_RUNNABLE);
        }
        locate(args[1]);
        recording();
        // (not Arrays.copyOfRange, which makes a String[] through reflection: a tenth of a millisecond)
        String[] scriptArgs = new String[args.length - 2];
        System.arraycopy(args, 2, scriptArgs, 0, scriptArgs.length);
        try {
            MainMethod.of(args[0], Runtime.version().feature()).invoke(scriptArgs);
        } catch (MainMethod.NotRunnable e) {
            System.err.println("jrun: error: " + e.getMessage());
            System.exit(NOT_RUNNABLE);
        } catch (Throwable e) {
            // printed by the JVM (and status 1) as if the launcher had called the script's main itself
            throw trimmed(e);
        }
    }

    /**
     * Under {@code jrun --jfr}: says, when the script ends, where the recording is and how to see it
     * (the JVM writes it as it exits).
     */
    private static void recording() {
        String file = System.getProperty("jrun.jfr");
        if (file == null || file.isEmpty()) {
            return;
        }
        String draw = System.getProperty("jrun.jfr.draw", "");
        boolean drawer = !draw.isEmpty() && new java.io.File(draw).isFile();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.err.println("jrun: the recording is "
                + file + "; see it with: jfr summary " + file + (drawer ? ", or draw its flame graph with: jrun " + draw
                        + " --read " + file + " --flame " + file + ".svg" : "")), "jrun-jfr"));
    }

    /**
     * Sets the script's real path and its directory, under jrun's names and JBang's: every symbolic
     * link resolved (through java.io, which the JVM has started already; the file-system provider of
     * java.nio.file would cost the run a quarter of a millisecond more).
     */
    private static void locate(String given) {
        if (given.isEmpty()) {
            return;
        }
        File path = new File(given);
        try {
            path = path.getCanonicalFile();
        } catch (IOException | RuntimeException e) {
            path = path.getAbsoluteFile(); // not resolvable: as given
        }
        System.setProperty(SCRIPT, path.getPath());
        if (path.getParent() != null) {
            System.setProperty(SCRIPT_DIR, path.getParent());
        }
        System.setProperty(JBANG_SOURCE, path.getPath());
    }

    /**
     * Drops this class's and reflection's frames from the bottom of the stack traces of {@code t},
     * its causes and suppressed exceptions, so that an uncaught exception prints as it would
     * without jrun: ending at the script's main.
     */
    static Throwable trimmed(Throwable t) {
        trim(t, new IdentityHashMap<>());
        return t;
    }

    private static void trim(Throwable t, Map<Throwable, Boolean> seen) {
        if (t == null || seen.put(t, Boolean.TRUE) != null) {
            return;
        }
        StackTraceElement[] trace = t.getStackTrace();
        int n = trace.length;
        while (n > 0 && isLauncherFrame(trace[n - 1].getClassName())) {
            n--;
        }
        if (n < trace.length) {
            t.setStackTrace(Arrays.copyOf(trace, n));
        }
        trim(t.getCause(), seen);
        for (Throwable s : t.getSuppressed()) {
            trim(s, seen);
        }
    }

    private static boolean isLauncherFrame(String cls) {
        return cls.startsWith("dev.jrun.boot.") || cls.equals("java.lang.Class") || cls.startsWith("jdk.internal.reflect.")
                || cls.startsWith("java.lang.reflect.") || cls.startsWith("java.lang.invoke.");
    }
}
