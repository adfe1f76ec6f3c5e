package dev.jrun.secure;

import dev.jrun.ExitCode;
import dev.jrun.JrunException;
import dev.jrun.deps.Coordinate;
import dev.jrun.deps.MavenResolver;
import dev.jrun.plan.Jdk;
import dev.jrun.script.Directive;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The analyser: SpotBugs with the Find Security Bugs plugin, which jrun does not ship but resolves
 * on first use like a script's //DEPS (Maven Central through settings.xml's mirrors, into the local
 * repository), and runs in a JVM of the script's JDK ({@link AnalyserMain}).
 */
final class Analyser {
    static final String SPOTBUGS = "com.github.spotbugs:spotbugs:4.9.8";
    static final String FIND_SEC_BUGS = "com.h3xstream.findsecbugs:findsecbugs-plugin:1.14.0";

    private final List<Path> jars;
    private final Path plugin;

    private Analyser(List<Path> jars, Path plugin) {
        this.jars = jars;
        this.plugin = plugin;
    }

    /** Resolves the analyser's jars (downloading them the first time). */
    static Analyser resolve(boolean offline, PrintStream err) {
        Directive d = new Directive("DEPS", SPOTBUGS + " " + FIND_SEC_BUGS, "jrun check's analyser", 0);
        List<Coordinate> tool = new ArrayList<>();
        for (String gav : List.of(SPOTBUGS, FIND_SEC_BUGS)) {
            String[] p = gav.split(":");
            tool.add(new Coordinate(p[0], p[1], p[2], "", "jar", d));
        }
        List<Path> jars = new ArrayList<>();
        Path plugin = null;
        for (Path jar : MavenResolver.resolveTool(tool, offline, err)) {
            if (jar.getFileName().toString().startsWith("findsecbugs-plugin-")) {
                plugin = jar;
            } else {
                jars.add(jar);
            }
        }
        return new Analyser(jars, plugin);
    }

    /** Only compiles (for jrun update): no analyser jars. */
    static Analyser compileOnly() {
        return new Analyser(List.of(), null);
    }

    /**
     * Runs the analyser JVM on {@code req} (written to {@code dir}); its findings go to standard output.
     * Returns its status: 0 clean, 1 findings, 4 compile errors.
     */
    int run(Jdk jdk, CheckRequest req, Path dir, boolean verbose) throws IOException {
        CheckRequest r = new CheckRequest(req.units(), req.names(), req.classpath(), req.options(), req.classes(), plugin);
        Path file = dir.resolve("check.request");
        r.write(file);
        StringBuilder cp = new StringBuilder();
        jars.forEach(j -> cp.append(j).append(File.pathSeparatorChar));
        cp.append(ownJar());
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.contains("slf4j-nop")) {
                cp.append(File.pathSeparatorChar).append(entry); // SpotBugs logs through SLF4J: quietly
            }
        }
        List<String> cmd = dev.jrun.OwnJvm.command(jdk.java().toString());
        cmd.addAll(List.of("-cp", cp.toString(), AnalyserMain.class.getName(), file.toString()));
        if (verbose) {
            cmd.add("verbose");
        }
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        try {
            return p.waitFor();
        } catch (InterruptedException e) {
            p.destroy();
            Thread.currentThread().interrupt();
            throw new JrunException(ExitCode.INTERNAL, "interrupted while analysing");
        }
    }

    private static Path ownJar() {
        try {
            return Path.of(Analyser.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
