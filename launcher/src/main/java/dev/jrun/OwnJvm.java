package dev.jrun;

import java.util.List;

/**
 * The options of every JVM that runs jrun's own code (the CLI, the builder, the archive maker,
 * clean-up, compiler JVMs, the analyser, the compile server): a short-lived tool's start. Never a
 * script's JVM. The front end's copy, {@code jrun_own_jvm} in launcher/src/main/sh/jrun, is held to
 * this one by {@code OwnJvmContractTest}.
 */
public final class OwnJvm {
    /** C1 only, the serial collector, the JDK's class archive if it has one, no perf data file. */
    public static final List<String> OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
            "-XX:-UsePerfData");

    /**
     * Added for a JVM that stays up and waits (the compile server, its compilers for other JDKs):
     * a deep stack for javac, a small heap that is given back when idle, and javac's JavacTaskPool
     * (dev.jrun.compile.KeptContexts), which needs its package exported.
     */
    public static final List<String> RESIDENT = List.of("-Xss4m", "-Xms4m", "-XX:NewSize=2m", "-XX:MaxNewSize=32m",
            "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=20", "-XX:-ShrinkHeapInSteps",
            "--add-exports=jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED");

    private OwnJvm() {
    }

    /** {@code java} and {@link #OPTIONS}, to which a caller adds its class path and main class. */
    public static java.util.ArrayList<String> command(String java) {
        java.util.ArrayList<String> cmd = new java.util.ArrayList<>();
        cmd.add(java);
        cmd.addAll(OPTIONS);
        return cmd;
    }
}
