package dev.jrun.entry;

import dev.jrun.plan.Check;
import java.nio.file.Path;
import java.util.List;

/**
 * A build's {@code run.env}: the contract with the sh front end, which sources it on every cached
 * run. It sets {@code jrun_java} (the java binary), {@code jrun_main} (the main class),
 * {@code jrun_java_major}, {@code jrun_noaot} (//NOAOT), the archive's variables
 * ({@code jrun_aot_file}, {@code jrun_aot_why}, {@code jrun_aot_fresh}), defines {@code jrun_valid}
 * (the build's own freshness checks, joined with {@code &&}), and ends with {@value Entry#COMPLETE},
 * without which the front end does not trust it. Only this type writes it.
 *
 * @param aotLines the archive's lines, already sh ({@code dev.jrun.aot.AotFiles} makes them)
 */
public record RunEnv(Path java, String main, int javaMajor, boolean noAot, List<String> aotLines, List<Check> checks) {

    public String render() {
        StringBuilder env = new StringBuilder();
        env.append("# written by jrun's builder; sourced by the jrun front end on every cached run\n");
        env.append("jrun_java=").append(Sh.quote(java.toString())).append('\n');
        env.append("jrun_main=").append(Sh.quote(main)).append('\n');
        env.append("jrun_java_major=").append(javaMajor).append('\n');
        env.append("jrun_noaot=").append(Sh.quote(noAot ? "1" : "")).append('\n');
        aotLines.forEach(line -> env.append(line).append('\n'));
        env.append("jrun_valid() {\n    ").append(ShellTest.of(new Check.Executable(java)));
        for (Check check : checks) {
            env.append(" &&\n    ").append(ShellTest.of(check));
        }
        env.append("\n}\n");
        env.append(Entry.COMPLETE).append('\n');
        return env.toString();
    }
}
