package dev.jrun.entry;

import dev.jrun.plan.Check;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The two files through which a cache entry tells the sh front end how to start the script:
 * {@code java.args}, the JVM's options and class path as a java {@code @argfile}, and
 * {@code run.env}, sourced by sh, which names the java binary and the main class and defines
 * {@code jrun_valid}, the entry's own freshness test.
 */
public final class LaunchFiles {
    public static final String ARGS = "java.args";
    public static final String ENV = "run.env";

    private LaunchFiles() {
    }

    /**
     * Writes both files into {@code dir}.
     *
     * @param java     the java binary
     * @param jvmArgs  options for it, the class path among them; the main class and the script's
     *                 arguments follow on the command line
     * @param extraEnv further {@code name='value'} lines for the front end (already quoted)
     */
    public static void write(Path dir, Path java, String mainClass, List<String> jvmArgs, List<Check> checks,
            List<String> extraEnv) throws IOException {
        Files.writeString(dir.resolve(ARGS), ArgFile.format(jvmArgs), StandardCharsets.UTF_8);
        StringBuilder env = new StringBuilder();
        env.append("# written by jrun's builder; sourced by the jrun front end on every cached run\n");
        env.append("jrun_java=").append(Sh.quote(java.toString())).append('\n');
        env.append("jrun_main=").append(Sh.quote(mainClass)).append('\n');
        extraEnv.forEach(line -> env.append(line).append('\n'));
        env.append("jrun_valid() {\n    ").append(ShellTest.of(new Check.Executable(java)));
        for (Check check : checks) {
            env.append(" &&\n    ").append(ShellTest.of(check));
        }
        env.append("\n}\n");
        Files.writeString(dir.resolve(ENV), env.toString(), StandardCharsets.UTF_8);
    }
}
